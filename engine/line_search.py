"""Backtracking line search with the Armijo condition, shared by L-BFGS and Newton's method.

Along a descent direction d at theta with cost f and gradient g (g . d < 0), accept the first
step length t (starting at t0) with
    J(theta + t d) <= f + c1 t g . d,
shrinking t by a quadratic fit of J along d (kept within [0.1 t, 0.5 t]) when it fails. The
cost never increases: if no t passes within MAX_TRIALS (rounding at the optimum), t = 0.
"""

from __future__ import annotations

from typing import Callable, NamedTuple

import numpy as np

from engine.finite_differences import unflatten
from engine.objective import Params
from engine.progress import Point

ARMIJO_C1 = 1e-4
MAX_TRIALS = 30


class Accepted(NamedTuple):
    """The step length taken, the update (t d as Params) and the point there (None when t = 0)."""

    step_length: float
    updates: Params
    point: Point | None


def backtrack(
    params: Params, cost: float, slope: float, direction: np.ndarray, t0: float, evaluate: Callable[[Params], Point]
) -> Accepted:
    """Search t along `direction` (P,) from `params`, whose cost is `cost` and slope g . d is `slope`."""
    t = t0
    for _ in range(MAX_TRIALS):
        updates = _as_params(t * direction, params)
        point = evaluate(Params(*map(np.add, params, updates)))  # as the trainer adds them: the same bits
        if point.cost <= cost + ARMIJO_C1 * t * slope:
            return Accepted(t, updates, point)
        t = _shrunk(t, cost, slope, point.cost)
    return Accepted(0.0, _as_params(np.zeros_like(direction), params), None)


def _as_params(theta: np.ndarray, like: Params) -> Params:
    """theta (P,) as Params of like's shapes and dtype, so that params + updates keeps the dtype."""
    return unflatten(theta.astype(like.W.dtype), like.W.shape)


def _shrunk(t: float, cost: float, slope: float, trial_cost: float) -> float:
    """The minimiser of the parabola through (0, cost) with slope `slope` and (t, trial_cost), clipped."""
    curvature = trial_cost - cost - slope * t
    if not np.isfinite(trial_cost) or curvature <= 0:
        return 0.1 * t
    return float(np.clip(-slope * t * t / (2 * curvature), 0.1 * t, 0.5 * t))
