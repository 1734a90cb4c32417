"""The cost-and-gradient pass of a binary loss over rows that fit in one chunk, in buffers made once.

Small data (breast_cancer, 569 x 30) and minibatches (512 x 100) are a single chunk of
engine.objective's pass, where the pass's Python and allocations cost as much as its arithmetic.
Here the scores z = X w + b (n,), the loss's value and dL/dz and its scratch arrays live in
buffers made once per training set and reused by every step. What a step hands out (the gradient
in its Point) is a new array each time, so a buffer never reaches a snapshot.
The buffers belong to the rows of one trainer, which steps on one thread at a time.

The gradient of the weights and of the bias go into one new array, so one product, one scaling
and one inner product serve both:

    g = [(dL/dz)^T X, sum_i dL/dz_i] / n + [l2 w, 0] = [dJ/dw, dJ/db]  (D + 1,),   ||grad|| = sqrt(g . g),
    J = mean_i L(z_i, t_i) + (l2 / 2) ||w||^2,   error = mean_i 1[(z_i > threshold) != y_i],

each sum taken as engine.objective.cost_and_grad takes it, so the numbers are the same.
"""

from __future__ import annotations

import math

import numpy as np

from engine.losses import LOSSES, Loss
from engine.objective import Params, l2_penalty
from engine.progress import Point


# Every binary loss works in at most this many scratch arrays.
SCRATCH_ARRAYS = max(loss.scratch_arrays for loss in LOSSES.values() if not loss.multiclass)


class OneChunkPass:
    """Buffers for up to `rows` rows in `dtype`; `point` runs the pass of a binary loss in them."""

    def __init__(self, rows: int, dtype: np.dtype) -> None:
        self.rows = rows
        self._z, self._value, self._dl_dz, *self._scratch = np.empty((3 + SCRATCH_ARRAYS, rows), dtype)
        self._wrong = np.empty(rows, bool)
        self._targets: tuple[np.ndarray, Loss, np.ndarray] | None = None  # (T, loss, T in the loss's in-place form)

    def point(self, params: Params, X: np.ndarray, T: np.ndarray, y: np.ndarray, loss: Loss, l2: float) -> Point:
        """The Point of `params` on the n <= rows rows X (n, D), targets T (n,), labels y (n,)."""
        n, d = X.shape
        z, value, dl_dz, wrong = self._z, self._value, self._dl_dz, self._wrong
        scratch = self._scratch[: loss.scratch_arrays]
        if n < self.rows:  # a ragged last batch
            z, value, dl_dz, wrong, scratch = z[:n], value[:n], dl_dz[:n], wrong[:n], [part[:n] for part in scratch]
        W, b = params
        with np.errstate(over="ignore", invalid="ignore"):  # overflow is a result: the trainer checks it
            np.matmul(X, W[0], out=z)
            z += b[0]
            loss.value_and_grad_into(z, self._in_place_targets(T, loss), value, dl_dz, scratch)
            mean_loss = float(np.add.reduce(value)) / n
            g = np.empty(d + 1, X.dtype)
            np.matmul(dl_dz, X, out=g[:d])
            g[d] = np.add.reduce(dl_dz)
            g /= n
            if l2:
                g[:d] += l2 * W[0]
            norm = math.sqrt(float(np.vdot(g, g)))
        np.greater(z, loss.threshold, out=wrong)
        np.not_equal(wrong, y, out=wrong)
        grad = Params(g[np.newaxis, :d], g[d:])
        return Point(mean_loss + l2_penalty(params, l2), mean_loss, np.count_nonzero(wrong) / n, grad, norm)

    def _in_place_targets(self, T: np.ndarray, loss: Loss) -> np.ndarray:
        """`loss.in_place_targets(T)`, kept while the same T comes back (a full batch: every step); a
        minibatch's T is a new view each step, converted each time. T is held, so its identity is never reused."""
        kept = self._targets
        if kept is None or kept[0] is not T or kept[1] is not loss:
            self._targets = kept = (T, loss, loss.in_place_targets(T))
        return kept[2]

