"""Newton's method with the exact Hessian (engine.hessian), one update per trainer step.

The direction solves (H + mu I) d = -g by a Cholesky factorisation H + mu I = L L^T, with mu = 0
when H is positive definite; otherwise (a non-convex region, or the null direction of softmax's
shared bias shift) mu starts at DAMPING_START times the mean diagonal and grows by DAMPING_GROWTH
until the factorisation succeeds. A backtracking Armijo search (engine.line_search) from t = 1 then
makes sure the cost never increases; near the optimum t = 1 is taken and convergence is quadratic.

The step length t is what the trainer records as the step's lr; the config's lr is not used.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from engine.batch_objective import BatchObjective
from engine.finite_differences import flatten
from engine.line_search import backtrack
from engine.objective import Params

DAMPING_START = 1e-10
DAMPING_GROWTH = 100.0
# After this many failed factorisations (mu = 1e20 x the diagonal) take a gradient step instead.
MAX_DAMPINGS = 16


class NewtonState(NamedTuple):
    """Newton remembers nothing but the step length it took last, for the record."""

    step_length: float = 0.0


class Newton:
    """Damped Newton's method on the full batch."""

    name = "newton"

    def init(self, params: Params) -> NewtonState:
        return NewtonState()

    def update(
        self, grad: Params, state: NewtonState, params: Params, cost: float, objective: BatchObjective
    ) -> tuple[Params, NewtonState]:
        g = flatten(grad).astype(np.float64)
        direction = -cholesky_solve(damped_cholesky(objective.hessian(params)), g)
        accepted = backtrack(params, cost, float(g @ direction), direction, 1.0, objective.point)
        return accepted.updates, NewtonState(accepted.step_length)


def damped_cholesky(H: np.ndarray) -> np.ndarray:
    """Lower-triangular L with L L^T = H + mu I for the smallest mu in {0, mu0, mu0 g, mu0 g^2, ...} that works
    (mu0 = DAMPING_START x the mean |diagonal|, g = DAMPING_GROWTH); sqrt(mean |diagonal|) I if none does."""
    scale = max(float(np.mean(np.abs(np.diag(H)))), np.finfo(float).tiny)
    mu = 0.0
    for _ in range(MAX_DAMPINGS):
        try:
            return np.linalg.cholesky(H + mu * np.eye(len(H)) if mu else H)
        except np.linalg.LinAlgError:
            mu = DAMPING_START * scale if mu == 0 else mu * DAMPING_GROWTH
    return np.sqrt(scale) * np.eye(len(H))


def cholesky_solve(L: np.ndarray, g: np.ndarray) -> np.ndarray:
    """x with L L^T x = g: u from L u = g, then x from L^T x = u (LAPACK's solve, not a Python loop)."""
    return np.linalg.solve(L.T, np.linalg.solve(L, g))
