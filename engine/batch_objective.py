"""The cost of one batch as a function the line-search optimisers (L-BFGS, Newton) can call.

`point(params)` is one fused pass (engine.objective.cost_and_grad) giving J, the mean loss, the
error rate and the gradient at trial weights; `hessian(params)` the exact (P, P) Hessian. The
last point measured is remembered, so the trainer reuses the accepted trial point as the next
step's record instead of measuring it again.
"""

from __future__ import annotations

import math

import numpy as np

from engine.hessian import hessian
from engine.losses import Loss
from engine.objective import Params, cost_and_grad
from engine.optim import squared_norm
from engine.progress import Point


def measure_point(params: Params, X: np.ndarray, T: np.ndarray, y: np.ndarray, loss: Loss, l2: float) -> Point:
    """J, mean loss, error and gradient at `params` on X (N, D), targets T, labels y (N,)."""
    result = cost_and_grad(params, X, T, loss, l2)
    error = float(np.mean(loss.predict(result.z) != y))
    return Point(result.cost, result.loss, error, result.grad, math.sqrt(squared_norm(result.grad)))


class BatchObjective:
    """J on the batch X (N, D), T, y at any weights, remembering the last weights it was asked about."""

    def __init__(self, X: np.ndarray, T: np.ndarray, y: np.ndarray, loss: Loss, l2: float) -> None:
        self._X, self._T, self._y, self._loss, self._l2 = X, T, y, loss, l2
        self._last: tuple[Params, Point] | None = None

    def point(self, params: Params) -> Point:
        point = measure_point(params, self._X, self._T, self._y, self._loss, self._l2)
        self._last = (params, point)
        return point

    def hessian(self, params: Params) -> np.ndarray:
        return hessian(params, self._X, self._T, self._loss, self._l2)

    def measured(self, params: Params) -> Point | None:
        """The point of the last call to `point` if it was at exactly these weights, else None."""
        if self._last is None:
            return None
        last, point = self._last
        return point if all(np.array_equal(a, b) for a, b in zip(last, params)) else None
