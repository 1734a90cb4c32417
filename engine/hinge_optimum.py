"""The optimum of the hinge cost (the linear SVM) through a smoothing of its kink, to a tolerance it certifies.

J(w, b) = mean_i max(0, 1 - m_i) + (l2/2)||w||^2 with margins m_i = t_i (w . x_i + b), t in {-1, +1}.
The kink at m = 1 is rounded off by the softplus-smoothed hinge
    h_mu(m) = mu log(1 + exp((1 - m) / mu)),   hinge <= h_mu <= hinge + mu log 2,
so J <= J_mu <= J + mu log 2 (J_mu: J with h_mu). J_mu is smooth, and Newton's method (engine.newton's
damped Cholesky, Armijo backtracking on J_mu) finds its minimiser theta_mu, with s = sigma((1 - m) / mu):
    dJ_mu/dtheta = -X1^T (t s) / N + l2 [w, 0],   H = X1^T diag(s (1 - s) / mu) X1 / N + l2 diag(1, .., 1, 0).
mu starts at MU_FIRST and shrinks tenfold, each solve starting from the last one's minimiser.

The certificate is the SVM's dual (Lagrangian) bound: for any alpha with 0 <= alpha_i <= 1/N and
sum_i alpha_i t_i = 0,
    D(alpha) = sum_i alpha_i - ||sum_i alpha_i t_i x_i||^2 / (2 l2) <= J*,
and s / N is such an alpha (s_i in (0, 1): the smoothed hinge's dual variable) once the class with
the larger sum is scaled down to balance the other. So J* lies in [D(alpha), J(theta_mu)], whatever the
accuracy of theta_mu. The lower end is the better of D(alpha) and J_mu's own bound J_mu* - mu log 2
(J_mu* estimated from below by J_mu(theta_mu) less Newton's decrement): the dual bound closes much faster
as mu shrinks at l2 = 1e-2, the smoothed one when a small l2 magnifies the dual's error (by 1/l2).
The solve stops once the bracket is narrower than rel_tol J(theta_mu): the weights it returns are
within rel_tol of J*. Each solve need only be as exact as the bracket asks (INNER_TOL).
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
# A solve for one mu stops once Newton's predicted decrease is below this fraction of the bracket asked for.
INNER_TOL = 0.1
# Below this mu the smoothing is lost in rounding: the bracket reached is returned, however wide.
MU_SMALLEST = 1e-14
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
        theta, smoothed_optimum = _smoothed_minimiser(theta, X, t, l2, mu, INNER_TOL * rel_tol)
        cost = hinge_cost(theta, X, t, l2)
        width = cost - max(_dual_bound(theta, X, t, l2, mu), smoothed_optimum - mu * np.log(2))
        if width <= rel_tol * cost or mu < MU_SMALLEST:
            return HingeOptimum(theta, cost, width)
        mu /= MU_SHRINK


def _dual_bound(theta: np.ndarray, X: np.ndarray, t: np.ndarray, l2: float, mu: float) -> float:
    """D(alpha) <= J* for alpha = s / N balanced between the classes (module docstring)."""
    u = (1 - t * (X @ theta[:-1] + theta[-1])) / mu
    alpha = _sigmoid(u) / len(t)
    positive, negative = alpha[t > 0].sum(), alpha[t < 0].sum()
    # Scale the heavier class down (alpha stays within [0, 1/N]) so that sum_i alpha_i t_i = 0.
    alpha *= np.where(t > 0, min(1.0, negative / positive), min(1.0, positive / negative)) if positive and negative else 0.0
    v = (alpha * t) @ X
    return float(alpha.sum() - v @ v / (2 * l2)) if l2 > 0 else -np.inf


def _smoothed_minimiser(theta: np.ndarray, X: np.ndarray, t: np.ndarray, l2: float, mu: float, rel_tol: float) -> tuple[np.ndarray, float]:
    """Newton's method on J_mu from theta until the decrease it predicts is below rel_tol J_mu (or NEWTON_STEPS);
    the weights, and J_mu there less Newton's decrement g^T H^-1 g (twice the decrease the quadratic model
    predicts): J_mu*, from below, once the model holds (-inf if the steps ran out first)."""
    n, d = X.shape
    ridge = np.append(np.full(d, l2), 0.0)
    for _ in range(NEWTON_STEPS):
        cost, grad, curvature = _smoothed(theta, X, t, l2, mu)
        H = weighted_gram(X, curvature) / n
        H[np.diag_indices_from(H)] += ridge
        direction = -cholesky_solve(damped_cholesky(H), grad)
        decrement = -float(grad @ direction)
        if decrement <= max(rel_tol, ROUNDING) * cost:
            break  # the rest of the way to J_mu's minimiser is below what the bracket asks (or lost in rounding)
        step = _armijo_step(theta, direction, cost, -decrement, X, t, l2, mu)
        if step == 0.0:
            break
        theta = theta + step * direction
    else:
        return theta, -np.inf
    return theta, cost - decrement


def _sigmoid(u: np.ndarray) -> np.ndarray:
    """sigma(u) without overflow."""
    e = np.exp(-np.abs(u))
    return np.where(u >= 0, 1 / (1 + e), e / (1 + e))


def _smoothed(theta: np.ndarray, X: np.ndarray, t: np.ndarray, l2: float, mu: float) -> tuple[float, np.ndarray, np.ndarray]:
    """J_mu, its gradient (D + 1,) and the per-example curvature d^2 h_mu / dz^2 (N,) at theta."""
    w = theta[:-1]
    u = (1 - t * (X @ w + theta[-1])) / mu
    e = np.exp(-np.abs(u))
    value = mu * (np.maximum(u, 0) + np.log1p(e))
    dz = -t * _sigmoid(u)
    grad = np.append(dz @ X / len(t) + l2 * w, dz.mean())
    return float(value.mean() + 0.5 * l2 * w @ w), grad, e / (1 + e) ** 2 / mu


def _smoothed_cost(theta: np.ndarray, X: np.ndarray, t: np.ndarray, l2: float, mu: float) -> float:
    """J_mu alone at theta: what a line-search trial needs, one read of X fewer than _smoothed."""
    w = theta[:-1]
    u = (1 - t * (X @ w + theta[-1])) / mu
    return float((mu * (np.maximum(u, 0) + np.log1p(np.exp(-np.abs(u))))).mean() + 0.5 * l2 * w @ w)


def _armijo_step(theta, direction, cost: float, slope: float, X, t, l2: float, mu: float) -> float:
    """The first of 1, 1/2, 1/4, ... that decreases J_mu by Armijo's condition; 0 if none of MAX_HALVINGS does."""
    step = 1.0
    for _ in range(MAX_HALVINGS):
        if _smoothed_cost(theta + step * direction, X, t, l2, mu) <= cost + ARMIJO_C1 * step * slope:
            return step
        step /= 2
    return 0.0
