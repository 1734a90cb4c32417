"""Curves that a printed plot draws mostly under later ones: found from the cells plotext fills.

plotext draws the curves one after the other, and a later curve's character replaces an
earlier one's in a cell (a braille cell's dots are one curve's too). Two curves that differ
in value can still share every cell: after 200 steps a train error of 1.1% and a validation
error of 4.4% fall in one row, and the train curve is nowhere to be seen. So the test is made
on the canvas itself. A copy of the plot is built with every curve in a colour of its own and
the legend's text in another, and the colours are read back cell by cell: which curve shows
where. Then a copy of each curve alone, within the whole plot's limits, gives the cells it
fills. A curve of which less than a tenth of its cells show, the rest under later curves,
cannot be followed: it is covered, and named beside the curve that covers most of it. Cells
under plotext's legend count as neither.
"""

from __future__ import annotations

import copy
from collections import Counter

from plotext._matrix import matrix_class as Matrix
from plotext._monitor import monitor_class as Plot

from tui_clf.views.hidden_curves import FOLLOWABLE_SHARE, Covered, merged_labels

Cell = tuple[int, int]  # (column, row) of a plot's canvas
# What plotext keeps of each curve, one list entry a curve, in drawing order.
CURVE_FIELDS = ("xside", "yside", "x", "y", "lines", "marker", "color", "style", "fillx", "filly", "label")
CURVE_TAG = "curve"  # a probe colours curve i as (CURVE_TAG, i), a colour plotext itself never uses
LEGEND_TAG = ("legend",)  # and the legend's text so


def covered_curves(plot: Plot) -> list[Covered]:
    """The covered curves of one plotext plot, built at its size (plot.size)."""
    curves = list(range(len(plot.x)))
    whole = _probe(plot, curves)
    shown = _shown(whole)
    seen = Counter(shown.values())
    found = []
    for curve in curves:
        alone = _probe(plot, [curve], within=(whole.xlim, whole.ylim))
        under = Counter(shown[cell] for cell in _filled(alone) if shown.get(cell, curve) != curve)
        if under and seen[curve] < FOLLOWABLE_SHARE * (seen[curve] + sum(under.values())):
            found.append(Covered(curve, under.most_common(1)[0][0]))
    return found


def name_covered_curves(plot: Plot, covered: list[Covered]) -> None:
    """In plotext's legend, name each covered curve beside the one that covers it (merged_labels)."""
    plot.label[:] = merged_labels(plot.label, covered)


def _probe(plot: Plot, curves: list[int], within: tuple[list, list] | None = None) -> Plot:
    """A copy of `plot` with only `curves`, each in its tag colour, built; `within` (x and y limits):
    without a legend, whose marks would count as the curve's."""
    # A shallow copy: building gives a plot new lists (limits, scaled data, ticks) but changes none in place
    # and draws on its own matrix; deep-copying a few thousand points would cost more than the build.
    probe = copy.copy(plot)
    probe.matrix = Matrix()
    for field in CURVE_FIELDS:
        setattr(probe, field, [getattr(plot, field)[i] for i in curves])
    probe.color = [[(CURVE_TAG, i)] * len(plot.x[i]) for i in curves]
    probe.ticks_color = LEGEND_TAG
    if within is not None:
        probe.xlim, probe.ylim = within
        probe.label = [None] * len(curves)
    probe.build_plot()
    return probe


def _shown(probe: Plot) -> dict[Cell, int]:
    """The curve seen in each canvas cell that shows one; plotext writes its legend from the canvas's
    left edge, so in a row with legend text every cell up to its last is the legend's."""
    m = probe.matrix
    shown = {}
    for row in m.Rows_canvas:
        legend_ends = max((col for col in m.Cols_canvas if m.fullground[row][col] == LEGEND_TAG), default=-1)
        for col in m.Cols_canvas:
            if col > legend_ends and _curve(m.fullground[row][col]) is not None:
                shown[col, row] = _curve(m.fullground[row][col])
    return shown


def _filled(probe: Plot) -> list[Cell]:
    """The canvas cells that a probe's curves fill."""
    m = probe.matrix
    return [(col, row) for row in m.Rows_canvas for col in m.Cols_canvas if _curve(m.fullground[row][col]) is not None]


def _curve(colour: object) -> int | None:
    return colour[1] if isinstance(colour, tuple) and colour[:1] == (CURVE_TAG,) else None
