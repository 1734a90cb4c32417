"""An independent reference for the tests: central finite differences, written plainly."""

import numpy as np


def central_difference(f, x: np.ndarray, h: float = 1e-5) -> np.ndarray:
    """d f(x) / d x_j for every entry j of x, by (f(x + h e_j) - f(x - h e_j)) / 2h, h scaled by |x_j|."""
    x = np.array(x, dtype=np.float64)
    out = np.empty_like(x)
    for j in np.ndindex(x.shape):
        step = h * max(1.0, abs(x[j]))
        up, down = x.copy(), x.copy()
        up[j] += step
        down[j] -= step
        out[j] = (f(up) - f(down)) / (up[j] - down[j])
    return out


def relative_error(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """|a - b| / max(|a| + |b|, tiny), entry by entry."""
    return np.abs(a - b) / np.maximum(np.abs(a) + np.abs(b), np.finfo(np.float64).tiny)


def norm_relative_error(a: np.ndarray, b: np.ndarray) -> float:
    """||a - b|| / (||a|| + ||b||): one number for a whole gradient, blind to which entry is tiny."""
    return float(np.linalg.norm(a - b) / max(np.linalg.norm(a) + np.linalg.norm(b), np.finfo(np.float64).tiny))
