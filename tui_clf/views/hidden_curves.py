"""Curves of a live plot that lie (all but) wholly under later ones, found from their cells.

plotext draws curves one after the other and a later curve's character replaces an earlier
one's in a cell. With squared error the validation cost ends within a row of the training
cost and of the optimum's line, and the training curve was nowhere to be seen while the
legend still named it. A printed plot finds such curves by building probes
(tui_clf/cli/covered_curves.py); a live one redraws ten times a second and cannot afford
that, so here the cells are computed: plotext puts a value v of an axis from lo to hi in
cell floor(0.5 + (n - 1) (v - lo) / (hi - lo)) of n cells (a braille curve in a grid 2 x 4
finer, each cell holding 2 x 4 dots) and joins consecutive points by a line, which crosses
every cell between theirs. A curve of which less than FOLLOWABLE_SHARE
of its cells show is covered, and the legend names it beside the curve covering most of it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

FOLLOWABLE_SHARE = 0.1  # of its cells, at least, that a curve must show to be followed by eye
# Dots per cell, across and down, of plotext's finer markers; any other marker fills a cell.
MARKER_RESOLUTION = {"braille": (2, 4), "hd": (2, 2), "fhd": (2, 3)}


@dataclass(frozen=True)
class Covered:
    """Curve `curve` of a plot (in drawing order) lies, but for less than FOLLOWABLE_SHARE of it, under later
    curves, most of it under curve `by`."""

    curve: int
    by: int


def axis_cells(values: np.ndarray, low: float, high: float, cells: int) -> np.ndarray:
    """The cell of each value on an axis from `low` to `high` of `cells` cells, as plotext places it."""
    if high == low:
        return np.zeros(len(values), dtype=np.int64)
    return np.floor(0.5 + (cells - 1) * (np.asarray(values, dtype=float) - low) / (high - low)).astype(np.int64)


def line_cells(columns: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The cells (columns, rows) of the points (columns[i], rows[i]) and of the straight lines joining
    consecutive ones: each segment sampled once per cell along its longer side, all segments at once."""
    if len(columns) < 2:
        return columns, rows
    c0, r0 = columns[:-1], rows[:-1]
    dc, dr = np.diff(columns), np.diff(rows)
    steps = np.maximum(np.maximum(np.abs(dc), np.abs(dr)), 1)
    segment = np.repeat(np.arange(len(steps)), steps + 1)
    starts = np.cumsum(steps + 1) - (steps + 1)
    along = (np.arange(len(segment)) - starts[segment]) / steps[segment]
    return np.rint(c0[segment] + dc[segment] * along).astype(np.int64), np.rint(r0[segment] + dr[segment] * along).astype(np.int64)


def curve_cells(x: np.ndarray, y: np.ndarray, marker: str, x_limits, y_limits, columns: int, rows: int) -> np.ndarray:
    """The canvas cells a curve drawn with `marker` fills, each once, as column * rows + row: its line found on
    the marker's finer grid."""
    across, down = MARKER_RESOLUTION.get(marker, (1, 1))
    fine_columns, fine_rows = line_cells(axis_cells(x, *x_limits, columns * across), axis_cells(y, *y_limits, rows * down))
    return np.unique(fine_columns // across * rows + fine_rows // down)


def covered_curves(
    curves: list[tuple[np.ndarray, np.ndarray, str]], x_limits: tuple[float, float], y_limits: tuple[float, float], columns: int, rows: int
) -> list[Covered]:
    """The covered curves among `curves` ((x, y, marker) in drawing order, y already on the axis's scale:
    log10 of it on a log axis) on a canvas of `columns` x `rows` cells spanning those limits."""
    filled = [curve_cells(x, y, marker, x_limits, y_limits, columns, rows) for x, y, marker in curves]
    if not filled:
        return []
    cells = np.concatenate(filled)
    drawn_by = np.concatenate([np.full(len(f), curve) for curve, f in enumerate(filled)])
    # Later curves overwrite earlier ones: each cell shows the last curve that fills it.
    order = np.lexsort((drawn_by, cells))
    cells, drawn_by = cells[order], drawn_by[order]
    last = np.append(cells[1:] != cells[:-1], True)
    shown_cells, shown_by = cells[last], drawn_by[last]
    found = []
    for curve, own in enumerate(filled):
        shows = shown_by[np.searchsorted(shown_cells, own)]
        under = shows[shows != curve]
        if len(under) and len(own) - len(under) < FOLLOWABLE_SHARE * len(own):
            found.append(Covered(curve, int(np.bincount(under).argmax())))
    return found


def merged_labels(labels: list[str | None], covered: list[Covered]) -> list[str | None]:
    """The legend's labels with each covered curve named beside the one that covers it ("val ≈ train")
    instead of in an entry of its own, whose mark would be (all but) nowhere to be seen."""
    merged = list(labels)
    for c in covered:
        if merged[c.curve] is not None and merged[c.by] is not None:
            merged[c.by] = f"{merged[c.by]} ≈ {merged[c.curve]}"
            merged[c.curve] = None
    return merged
