"""A long curve thinned to what a plot of W columns can show: each column's lowest and highest point.

plotext puts x in canvas column c = floor(0.5 + (W - 1) (x - x_0) / (x_last - x_0)) (plot_columns.py),
and one column shows at most the span from its lowest to its highest value. Keeping exactly those two
points of each column (and the last point, where the curve is now) draws the same picture as all N
points, a single diverging spike included, from at most 2W + 1 points: plotext's build then costs
the same for a history of 100 000 steps as for 1000.
"""

from __future__ import annotations

import numpy as np


def column_envelope(x: np.ndarray, y: np.ndarray, columns: int) -> tuple[np.ndarray, np.ndarray]:
    """The points of (x, y) that are their column's minimum or maximum of y, and the last point, in x order.

    x: (N,) increasing, y: (N,) finite; columns W >= 1. Returns at most 2W + 1 points (fewer when
    N <= 2W: then the curve itself). One vectorised pass: O(N) NumPy work, no Python loop.
    """
    n, columns = len(x), max(int(columns), 1)
    if n <= 2 * columns:
        return x, y
    span = float(x[-1] - x[0]) or 1.0
    column = np.floor(0.5 + (columns - 1) * (x - x[0]) / span).astype(np.intp)
    starts = np.flatnonzero(np.diff(column, prepend=-1))  # x increases: each column is one run of points
    lengths = np.diff(starts, append=n)
    lowest = np.repeat(np.minimum.reduceat(y, starts), lengths)
    highest = np.repeat(np.maximum.reduceat(y, starts), lengths)
    first_low = _first_in_runs(y == lowest, column)
    first_high = _first_in_runs(y == highest, column)
    rows = np.unique(np.concatenate([first_low, first_high, [n - 1]]))
    return x[rows], y[rows]


def _first_in_runs(hit: np.ndarray, column: np.ndarray) -> np.ndarray:
    """For each column, the index of its first point where `hit` is true (every column has one)."""
    where = np.flatnonzero(hit)
    keep = np.diff(column[where], prepend=-1) != 0
    return where[keep]
