"""The closed-form optimum of squared error (lecture 2.2): linear regression's normal equations.

Minimise J(w, b) = (1/N) sum_i (w . x_i + b - t_i)^2 / 2 + (l2/2) ||w||^2 for X (N, D) and targets
t (N,) in {0, 1}. With X1 = [X, 1] (N, D + 1) and theta = [w, b], J is quadratic and its gradient
vanishes where
    (X1^T X1 / N + l2 diag(1, ..., 1, 0)) theta = X1^T t / N,
a (D + 1) x (D + 1) system (the bias is not penalised). X1^T X1 is summed over chunks of X without
building X1 (engine.hessian.weighted_gram), and the system is solved by np.linalg.lstsq, which
returns the minimum-norm solution when l2 = 0 and the columns of X are dependent.
"""

from __future__ import annotations

import numpy as np

from engine.hessian import weighted_gram
from engine.objective import Params


def least_squares(X: np.ndarray, t: np.ndarray, l2: float = 0.0) -> Params:
    """W (1, D) and b (1,) in X's dtype at the minimum of the squared-error cost with the L2 term."""
    n, d = X.shape
    gram = weighted_gram(X, np.ones(n)) / n
    gram[np.arange(d), np.arange(d)] += l2
    rhs = np.append(t @ X, t.sum()).astype(np.float64) / n
    theta = np.linalg.lstsq(gram, rhs, rcond=None)[0]
    return Params(theta[np.newaxis, :d].astype(X.dtype), theta[d:].astype(X.dtype))
