"""How curved a smooth cost can be, estimated from the data: the Lipschitz constant L of its gradient.

For J(W, b) = (1/N) sum_i L(z_i, t_i) + (l2/2)||W||^2 with z = W x + b, the Hessian is bounded by
    L = c * lambda_max(X1^T X1 / N) + l2,
where X1 = [X, 1] (N, D + 1) carries the bias as a column of ones and c bounds d^2L/dz^2 (the
loss's curvature): 1/4 for cross-entropy, 1 for squared error, about 0.077 for logistic + squared
error, 1/2 for softmax-cross-entropy (the largest eigenvalue of diag(p) - p p^T). Gradient
descent on such a cost decreases it for every learning rate below 2/L and may diverge above.
lambda_max comes from power iteration: a few products with X1 and X1^T, never X1^T X1 itself.
Above SAMPLE_ROWS rows they use a seeded sample of SAMPLE_ROWS rows (lambda_max(X1^T X1 / N) is a
mean over rows, which a sample estimates), so the estimate costs a small fraction of one
full-batch step however large N is; SAMPLING_SAFETY covers the sample's error.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

# sup_z |d^2 L / dz^2| for each smooth loss; hinge and zero-one have kinks and no such bound.
CURVATURE_BOUNDS = {
    "squared-error": 1.0,
    "logistic-squared-error": 0.0771,
    "cross-entropy": 0.25,
    "cross-entropy-naive": 0.25,
    "softmax-cross-entropy": 0.5,
}
# Power iteration stops once the estimate moves by less than this, relatively (on a sample, whose
# own error SAMPLING_SAFETY covers, a looser tolerance does: fewer mat-vecs).
RELATIVE_TOLERANCE = 1e-5
SAMPLE_TOLERANCE = 1e-3
MAX_ITERATIONS = 100
# The Rayleigh quotient approaches lambda_max from below; this margin keeps 2/L on the safe side.
SAFETY = 1.0005
# Larger data is estimated on a sample of this many rows; on 1e5 x 100 and 1e6 x 100 the sample's
# lambda_max was within 3% of the whole data's (benchmarks/auto_lr_cost.py), well inside this margin.
SAMPLE_ROWS = 8192
SAMPLING_SAFETY = 1.1


def largest_gram_eigenvalue(X: np.ndarray, seed: int = 0) -> float:
    """lambda_max(X1^T X1 / N) for X (N, D) with a column of ones appended, by power iteration
    (on a seeded sample of SAMPLE_ROWS rows when N is larger, with SAMPLING_SAFETY's margin)."""
    rng = np.random.default_rng(seed)
    safety, tolerance = SAFETY, RELATIVE_TOLERANCE
    if X.shape[0] > SAMPLE_ROWS:
        X = X[np.sort(rng.choice(X.shape[0], SAMPLE_ROWS, replace=False))]
        safety, tolerance = SAFETY * SAMPLING_SAFETY, SAMPLE_TOLERANCE
    X = np.asarray(X, dtype=np.float64)
    v = rng.normal(size=X.shape[1] + 1)
    with np.errstate(over="ignore", invalid="ignore"):  # data near 1e308: the estimate is inf, which callers check
        return _power_iteration(X, v, X.shape[0], tolerance) * safety


def _power_iteration(X: np.ndarray, v: np.ndarray, n: int, tolerance: float) -> float:
    """The Rayleigh quotient of X1^T X1 / N after power iteration from v (D + 1,)."""
    estimate = 0.0
    for _ in range(MAX_ITERATIONS):
        v /= np.linalg.norm(v)
        u = X @ v[:-1] + v[-1]
        w = np.append(u @ X, u.sum()) / n
        previous, estimate = estimate, float(v @ w)
        v = w
        if abs(estimate - previous) <= tolerance * estimate:
            break
    return estimate


def lipschitz_constant(X: np.ndarray, loss_name: str, l2: float = 0.0) -> float | None:
    """L of the cost's gradient on X (N, D); None for a loss with kinks (hinge, zero-one)."""
    return lipschitz_of(lambda: largest_gram_eigenvalue(X), loss_name, l2)


def lipschitz_of(gram_eigenvalue: Callable[[], float], loss_name: str, l2: float = 0.0) -> float | None:
    """L = c * lambda_max + l2 with lambda_max from `gram_eigenvalue()`, asked only for a smooth loss."""
    bound = CURVATURE_BOUNDS.get(loss_name)
    if bound is None:
        return None
    return bound * gram_eigenvalue() + l2
