"""Column means and standard deviations of a large X without a temporary as large as X.

`X.std(axis=0)` first forms X - mean, a full copy: for a 1e6 x 100 float64 matrix that is
another 800 MB at the moment memory is tightest. Here the squared deviations are summed
over blocks of rows (about 8 MB each), so the extra memory is one block. Two passes (the
mean, then the deviations from it) keep the variance as accurate as NumPy's.
"""

from __future__ import annotations

import numpy as np

BLOCK_BYTES = 8 << 20


def column_mean_std(X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """mean (D,) and population standard deviation (D,) of X (N, D), in float64."""
    n = X.shape[0]
    rows = max(1, BLOCK_BYTES // max(1, X.shape[1] * 8))
    total = np.zeros(X.shape[1])
    for start in range(0, n, rows):
        total += X[start : start + rows].sum(axis=0, dtype=np.float64)
    mean = total / n
    squares = np.zeros(X.shape[1])
    for start in range(0, n, rows):
        deviation = X[start : start + rows] - mean
        squares += np.einsum("ij,ij->j", deviation, deviation)
    return mean, np.sqrt(squares / n)
