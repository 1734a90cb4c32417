"""The step axis of a printed plot: whole-number ticks whose labels never touch.

plotext's own ticks split the x range in four: after 14635 steps they read 3658.8, 7317.5,
10976.2, and two such labels end up one blank apart. Steps are whole numbers: the ticks here
are round integers (ticks.py), as many as leave LABEL_GAP blank columns between two labels.
"""

from __future__ import annotations

import plotext as plt

from tui_clf.views.ticks import integer_ticks

LABEL_GAP = 2  # blank columns at least between two tick labels
AXIS_COLUMNS = 8  # columns of a plot outside its canvas: the y labels and the frame
LABEL_SLACK = 2  # columns two centred labels may sit closer than their ticks: rounding, the frame pushing one in
MOST_TICKS = 5


def step_ticks(first: float, last: float, plot_columns: int) -> list[int]:
    """Round integer ticks in [first, last], the most (up to MOST_TICKS) whose labels fit a plot `plot_columns` wide."""
    canvas = max(plot_columns - AXIS_COLUMNS, 2)
    for count in range(MOST_TICKS, 1, -1):
        ticks = integer_ticks(first, last, count)
        if len(ticks) < 2:
            return ticks
        widest = max(len(str(t)) for t in ticks)
        apart = (ticks[1] - ticks[0]) * (canvas - 1) / (last - first)  # columns between two ticks
        if apart >= widest + LABEL_GAP + LABEL_SLACK:
            return ticks
    return ticks[:1]


def label_steps(first: float, last: float, plot_columns: int) -> None:
    """Put step_ticks on the x axis of plotext's active plot."""
    ticks = step_ticks(first, last, plot_columns)
    plt.xticks(ticks, [str(t) for t in ticks])
