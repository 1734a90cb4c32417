"""The gradient-check lab (lecture section 5) on the app's current weights, off the UI thread.

Runs the engine's one-sided and two-sided checks and its h sweep (Figure 5) on the session's
training data, as `tui-clf gradcheck` does. To stay interactive on big files it checks a
seeded sample of at most MAX_ROWS examples (the gradient's formula is the same on any rows),
and checks random directions instead of every coordinate once there are more than
MAX_COORDINATES parameters.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.gradcheck import GradCheckResult, check_gradient
from engine.h_sweep import HSweep, h_sweep
from engine.objective import Params, cost_and_grad
from tui_clf.app.session import Session

MAX_ROWS = 2000
MAX_COORDINATES = 200
DIRECTIONS = 50


@dataclass(frozen=True)
class GradientReport:
    """Both checks at the weights of `step`, the h sweep (None with a reason), and the rows used."""

    step: int
    central: GradCheckResult
    forward: GradCheckResult
    sweep: HSweep | None
    sweep_note: str | None
    rows_checked: int
    rows_total: int


def check_session_gradient(session: Session, params: Params, step: int) -> GradientReport:
    """Check the gradient of the session's cost at `params` (the weights after `step` steps)."""
    X, T = session.data.train.X, session.train_targets
    rows_total = len(X)
    if rows_total > MAX_ROWS:
        rows = np.sort(np.random.default_rng(session.config.training.seed).choice(rows_total, MAX_ROWS, replace=False))
        X, T = X[rows], T[rows]
    loss, training = session.loss, session.config.training
    n_params = params.W.size + params.b.size
    directions = None if n_params <= MAX_COORDINATES else DIRECTIONS

    def check(method: str) -> GradCheckResult:
        return check_gradient(
            params, X, T, loss, training.l2, method=method, dtype=training.dtype, directions=directions, seed=training.seed
        )

    central, forward = check("central"), check("forward")
    sweep, sweep_note = None, _why_no_sweep(params, X, T, session)
    if sweep_note is None:
        sweep = h_sweep(params, X, T, loss, training.l2, dtype=training.dtype, seed=training.seed)
    return GradientReport(step, central, forward, sweep, sweep_note, len(X), rows_total)


def _why_no_sweep(params: Params, X: np.ndarray, T: np.ndarray, session: Session) -> str | None:
    """Why the h sweep would say nothing useful here, or None when it can run."""
    loss = session.loss
    if not loss.differentiable:
        return f"No h sweep: the {loss.name} loss has a kink or a jump, and no step h removes the error it makes."
    grad = cost_and_grad(params, X, T, loss, session.config.training.l2).grad
    norm = float(np.sqrt(sum(np.vdot(leaf, leaf) for leaf in grad)))
    if not np.isfinite(norm):
        return "No h sweep: the gradient is not finite at these weights."
    if norm == 0:
        return "No h sweep: the gradient is exactly 0 here, so there is no error to measure against it."
    return None
