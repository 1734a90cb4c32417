"""The cost of a linear classifier on a dataset and its gradient, in one pass.

Model (Eq. 22): z = W x + b with W of shape (K, D) and b of shape (K,); K = 1 for a binary
loss, whose scores are then the vector z = X w + b of shape (N,).

Cost: J(W, b) = (1/N) sum_i L(z_i, t_i) + (l2 / 2) ||W||^2 (the bias is not penalised).

Gradient, by the lecture's procedure (Eq. 10-12): first dL/dz for every example, then
    dJ/dW = (dL/dz)^T X / N + l2 W,   dJ/db = mean_i dL/dz_i.
This is the one hot loop of the engine. X is walked in chunks of about CHUNK_BYTES, and each
chunk's z, dL/dz and share of (dL/dz)^T X are computed while the chunk is still in cache, so
X crosses the memory bus once per step instead of twice. K logits are kept as (K, n) rows,
so the softmax's reductions run over K long rows rather than n rows of K.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from engine.chunk_threads import run_in_threads, split_evenly
from engine.losses import Loss

# About 2 MiB of X per chunk. Measured on 2 threads (AMD EPYC, 1 MiB L2 a core, 32 MiB L3), cross-entropy
# on 1e6 x 100 against one read: 3.2 / 2.4 / 2.4 / 2.7 / 3.0 at 0.5 / 1 / 2 / 4 / 8 MiB in float64,
# 3.8 / 2.4 / 2.1 / 2.2 / 2.7 in float32 (D = 10: 8.0 / 6.2 / 6.2 / 7.7 / 9.9): smaller chunks pay more
# Python per row, larger ones leave the cache.
CHUNK_BYTES = 2 << 20
# Up to this many classes, K matrix-vector products beat one matrix product with K rows
# (measured at 2x for K = 2, even at K = 5): BLAS handles a thin matrix poorly.
MATVEC_MAX_CLASSES = 4
# A thread is worth its dispatch (tens of microseconds) only with a few chunks to do.
MIN_CHUNKS_PER_THREAD = 2


class Params(NamedTuple):
    """The weights of a linear model: W (K, D) and b (K,)."""

    W: np.ndarray
    b: np.ndarray


@dataclass(frozen=True)
class CostAndGrad:
    """J at some weights, its mean loss alone, the scores z it was computed from, and dJ/dW, dJ/db;
    given labels, also how many examples the weights misclassify (and z is None for a binary loss,
    whose errors are counted chunk by chunk instead of from a kept z)."""

    cost: float
    loss: float
    z: np.ndarray | None
    grad: Params
    errors: int | None = None


class _Sums(NamedTuple):
    """A run of chunks' sums: dL/dz^T X (K, D), dL/dz (K,), L, and misclassified examples (None: not counted)."""

    dW: np.ndarray
    db: np.ndarray
    total: float
    errors: int | None


def scores(params: Params, X: np.ndarray, loss: Loss) -> np.ndarray:
    """z = X W^T + b: shape (N,) for a binary loss, (N, K) for softmax-cross-entropy."""
    if loss.multiclass:
        return (params.W @ X.T + params.b[:, np.newaxis]).T
    return X @ params.W[0] + params.b[0]


def l2_penalty(params: Params, l2: float) -> float:
    """(l2 / 2) ||W||^2; the bias is not penalised."""
    return 0.5 * l2 * float(np.vdot(params.W, params.W)) if l2 else 0.0


def cost(params: Params, X: np.ndarray, T: np.ndarray, loss: Loss, l2: float = 0.0) -> float:
    """J(W, b) for data X (N, D) and targets T in the loss's encoding."""
    z = scores(params, X, loss)
    return float(loss.value(z, T).mean()) + l2_penalty(params, l2)


def chunk_rows(X: np.ndarray) -> int:
    """Rows per chunk: about CHUNK_BYTES of X, and never fewer than 256."""
    return max(256, CHUNK_BYTES // max(1, X.shape[1] * X.itemsize))


def cost_and_grad(
    params: Params, X: np.ndarray, T: np.ndarray, loss: Loss, l2: float = 0.0, threads: int = 1, labels: np.ndarray | None = None
) -> CostAndGrad:
    """J and its gradient with respect to W and b, sharing z and dL/dz between them; with the class
    labels (N,), also the count of examples misclassified, 1[z > threshold] != y for a binary loss.

    threads > 1 splits the chunks into that many consecutive runs, one per thread, each summing
    its own dW, db and loss; the runs' sums are then added in the runs' order, so the result is
    the same on every call (and equals the one-thread result to rounding). Data of fewer than
    MIN_CHUNKS_PER_THREAD chunks per thread is done on the calling thread alone. While more than
    one chunk is walked, BLAS runs on one thread: many small BLAS calls threaded by OpenBLAS wait
    on each other (measured 4-7x slower under load at D = 3000 and for softmax with K = 10).
    """
    n = X.shape[0]
    W, b = params
    # Counted in the pass, a binary loss's errors need no z: no N-sized array is made (its fresh pages
    # cost ~3 us each to map here, 5 ms a step on 1e6 rows) and z and y are not read a second time.
    count_in_pass = labels is not None and not loss.multiclass
    z = None if count_in_pass else np.empty((W.shape[0], n) if loss.multiclass else n, dtype=X.dtype)
    rows = chunk_rows(X)
    n_chunks = -(-n // rows)
    runs = max(1, min(threads, n_chunks // MIN_CHUNKS_PER_THREAD))

    def run_sums(run: int) -> _Sums:
        """Over this run's rows begin..end: sum dL/dz^T X (K, D), sum dL/dz (K,), sum L, and the errors
        counted in the pass (binary losses given labels) or None."""
        first, stop = split_evenly(n_chunks, runs)[run]
        begin, end = first * rows, min(stop * rows, n)
        if begin >= end:  # no rows at all
            return _Sums(np.zeros_like(W), np.zeros_like(b), 0.0, 0 if count_in_pass else None)
        with np.errstate(over="ignore", invalid="ignore"):  # errstate is per thread; overflow is a result
            if loss.multiclass:
                return _class_chunk_sums(W, b, X, T, loss, z, begin, end, rows)
            return _binary_chunk_sums(W[0], b, X, T, loss, z, begin, end, rows, labels if count_in_pass else None)

    with np.errstate(over="ignore", invalid="ignore"):
        # One chunk is one call of each kind; a loop of them is held to one BLAS thread (chunk_threads).
        sums = run_in_threads(run_sums, runs) if n_chunks > 1 else [run_sums(0)]
        dW, db, total, errors = sums[0]
        for run in sums[1:]:
            dW += run.dW
            db += run.db
            total += run.total
            errors = None if errors is None else errors + run.errors
        dW /= n
        db /= n
        if l2:
            dW += l2 * W
    mean_loss = total / n
    if labels is not None and errors is None:
        errors = int(np.count_nonzero(loss.predict(z.T) != labels))
    return CostAndGrad(
        cost=mean_loss + l2_penalty(params, l2),
        loss=mean_loss,
        z=z.T if loss.multiclass else z,
        grad=Params(dW, db),
        errors=errors,
    )


def _binary_chunk_sums(
    w: np.ndarray,
    b: np.ndarray,
    X: np.ndarray,
    T: np.ndarray,
    loss: Loss,
    z: np.ndarray | None,
    begin: int,
    end: int,
    rows: int,
    labels: np.ndarray | None,
) -> _Sums:
    """A run's sums (cost_and_grad's run_sums) for one score per example, w (D,), in buffers made once:
    a chunk allocates nothing. The scores go into z's rows begin..end, or, given labels, into a chunk's
    buffer only while the misclassified rows are counted. The caller sets np.errstate.

    A chunk's L and dL/dz fill one (2, n) block, added in one call to a float64 running sum, and
    its share of dL/dz^T X is a row of `shares`: each sum is taken once, after the last chunk, so a
    chunk makes few short NumPy calls (on 2 threads each one can wait for the other's GIL). Given
    labels, each chunk's predictions 1[z > threshold] go into one bool per row, compared with the
    labels once, after the last chunk.
    """
    targets = loss.in_place_targets(T[begin:end])
    starts = range(begin, end, rows)
    block, *scratch = np.empty((1 + loss.scratch_arrays, 2, min(rows, end - begin)), X.dtype)
    scratch = [part[0] for part in scratch]
    z_chunk = np.empty(block.shape[1], X.dtype) if z is None else None
    predicted = None if labels is None else np.empty(end - begin, bool)
    shares = np.empty((len(starts), X.shape[1]), X.dtype)
    running = np.zeros(block.shape) if len(starts) > 1 else None  # one chunk (small data) is summed as it is
    for i, start in enumerate(starts):
        stop = min(start + rows, end)
        chunk, size = X[start:stop], stop - start
        zc = z_chunk[:size] if z is None else z[start:stop]
        np.matmul(chunk, w, out=zc)
        zc += b[0]
        if size < block.shape[1]:  # the ragged last chunk
            block, scratch = block[:, :size], [part[:size] for part in scratch]
        if predicted is not None:
            np.greater(zc, loss.threshold, out=predicted[start - begin : stop - begin])
        loss.value_and_grad_into(zc, targets[start - begin : stop - begin], block[0], block[1], scratch)
        np.matmul(block[1], chunk, out=shares[i])
        if running is not None:
            running[:, :size] += block
    errors = None if predicted is None else int(np.count_nonzero(np.not_equal(predicted, labels[begin:end], out=predicted)))
    if running is None:
        return _Sums(shares, np.add.reduce(block[1], keepdims=True), float(block[0].sum()), errors)
    total, db = running.sum(axis=1)
    return _Sums(shares.sum(axis=0, keepdims=True), np.array([db], X.dtype), float(total), errors)


def _class_chunk_sums(
    W: np.ndarray, b: np.ndarray, X: np.ndarray, T: np.ndarray, loss: Loss, z: np.ndarray, begin: int, end: int, rows: int
) -> _Sums:
    """A run's sums (cost_and_grad's run_sums) for K scores per example, kept as z's (K, n) rows, in (K, n) buffers made once
    and given to the loss as (n, K) views: a chunk allocates nothing of the chunk's size."""
    targets = loss.in_place_targets(T[begin:end])
    values = np.empty(min(rows, end - begin), X.dtype)
    dl_dz, *scratch = np.empty((1 + loss.scratch_arrays, W.shape[0], len(values)), X.dtype)
    dW, db, share, total = np.zeros_like(W), np.zeros_like(b), np.empty_like(W), 0.0
    for start in range(begin, end, rows):
        stop = min(start + rows, end)
        chunk, zc, size = X[start:stop], z[:, start:stop], stop - start
        _class_scores(W, chunk, zc)
        zc += b[:, np.newaxis]
        if size < len(values):  # the ragged last chunk
            values, dl_dz, scratch = values[:size], dl_dz[:, :size], [part[:, :size] for part in scratch]
        loss.value_and_grad_into(zc.T, targets[start - begin : stop - begin], values, dl_dz.T, [part.T for part in scratch])
        dW += _class_gradients(dl_dz, chunk, share)
        db += dl_dz.sum(axis=1)
        total += float(values.sum())
    return _Sums(dW, db, total, None)


def _class_scores(W: np.ndarray, chunk: np.ndarray, out: np.ndarray) -> None:
    """out (K, n) = W chunk^T: one product per class while K is small, else one for all."""
    if W.shape[0] > MATVEC_MAX_CLASSES:
        np.matmul(W, chunk.T, out=out)
        return
    for k in range(W.shape[0]):
        np.matmul(chunk, W[k], out=out[k])


def _class_gradients(dl_dz: np.ndarray, chunk: np.ndarray, out: np.ndarray) -> np.ndarray:
    """out (K, D) = dl_dz chunk with dl_dz (K, n), split like _class_scores."""
    if dl_dz.shape[0] > MATVEC_MAX_CLASSES:
        return np.matmul(dl_dz, chunk, out=out)
    for k in range(dl_dz.shape[0]):
        np.matmul(dl_dz[k], chunk, out=out[k])
    return out
