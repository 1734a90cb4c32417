"""Limited-memory BFGS, one update per trainer step (Nocedal & Wright, Algorithm 7.4 and 7.5).

With the last m pairs s_j = theta_{j+1} - theta_j and y_j = g_{j+1} - g_j (theta, g in R^P, the
flat weights and gradient of engine.finite_differences.flatten), the two-loop recursion gives d = -H g, where H
approximates the inverse Hessian starting from gamma I, gamma = s^T y / y^T y of the newest pair.
A backtracking Armijo search (engine.line_search) then picks the step length t, starting at 1
(at 1 / ||g|| on the first step, when H = I knows nothing of the scale). A pair with
s^T y <= EPS_CURVATURE ||s|| ||y|| is skipped, which keeps H positive definite.

The step length t is what the trainer records as the step's lr; the config's lr is not used.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from engine.batch_objective import BatchObjective
from engine.finite_differences import flatten
from engine.line_search import backtrack
from engine.objective import Params

MEMORY = 10
EPS_CURVATURE = 1e-10


class LbfgsState(NamedTuple):
    """The newest pairs (oldest first), the last gradient and update (flat), the last step length."""

    s: tuple[np.ndarray, ...] = ()
    y: tuple[np.ndarray, ...] = ()
    last_grad: np.ndarray | None = None
    last_update: np.ndarray | None = None
    step_length: float = 0.0


class Lbfgs:
    """L-BFGS with memory m and a backtracking Armijo line search on the full batch."""

    name = "lbfgs"

    def __init__(self, memory: int = MEMORY) -> None:
        self.memory = memory

    def init(self, params: Params) -> LbfgsState:
        return LbfgsState()

    def update(
        self, grad: Params, state: LbfgsState, params: Params, cost: float, objective: BatchObjective
    ) -> tuple[Params, LbfgsState]:
        g = flatten(grad).astype(np.float64)
        s, y = self._remembered(state, g)
        direction = -_two_loop(g, s, y)
        slope = float(g @ direction)
        if not slope < 0:  # rounding made H g useless: start again from steepest descent
            s, y, direction = (), (), -g
            slope = float(g @ direction)
        t0 = 1.0 if s else min(1.0, 1.0 / max(float(np.linalg.norm(g)), np.finfo(float).tiny))
        accepted = backtrack(params, cost, slope, direction, t0, objective.point)
        new_state = LbfgsState(s, y, g, accepted.step_length * direction, accepted.step_length)
        return accepted.updates, new_state

    def _remembered(self, state: LbfgsState, g: np.ndarray) -> tuple[tuple, tuple]:
        """The memory with the pair of the last update added (if its curvature is positive), at most m."""
        if state.last_grad is None:
            return state.s, state.y
        s, y = state.last_update, g - state.last_grad
        if s @ y <= EPS_CURVATURE * np.linalg.norm(s) * np.linalg.norm(y):
            return state.s, state.y
        return (state.s + (s,))[-self.memory :], (state.y + (y,))[-self.memory :]


def _two_loop(g: np.ndarray, s: tuple[np.ndarray, ...], y: tuple[np.ndarray, ...]) -> np.ndarray:
    """H g by the two-loop recursion over the pairs (s_j, y_j), oldest first; g itself without pairs."""
    q = g.copy()
    rho = [1.0 / float(sj @ yj) for sj, yj in zip(s, y)]
    alpha = []
    for sj, yj, rj in zip(reversed(s), reversed(y), reversed(rho)):
        a = rj * float(sj @ q)
        q -= a * yj
        alpha.append(a)
    if s:
        q *= float(s[-1] @ y[-1]) / float(y[-1] @ y[-1])
    for sj, yj, rj, a in zip(s, y, rho, reversed(alpha)):
        q += (a - rj * float(yj @ q)) * sj
    return q
