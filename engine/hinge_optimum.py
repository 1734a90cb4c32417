"""The optimum of the hinge cost (the linear SVM) through a smoothing of its kink, to a tolerance it certifies.

J(w, b) = mean_i max(0, 1 - m_i) + (l2/2)||w||^2 with margins m_i = t_i (w . x_i + b), t in {-1, +1}.
The kink at m = 1 is rounded off by the softplus-smoothed hinge
    h_mu(m) = mu log(1 + exp((1 - m) / mu)),   hinge <= h_mu <= hinge + mu log 2,
so J <= J_mu <= J + mu log 2 (J_mu: J with h_mu). J_mu is smooth, and Newton's method (engine.newton's
damped Cholesky, Armijo backtracking on J_mu) finds its minimiser theta_mu, with s = sigma((1 - m) / mu):
    dJ_mu/dtheta = -X1^T (t s) / N + l2 [w, 0],   H = X1^T diag(s (1 - s) / mu) X1 / N + l2 diag(1, .., 1, 0).
mu starts at MU_FIRST and shrinks tenfold, each solve starting from the last one's minimiser. Since
    J_mu(theta_mu) - mu log 2 = J_mu* - mu log 2 <= J* <= J(theta_mu),
the optimum J* lies in that bracket, and the solve stops once it is narrower than rel_tol J(theta_mu):
the weights it returns are within rel_tol of J*.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from engine.hessian import weighted_gram
from engine.line_search import ARMIJO_C1
from engine.newton import cholesky_solve, damped_cholesky

MU_FIRST = 1.0
MU_SHRINK = 10.0
NEWTON_STEPS = 60
MAX_HALVINGS = 50
ROUNDING = 1e-15


class HingeOptimum(NamedTuple):
    """theta = [w, b] (D + 1,), its hinge cost J, and the width of the bracket holding J* below it."""

    theta: np.ndarray
    cost: float
    width: float


def hinge_cost(theta: np.ndarray, X: np.ndarray, t: np.ndarray, l2: float) -> float:
    """J at theta = [w, b] (D + 1,) for X (N, D) and t (N,) in {-1, +1}."""
    w = theta[:-1]
    return float(np.maximum(0.0, 1 - t * (X @ w + theta[-1])).mean() + 0.5 * l2 * w @ w)


def hinge_optimum(X: np.ndarray, y: np.ndarray, l2: float, rel_tol: float = 1e-10) -> HingeOptimum:
    """The hinge cost's minimiser for X (N, D), labels y (N,) in {0, 1}, to within rel_tol of J* (relative)."""
    t = 2.0 * np.asarray(y, dtype=np.float64) - 1
    theta = np.zeros(X.shape[1] + 1)
    mu = MU_FIRST
    while True:
        theta = _smoothed_minimiser(theta, X, t, l2, mu)
        cost = hinge_cost(theta, X, t, l2)
        width = cost - (_smoothed(theta, X, t, l2, mu)[0] - mu * np.log(2))
        if width <= rel_tol * cost:
            return HingeOptimum(theta, cost, width)
        mu /= MU_SHRINK


def _smoothed_minimiser(theta: np.ndarray, X: np.ndarray, t: np.ndarray, l2: float, mu: float) -> np.ndarray:
    """Newton's method on J_mu from theta until the decrease it predicts is lost in rounding (or NEWTON_STEPS)."""
    n, d = X.shape
    ridge = np.append(np.full(d, l2), 0.0)
    for _ in range(NEWTON_STEPS):
        cost, grad, curvature = _smoothed(theta, X, t, l2, mu)
        H = weighted_gram(X, curvature) / n
        H[np.diag_indices_from(H)] += ridge
        direction = -cholesky_solve(damped_cholesky(H), grad)
        slope = float(grad @ direction)
        if -slope <= ROUNDING * cost:
            break  # Newton's predicted decrease is below the cost's rounding: the minimiser
        step = _armijo_step(theta, direction, cost, slope, X, t, l2, mu)
        if step == 0.0:
            break
        theta = theta + step * direction
    return theta


def _smoothed(theta: np.ndarray, X: np.ndarray, t: np.ndarray, l2: float, mu: float) -> tuple[float, np.ndarray, np.ndarray]:
    """J_mu, its gradient (D + 1,) and the per-example curvature d^2 h_mu / dz^2 (N,) at theta."""
    w = theta[:-1]
    u = (1 - t * (X @ w + theta[-1])) / mu
    e = np.exp(-np.abs(u))
    value = mu * (np.maximum(u, 0) + np.log1p(e))
    s = np.where(u >= 0, 1 / (1 + e), e / (1 + e))  # sigma(u) without overflow
    dz = -t * s
    grad = np.append(dz @ X / len(t) + l2 * w, dz.mean())
    return float(value.mean() + 0.5 * l2 * w @ w), grad, e / (1 + e) ** 2 / mu


def _armijo_step(theta, direction, cost: float, slope: float, X, t, l2: float, mu: float) -> float:
    """The first of 1, 1/2, 1/4, ... that decreases J_mu by Armijo's condition; 0 if none of MAX_HALVINGS does."""
    step = 1.0
    for _ in range(MAX_HALVINGS):
        if _smoothed(theta + step * direction, X, t, l2, mu)[0] <= cost + ARMIJO_C1 * step * slope:
            return step
        step /= 2
    return 0.0
