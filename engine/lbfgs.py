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
    """H g by the two-loop recursion over the pairs (s_j, y_j), oldest first; g itself without pairs.

    The recursion's vectors are all g - Y^T a and gamma (g - Y^T a) + S^T c for coefficients a, c (m,),
    so it runs on the inner products alone: Z = [S; Y] (2m, P), Z Z^T and Z g in two BLAS calls, then
    the loops on m numbers, then one product back to P: a handful of calls instead of 6m vector ones.
    """
    if not s:
        return g.copy()
    m = len(s)
    Z = np.stack(s + y)
    gram, zg = Z @ Z.T, Z @ g
    sy, yy, sg, yg = gram[:m, m:], gram[m:, m:], zg[:m], zg[m:]
    rho = 1.0 / np.diag(sy)
    a = np.zeros(m)
    for i in reversed(range(m)):  # a_i = rho_i s_i . q, q = g - sum_{j > i} a_j y_j
        a[i] = rho[i] * (sg[i] - sy[i, i + 1 :] @ a[i + 1 :])
    gamma = sy[-1, -1] / yy[-1, -1]
    c = np.zeros(m)
    yq = gamma * (yg - yy @ a)  # y_i . gamma q for the final q = g - Y^T a
    for i in range(m):  # b_i = rho_i y_i . r, r = gamma q + sum_{j < i} c_j s_j; c_i = a_i - b_i
        c[i] = a[i] - rho[i] * (yq[i] + c[:i] @ sy[:i, i])
    return gamma * (g - a @ Z[m:]) + c @ Z[:m]
