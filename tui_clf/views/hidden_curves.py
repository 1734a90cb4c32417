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

from collections import Counter
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


def line_cells(columns: np.ndarray, rows: np.ndarray) -> set[tuple[int, int]]:
    """The cells of the points (columns[i], rows[i]) and of the straight lines joining consecutive ones."""
    cells = set(zip(columns.tolist(), rows.tolist()))
    for c0, r0, c1, r1 in zip(columns[:-1].tolist(), rows[:-1].tolist(), columns[1:].tolist(), rows[1:].tolist()):
        steps = max(abs(c1 - c0), abs(r1 - r0))
        if steps > 1:
            along = np.linspace(0.0, 1.0, steps + 1)
            cells.update(zip(np.rint(c0 + (c1 - c0) * along).astype(int).tolist(), np.rint(r0 + (r1 - r0) * along).astype(int).tolist()))
    return cells


def curve_cells(x: np.ndarray, y: np.ndarray, marker: str, x_limits, y_limits, columns: int, rows: int) -> set[tuple[int, int]]:
    """The canvas cells a curve drawn with `marker` fills: its line found on the marker's finer grid."""
    across, down = MARKER_RESOLUTION.get(marker, (1, 1))
    fine = line_cells(axis_cells(x, *x_limits, columns * across), axis_cells(y, *y_limits, rows * down))
    return {(column // across, row // down) for column, row in fine}


def covered_curves(
    curves: list[tuple[np.ndarray, np.ndarray, str]], x_limits: tuple[float, float], y_limits: tuple[float, float], columns: int, rows: int
) -> list[Covered]:
    """The covered curves among `curves` ((x, y, marker) in drawing order, y already on the axis's scale:
    log10 of it on a log axis) on a canvas of `columns` x `rows` cells spanning those limits."""
    filled = [curve_cells(x, y, marker, x_limits, y_limits, columns, rows) for x, y, marker in curves]
    shown: dict[tuple[int, int], int] = {}
    for curve, cells in enumerate(filled):
        shown.update(dict.fromkeys(cells, curve))  # later curves overwrite earlier ones
    seen = Counter(shown.values())
    found = []
    for curve, cells in enumerate(filled):
        under = Counter(shown[cell] for cell in cells if shown[cell] != curve)
        if under and seen[curve] < FOLLOWABLE_SHARE * len(cells):
            found.append(Covered(curve, under.most_common(1)[0][0]))
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
