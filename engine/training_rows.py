"""Where a Trainer's rows live, behind one small interface, so the same step-wise Trainer trains on
arrays in memory (here), on a file read chunk by chunk, or on a Dask cluster.

Shapes: X (N, D), integer labels y (N,) in 0..K-1, targets T in the loss's encoding ((N,) or
(N, K) one-hot); the weights are Params(W (K, D), b (K,)).

A source gives:
- `point(params, loss, l2)`: one pass over all its rows at the weights: J = mean loss + (l2/2)||W||^2,
  the mean loss, the error rate and dJ/d(W, b) (engine.progress.Point);
- `measure(params, loss, l2)`: (J, mean loss, error rate) without the gradient;
- `batch(epoch, position, size, seed)`: the `size` rows an epoch's minibatch at `position` uses, in
  memory, as a deterministic function of (seed, epoch, position) so a restored run draws the same;
- `gram_eigenvalue()` (lambda_max of X1^T X1 / N, X1 = [X, 1], estimated on the safe side),
  `largest_squared_norm()` (max_i ||x_i||^2) and `feature_scales()`: what the learning rate
  (engine.curvature, engine.learning_rate) and the divergence advice are made from.
"""

from __future__ import annotations

import math
from typing import Protocol

import numpy as np

from engine.column_stats import column_mean_std
from engine.curvature import largest_gram_eigenvalue
from engine.losses import Loss
from engine.minibatches import ShuffledOnce
from engine.objective import Params, chunk_rows, cost_and_grad, l2_penalty, scores
from engine.one_chunk_pass import OneChunkPass
from engine.progress import Point


class TrainingRows(Protocol):
    """The rows a Trainer trains or validates on; see the module docstring."""

    @property
    def n_rows(self) -> int: ...

    @property
    def n_features(self) -> int: ...

    def point(self, params: Params, loss: Loss, l2: float) -> Point: ...

    def measure(self, params: Params, loss: Loss, l2: float) -> tuple[float, float, float]: ...

    def batch(self, epoch: int, position: int, size: int, seed: int) -> InMemoryRows: ...

    def gram_eigenvalue(self) -> float: ...

    def largest_squared_norm(self) -> float: ...

    def feature_scales(self) -> tuple[float, float]: ...


class InMemoryRows:
    """Rows held as NumPy arrays: X (N, D) C-contiguous in the run's dtype, y (N,), T encoded.

    `one_chunk` holds the buffers of the pass of a binary loss over rows of one chunk
    (engine.one_chunk_pass): made once, and shared by every minibatch drawn from these rows.
    """

    def __init__(
        self, X: np.ndarray, y: np.ndarray, T: np.ndarray, threads: int = 1, one_chunk: OneChunkPass | None = None
    ) -> None:
        self.X, self.y, self.T = X, y, T
        self.threads = threads
        self._one_chunk = one_chunk
        self._shuffled: ShuffledOnce | None = None

    @classmethod
    def of(cls, X: np.ndarray, y: np.ndarray, loss: Loss, n_classes: int, dtype: str, threads: int = 1) -> InMemoryRows:
        """X converted to `dtype` (no copy when it already is), y to integers, T encoded for `loss`;
        a full pass over them runs on `threads` threads."""
        X = np.ascontiguousarray(X, dtype=dtype)
        y = np.asarray(y, dtype=np.intp)
        return cls(X, y, loss.encode(y, n_classes, X.dtype), threads)

    @property
    def n_rows(self) -> int:
        return int(self.X.shape[0])

    @property
    def n_features(self) -> int:
        return int(self.X.shape[1])

    def point(self, params: Params, loss: Loss, l2: float) -> Point:
        buffers = None if loss.multiclass else self._one_chunk_pass(self.X.shape[0])
        if buffers is not None:
            return buffers.point(params, self.X, self.T, self.y, loss, l2)
        result = cost_and_grad(params, self.X, self.T, loss, l2, self.threads, labels=self.y)
        dW, db = result.grad
        return Point(result.cost, result.loss, result.errors / self.n_rows, result.grad, math.sqrt(float(np.vdot(dW, dW)) + float(np.vdot(db, db))))

    def measure(self, params: Params, loss: Loss, l2: float) -> tuple[float, float, float]:
        z = scores(params, self.X, loss)
        with np.errstate(over="ignore", invalid="ignore"):
            mean_loss = float(loss.value(z, self.T).mean())
        return mean_loss + l2_penalty(params, l2), mean_loss, float(np.mean(loss.predict(z) != self.y))

    def batch(self, epoch: int, position: int, size: int, seed: int) -> InMemoryRows:
        """A view of the rows shuffled once by the seed (engine.minibatches): slicing, not gathering.
        Its one-chunk pass runs in buffers these rows keep, made for `size` rows once."""
        if self._shuffled is None or self._shuffled.seed != seed:
            self._shuffled = ShuffledOnce(self.X, self.y, self.T, seed)
        return InMemoryRows(*self._shuffled.batch(epoch, position, size), one_chunk=self._one_chunk_pass(size))

    def _one_chunk_pass(self, rows: int) -> OneChunkPass | None:
        """The buffers of the one-chunk pass for `rows` rows of X's width, made the first time they
        are needed (the size of a chunk is looked up only then); None for more rows than a chunk."""
        buffers = self._one_chunk
        if buffers is not None and buffers.rows >= rows:
            return buffers
        if rows > chunk_rows(self.X):
            return None
        self._one_chunk = buffers = OneChunkPass(rows, self.X.dtype)
        return buffers

    def gram_eigenvalue(self) -> float:
        return largest_gram_eigenvalue(self.X)

    def largest_squared_norm(self) -> float:
        with np.errstate(over="ignore", invalid="ignore"):  # data near 1e308: inf, which callers check
            return float(np.max(np.einsum("ij,ij->i", self.X, self.X, dtype=np.float64)))

    def feature_scales(self) -> tuple[float, float]:
        """The smallest and largest standard deviation among the non-constant feature columns."""
        std = column_mean_std(self.X)[1]
        std = std[std > 0]
        return (float(std.min()), float(std.max())) if std.size else (1.0, 1.0)
