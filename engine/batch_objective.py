"""The cost of one batch as a function the line-search optimisers (L-BFGS, Newton) can call.

`point(params)` is one fused pass over the rows (engine.training_rows) giving J, the mean loss, the
error rate and the gradient at trial weights; `hessian(params)` the exact (P, P) Hessian. The
last point measured is remembered, so the trainer reuses the accepted trial point as the next
step's record instead of measuring it again.
"""

from __future__ import annotations

import numpy as np

from engine.hessian import hessian
from engine.losses import Loss
from engine.objective import Params
from engine.progress import Point
from engine.training_rows import TrainingRows


class BatchObjective:
    """J on a batch of rows at any weights, remembering the last weights it was asked about."""

    def __init__(self, rows: TrainingRows, loss: Loss, l2: float) -> None:
        self._rows, self._loss, self._l2 = rows, loss, l2
        self._last: tuple[Params, Point] | None = None

    def point(self, params: Params) -> Point:
        point = self._rows.point(params, self._loss, self._l2)
        self._last = (params, point)
        return point

    def hessian(self, params: Params) -> np.ndarray:
        """The exact Hessian: the rows must be in memory (Newton refuses streamed data when it starts)."""
        return hessian(params, self._rows.X, self._rows.T, self._loss, self._l2)

    def measured(self, params: Params) -> Point | None:
        """The point of the last call to `point` if it was at exactly these weights, else None."""
        if self._last is None:
            return None
        last, point = self._last
        return point if all(np.array_equal(a, b) for a, b in zip(last, params)) else None
