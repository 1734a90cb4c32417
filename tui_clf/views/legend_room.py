"""Room for plotext's legend: raise the top of the y axis when a curve would run under it.

plotext writes its legend over the canvas, in the top-left corner: one row per labelled
curve: a space, two cells of mark and the label between spaces. A cost curve starts high at
step 0, so its first steps (the fast early fall the lecture points at) hid under "⢕⢕ train".
plotext puts a value v of an axis from lo to hi in cell floor(0.5 + (n - 1) (v - lo) / (hi - lo))
of n cells; with the top raised to

    top = lo + (hi - lo) (rows - 1) / (rows - labels - 1)

the highest value lands below the legend's rows. Only a plot whose points do fall under the
legend gets the room (the others keep every row for their data), and only one tall enough
to spare it: at least `DATA_ROWS_PER_LEGEND_ROW` rows of data for each row of legend, so a
small plot is not squeezed by a quarter or more (there the legend keeps covering the corner).
"""

from __future__ import annotations

import numpy as np

LEGEND_PADDING = 5  # cells of a legend row besides its label: " ⢕⢕ " and a space after the label
DATA_ROWS_PER_LEGEND_ROW = 3


def legend_top(
    curves: list[tuple[np.ndarray, np.ndarray]],
    labels: list[str],
    columns: int,
    rows: int,
    *,
    log: bool = False,
    highest: float = np.inf,
) -> float | None:
    """The top of the y axis that keeps every point of `curves` ((x, y) arrays, drawable values)
    out of the legend of `labels`, on a canvas of `columns` x `rows` cells with the axes at the
    data's own limits (plotext's default); None when no point is under the legend, the plot is
    too short to spare its rows, or the top would pass `highest` (an error rate's 1). On a log axis
    (`log`) the top is in the data's units too."""
    width = LEGEND_PADDING + max(map(len, labels), default=0)
    if not labels or not curves or rows - len(labels) - 1 < DATA_ROWS_PER_LEGEND_ROW * len(labels) or width > columns:
        return None  # no legend to make room for (plotext leaves out one wider than the canvas), or no room
    x = np.concatenate([np.asarray(cx, dtype=float) for cx, _ in curves])
    y = np.concatenate([np.asarray(cy, dtype=float) for _, cy in curves])
    if log:
        y = np.log10(y)
    if not len(x):
        return None
    x0, x1, y0, y1 = x.min(), x.max(), y.min(), y.max()
    if x1 == x0 or y1 == y0:
        return None
    column = np.floor(0.5 + (columns - 1) * (x - x0) / (x1 - x0))
    row_from_top = rows - 1 - np.floor(0.5 + (rows - 1) * (y - y0) / (y1 - y0))
    under = (column < width) & (row_from_top < len(labels))
    if not under.any():
        return None
    top = y0 + (y1 - y0) * (rows - 1) / (rows - len(labels) - 1)
    top = float(10**top) if log else float(top)
    return top if top <= highest else None
