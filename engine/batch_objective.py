"""The cost of one batch as a function the line-search optimisers (L-BFGS, Newton) can call.

The trainer hands over two callables on the step's batch: `point(params)`, one fused pass giving J,
the mean loss, the error rate and the gradient at trial weights, and `hessian(params)`, the exact
(P, P) Hessian. The last point measured is remembered, so the trainer reuses the accepted trial
point as the next step's record instead of measuring it again.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from engine.objective import Params
from engine.progress import Point


class BatchObjective:
    """J on one batch at any weights, remembering the last weights it was asked about."""

    def __init__(self, point: Callable[[Params], Point], hessian: Callable[[Params], np.ndarray]) -> None:
        self._point, self.hessian = point, hessian
        self._last: tuple[Params, Point] | None = None

    def point(self, params: Params) -> Point:
        point = self._point(params)
        self._last = (params, point)
        return point

    def measured(self, params: Params) -> Point | None:
        """The point of the last call to `point` if it was at exactly these weights, else None."""
        if self._last is None:
            return None
        last, point = self._last
        return point if all(np.array_equal(a, b) for a, b in zip(last, params)) else None
