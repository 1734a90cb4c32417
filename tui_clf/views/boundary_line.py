"""The decision line of a binary linear classifier in 2-D, clipped to a box: w1 x + w2 y + b = threshold."""

from __future__ import annotations

import numpy as np


def boundary_line(
    w: np.ndarray, b: float, threshold: float, x_range: tuple[float, float], y_range: tuple[float, float], points: int
) -> tuple[np.ndarray, np.ndarray]:
    """`points` points (x, y) of the line inside the box, each of shape (M,), M <= points; empty if it misses the box.

    w has shape (2,). The line is walked along the axis it is least steep against, so a
    near-vertical line is drawn as densely as a flat one; w = 0 has no line.
    """
    w1, w2 = float(w[0]), float(w[1])
    if abs(w2) >= abs(w1) and w2 != 0:
        x = np.linspace(*x_range, points)
        y = (threshold - b - w1 * x) / w2
    elif w1 != 0:
        y = np.linspace(*y_range, points)
        x = (threshold - b - w2 * y) / w1
    else:
        return np.empty(0), np.empty(0)
    inside = (x >= x_range[0]) & (x <= x_range[1]) & (y >= y_range[0]) & (y <= y_range[1])
    return x[inside], y[inside]
