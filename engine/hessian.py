"""The exact Hessian of a smooth cost, for Newton's method.

For J(theta) = (1/N) sum_i L(z_i, t_i) + (l2/2)||W||^2 with z_i = W x_i + b, and X1 = [X, 1]
(N, D + 1) the data with a column of ones for the bias:

binary losses (K = 1, theta_1 = [w, b], P = D + 1):
    H = X1^T diag(c) X1 / N + l2 diag(1, ..., 1, 0),   c_i = d^2 L / dz^2 at z_i
    squared error c = 1; cross-entropy c = y (1 - y); logistic + squared error
    c = q (q + (y - t)(1 - 2y)) with q = y (1 - y), y = sigma(z) (negative where it is not convex).
softmax-cross-entropy (theta_k = [w_k, b_k], P = K (D + 1)), the K x K blocks
    H_kl = X1^T diag(p_k (delta_kl - p_l)) X1 / N + delta_kl l2 diag(1, ..., 1, 0),   p = softmax(z).
`hessian` returns H in engine.finite_differences.flatten's order (W.ravel(), b), the order of
the gradient's flat vector. Hinge and zero-one have no second derivative.
X1 is never built: each weighted Gram matrix is summed over chunks of rows of X.
"""

from __future__ import annotations

import numpy as np

from engine.activations import sigmoid, softmax
from engine.chunk_threads import default_threads, run_in_threads, split_evenly
from engine.errors import ConfigError
from engine.losses import Loss
from engine.objective import Params, chunk_rows, scores

# Largest P = K (D + 1) whose P x P Hessian Newton's method forms and factors (32 MB in float64).
NEWTON_MAX_PARAMS = 2000


def check_newton_fits(loss_name: str, n_outputs: int, n_features: int) -> None:
    """Refuse a Newton run whose Hessian does not exist or is too large to form."""
    if loss_name not in CURVATURES and loss_name != "softmax-cross-entropy":
        raise ConfigError(f"newton needs the second derivative of the loss, and {loss_name} has none; use lbfgs or gd")
    n_params = n_outputs * (n_features + 1)
    if n_params > NEWTON_MAX_PARAMS:
        raise ConfigError(
            f"newton needs a {n_params} x {n_params} Hessian (K (D + 1) = {n_outputs} x {n_features + 1} parameters); "
            f"its limit is {NEWTON_MAX_PARAMS} parameters: use lbfgs"
        )


def _cross_entropy_curvature(z: np.ndarray, t: np.ndarray) -> np.ndarray:
    # y (1 - y) = e / (1 + e)^2 with e = exp(-|z|): no 1 - y to cancel for confident answers.
    e = np.exp(-np.abs(z))
    return e / (1 + e) ** 2


def _logistic_squared_curvature(z: np.ndarray, t: np.ndarray) -> np.ndarray:
    y = sigmoid(z)
    q = _cross_entropy_curvature(z, t)
    return q * (q + (y - t) * (1 - 2 * y))


# d^2 L / dz^2 of each smooth binary loss, per example, shape (N,).
CURVATURES = {
    "squared-error": lambda z, t: np.ones_like(z),
    "logistic-squared-error": _logistic_squared_curvature,
    "cross-entropy": _cross_entropy_curvature,
    "cross-entropy-naive": _cross_entropy_curvature,
}


def weighted_gram(X: np.ndarray, c: np.ndarray) -> np.ndarray:
    """X1^T diag(c) X1 (D + 1, D + 1) for X (N, D), c (N,), without building X1.

    The rows are split between the chunk threads (engine.chunk_threads: BLAS on one thread, so the
    per-chunk products do not wait on each other) and their sums added in a fixed order.
    """
    d = X.shape[1]
    pieces = split_evenly(X.shape[0], max(1, min(default_threads(), X.shape[0] // chunk_rows(X))))
    # c >= 0 (a convex loss): X^T diag(c) X = B^T B with B = diag(sqrt c) X, which BLAS's syrk forms in half the work.
    root = np.sqrt(c) if np.all(c >= 0) else None
    if len(pieces) == 1:  # one chunk's product or a few: a pool and a BLAS limit cost more than they save
        gram = _weighted_gram_of_rows(X, c, root, 0, X.shape[0])
    else:
        gram = sum(run_in_threads(lambda i: _weighted_gram_of_rows(X, c, root, *pieces[i]), len(pieces)))
    gram[d, :d] = gram[:d, d]
    gram[d, d] = c.sum()
    return gram


def _weighted_gram_of_rows(X: np.ndarray, c: np.ndarray, root: np.ndarray | None, first: int, stop: int) -> np.ndarray:
    """The rows first..stop-1's share of X1^T diag(c) X1, without its last row (filled by symmetry);
    root = sqrt(c) when c >= 0, else None."""
    d = X.shape[1]
    gram = np.zeros((d + 1, d + 1))
    rows = chunk_rows(X)
    for start in range(first, stop, rows):
        end = min(start + rows, stop)
        chunk = X[start:end]
        if root is None:
            gram[:d, :d] += (chunk * c[start:end, np.newaxis]).T @ chunk
        else:
            scaled = chunk * root[start:end, np.newaxis]
            gram[:d, :d] += scaled.T @ scaled  # the same array on both sides: NumPy calls syrk
        gram[:d, d] += c[start:end] @ chunk
    return gram


def hessian(params: Params, X: np.ndarray, T: np.ndarray, loss: Loss, l2: float) -> np.ndarray:
    """d^2 J / d theta^2, shape (P, P), at `params` on X (N, D) with targets T in the loss's encoding."""
    n, d = X.shape
    z = scores(params, X, loss).astype(np.float64)
    if loss.multiclass:
        H = _softmax_hessian(X, softmax(z))
    else:
        H = weighted_gram(X, CURVATURES[loss.name](z, T.astype(np.float64)))
    H /= n
    ridge = np.tile(np.append(np.full(d, l2), 0.0), params.W.shape[0])
    H[np.diag_indices_from(H)] += ridge
    if params.W.shape[0] == 1:
        return H  # one block [w, b]: already the flat order
    order = _flat_order(params.W.shape[0], d)
    return H[np.ix_(order, order)]


def _flat_order(k: int, d: int) -> np.ndarray:
    """Where each entry of (W.ravel(), b) sits among the class blocks [w_1, b_1, ..., w_K, b_K]."""
    blocks = np.arange(k * (d + 1)).reshape(k, d + 1)
    return np.concatenate([blocks[:, :d].ravel(), blocks[:, d]])


def _softmax_hessian(X: np.ndarray, p: np.ndarray) -> np.ndarray:
    """sum_i (diag(p_i) - p_i p_i^T) kron x1_i x1_i^T, (K (D + 1), K (D + 1)), for p (N, K)."""
    k, size = p.shape[1], X.shape[1] + 1
    H = np.empty((k * size, k * size))
    for a in range(k):
        for b in range(a, k):
            c = p[:, a] * ((a == b) - p[:, b])
            block = weighted_gram(X, c)
            H[a * size : (a + 1) * size, b * size : (b + 1) * size] = block
            H[b * size : (b + 1) * size, a * size : (a + 1) * size] = block.T
    return H

