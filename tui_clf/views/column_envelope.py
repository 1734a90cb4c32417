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
    """The points of (x, y) that are their column's minimum or maximum of y (the first such point), and
    the last point, in x order.

    x: (N,) increasing, y: (N,) finite; columns W >= 1. Returns at most 2W + 1 points (fewer when
    N <= 2W: then the curve itself). The columns' first points are found by binary search (O(W log N)),
    so the O(N) NumPy work is a few passes: this runs on every frame, over the whole history.
    """
    n, columns = len(x), max(int(columns), 1)
    if n <= 2 * columns:
        return x, y
    starts = _column_starts(x, columns)
    lowest, highest = np.minimum.reduceat(y, starts), np.maximum.reduceat(y, starts)
    lengths = np.diff(starts, append=n)
    first_low = _first_in_runs(y == np.repeat(lowest, lengths), starts)
    first_high = _first_in_runs(y == np.repeat(highest, lengths), starts)
    rows = np.unique(np.concatenate([first_low, first_high, [n - 1]]))
    return x[rows], y[rows]


def _column_starts(x: np.ndarray, columns: int) -> np.ndarray:
    """The index of the first point of each column that holds one, increasing.

    The column formula is monotone in x (every float operation in it is), so a column's first point
    is a binary search for the x where the formula reaches it; the search's threshold is rounded
    differently from the formula, so each start is then moved until the formula itself agrees.
    """
    first, span = float(x[0]), float(x[-1] - x[0]) or 1.0

    def column(index: np.ndarray) -> np.ndarray:
        return np.floor(0.5 + (columns - 1) * (x[index] - first) / span)

    wanted = np.arange(1, columns, dtype=float)
    starts = np.searchsorted(x, first + (wanted - 0.5) * span / (columns - 1)) if columns > 1 else np.empty(0, np.intp)
    while (early := (starts > 0) & (column(np.maximum(starts - 1, 0)) >= wanted)).any():
        starts -= early
    while (late := (starts < len(x)) & (column(np.minimum(starts, len(x) - 1)) < wanted)).any():
        starts += late
    return np.unique(np.concatenate([[0], starts[starts < len(x)]]))


def _first_in_runs(hit: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """For each run of points (runs begin at `starts`), the index of its first point where `hit` is
    true (every run has one)."""
    where = np.flatnonzero(hit)
    return where[np.searchsorted(where, starts)]
