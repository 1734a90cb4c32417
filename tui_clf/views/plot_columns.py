"""Which x a column of a plotext plot stands for: the mouse's column back to data.

plotext draws the data on a canvas of W columns that starts after the y labels and the axis
(`canvas` below: the widget columns start, ..., start + W - 1). It puts x in canvas column
c = floor(0.5 + (W - 1) (x - low) / (high - low)), so column c stands for
x = low + c (high - low) / (W - 1): the first column is `low`, the last `high`. A column left
of the canvas (a y label) reads as `low`, one right of it as `high`.
"""

from __future__ import annotations


def x_at_column(column: int, canvas: range, low: float, high: float) -> float:
    """The x that plotext draws in widget column `column`, given its canvas columns and x range."""
    last = len(canvas) - 1
    if last < 1:
        return low
    c = min(max(column - canvas.start, 0), last)
    return low + c * (high - low) / last
