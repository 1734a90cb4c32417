"""L of a streamed cost's gradient (engine.curvature) from one extra pass over the file.

L = c * lambda_max(X1^T X1 / N) + l2 with X1 = [X, 1] (N, D + 1). The pass sums the (D + 1) x
(D + 1) Gram matrix chunk by chunk (N (D + 1)^2 multiply-adds, a second or so at 1e6 x 100) and
takes its largest eigenvalue exactly, where the in-memory path runs power iteration (which
multiplies its estimate by SAFETY): the two agree to about 2%. Beyond MAX_GRAM_FEATURES the
matrix itself would be large, and the trace of X1^T X1 / N stands in: an upper bound on
lambda_max, so 1/L stays safe, known from the column statistics without reading the file (but
up to D times too small a step on data whose columns are not correlated).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

MAX_GRAM_FEATURES = 2048


def gram_largest_eigenvalue(chunks: Iterable[np.ndarray], n_features: int) -> float:
    """lambda_max(X1^T X1 / N) over the chunks X (n, D) of the rows."""
    d = n_features
    gram = np.zeros((d + 1, d + 1))
    n = 0
    with np.errstate(over="ignore", invalid="ignore"):
        for X in chunks:
            gram[:d, :d] += X.T @ X
            gram[:d, d] += X.sum(axis=0, dtype=np.float64)
            n += len(X)
        gram[d, :d] = gram[:d, d]
        gram[d, d] = n
        gram /= n
        if not np.isfinite(gram).all():
            return float("inf")
        return float(np.linalg.eigvalsh(gram)[-1])


def trace_bound(column_mean_squares: np.ndarray) -> float:
    """trace(X1^T X1 / N) = sum_j mean(x_j^2) + 1 >= lambda_max: from column_mean_squares (D,)."""
    return float(column_mean_squares.sum()) + 1.0
