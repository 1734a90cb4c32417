"""Room for the legend of a printed plot: its y axis raised where a curve would run under the legend."""

from __future__ import annotations

import copy

import numpy as np
from plotext._matrix import matrix_class as Matrix
from plotext._monitor import monitor_class as Plot

from tui_clf.views.legend_room import legend_top


def make_room_for_legend(plot: Plot) -> bool:
    """Raise the top of `plot`'s (left) y axis so that no point lies under its legend (legend_room.py),
    when its limits are plotext's own; built once on a copy to learn the canvas's size. Return whether
    it did."""
    labels = [label for label in plot.label if label is not None]
    if not labels or plot.ylim[0] != [None, None] or not plot.x:
        return False
    probe = copy.copy(plot)  # building gives a plot new lists but changes none in place
    probe.matrix = Matrix()
    probe.build_plot()
    columns, rows = len(probe.matrix.Cols_canvas), len(probe.matrix.Rows_canvas)
    curves = [(np.asarray(x, dtype=float), np.asarray(y, dtype=float)) for x, y in zip(plot.x, plot.y) if len(x)]
    top = legend_top(curves, labels, columns, rows, log=plot.yscale[0] == "log")
    if top is not None:
        plot.set_ylim(None, top)
    return top is not None
