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

# About 1 MB of X per chunk: it stays in a 2 MB cache while both passes over it run.
CHUNK_BYTES = 1 << 20
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
    """J at some weights, its mean loss alone, the scores z it was computed from, and dJ/dW, dJ/db."""

    cost: float
    loss: float
    z: np.ndarray
    grad: Params


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
    params: Params, X: np.ndarray, T: np.ndarray, loss: Loss, l2: float = 0.0, threads: int = 1
) -> CostAndGrad:
    """J and its gradient with respect to W and b, sharing z and dL/dz between them.

    threads > 1 splits the chunks into that many consecutive runs, one per thread, each summing
    its own dW, db and loss; the runs' sums are then added in the runs' order, so the result is
    the same on every call (and equals the one-thread result to rounding). Data of fewer than
    MIN_CHUNKS_PER_THREAD chunks per thread is done on the calling thread alone. While more than
    one chunk is walked, BLAS runs on one thread: many small BLAS calls threaded by OpenBLAS wait
    on each other (measured 4-7x slower under load at D = 3000 and for softmax with K = 10).
    """
    n = X.shape[0]
    W, b = params
    z = np.empty((W.shape[0], n) if loss.multiclass else n, dtype=X.dtype)
    rows = chunk_rows(X)
    n_chunks = -(-n // rows)
    runs = max(1, min(threads, n_chunks // MIN_CHUNKS_PER_THREAD))

    def run_sums(run: int) -> tuple[np.ndarray, np.ndarray, float]:
        first, stop = split_evenly(n_chunks, runs)[run]
        with np.errstate(over="ignore", invalid="ignore"):  # errstate is per thread
            return _chunk_sums(W, b, X, T, loss, z, first * rows, min(stop * rows, n), rows)

    with np.errstate(over="ignore", invalid="ignore"):
        # One chunk is one call of each kind; a loop of them is held to one BLAS thread (chunk_threads).
        sums = run_in_threads(run_sums, runs) if n_chunks > 1 else [_chunk_sums(W, b, X, T, loss, z, 0, n, rows)]
        dW, db, total = sums[0]
        for run_dW, run_db, run_total in sums[1:]:
            dW += run_dW
            db += run_db
            total += run_total
        dW /= n
        db /= n
        if l2:
            dW += l2 * W
    mean_loss = total / n
    return CostAndGrad(
        cost=mean_loss + l2_penalty(params, l2), loss=mean_loss, z=z.T if loss.multiclass else z, grad=Params(dW, db)
    )


def _chunk_sums(
    W: np.ndarray, b: np.ndarray, X: np.ndarray, T: np.ndarray, loss: Loss, z: np.ndarray, begin: int, end: int, rows: int
) -> tuple[np.ndarray, np.ndarray, float]:
    """Over rows begin..end of X in chunks of `rows`: sum dL/dz^T X (K, D), sum dL/dz (K,), sum L;
    the scores go into z's columns begin..end. The caller sets np.errstate (overflow is a result)."""
    starts = range(begin, end, rows)
    if not starts:
        return np.zeros_like(W), np.zeros_like(b), 0.0
    # The first chunk's sums are fresh arrays that the later chunks add to: small data is one chunk.
    dW, db, total = _chunk_terms(W, b, X, T, loss, z, begin, min(begin + rows, end))
    for start in starts[1:]:
        chunk_dW, chunk_db, chunk_total = _chunk_terms(W, b, X, T, loss, z, start, min(start + rows, end))
        dW += chunk_dW
        db += chunk_db
        total += chunk_total
    return dW, db, total


def _chunk_terms(
    W: np.ndarray, b: np.ndarray, X: np.ndarray, T: np.ndarray, loss: Loss, z: np.ndarray, start: int, stop: int
) -> tuple[np.ndarray, np.ndarray, float]:
    """For the chunk X[start:stop]: dL/dz^T chunk (K, D), sum dL/dz (K,) and sum L, writing its scores into z."""
    chunk, t = X[start:stop], T[start:stop]
    if loss.multiclass:
        zc = z[:, start:stop]
        _class_scores(W, chunk, zc)
        zc += b[:, np.newaxis]
        values, dl_dz = loss.value_and_grad(zc.T, t)
        return _class_gradients(dl_dz, chunk), dl_dz.sum(axis=0), float(values.sum())
    zc = z[start:stop]
    np.matmul(chunk, W[0], out=zc)
    zc += b[0]
    values, dl_dz = loss.value_and_grad(zc, t)
    return (dl_dz @ chunk)[np.newaxis], np.add.reduce(dl_dz, keepdims=True), float(values.sum())


def _class_scores(W: np.ndarray, chunk: np.ndarray, out: np.ndarray) -> None:
    """out (K, n) = W chunk^T: one product per class while K is small, else one for all."""
    if W.shape[0] > MATVEC_MAX_CLASSES:
        np.matmul(W, chunk.T, out=out)
        return
    for k in range(W.shape[0]):
        np.matmul(chunk, W[k], out=out[k])


def _class_gradients(dl_dz: np.ndarray, chunk: np.ndarray) -> np.ndarray:
    """dl_dz^T chunk (K, D) with dl_dz (n, K), split like _class_scores."""
    if dl_dz.shape[1] > MATVEC_MAX_CLASSES:
        return dl_dz.T @ chunk
    return np.stack([dl_dz[:, k] @ chunk for k in range(dl_dz.shape[1])])
