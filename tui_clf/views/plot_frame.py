"""Where a plotext plot's frame lies in its text, so that a cell of the screen maps to a point of the data.

plotext draws the data area inside a box (┌ ┐ └ ┘) and maps its x limits to the first and last
column inside it, its y limits to the last and first row inside it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PlotFrame:
    """The cells inside the box: columns left..right and rows top..bottom (inclusive), in the text's coordinates."""

    left: int
    right: int
    top: int
    bottom: int

    def data_point(
        self, column: int, row: int, x_range: tuple[float, float], y_range: tuple[float, float]
    ) -> tuple[float, float] | None:
        """The data coordinates of the cell (column, row), or None outside the box."""
        if not (self.left <= column <= self.right and self.top <= row <= self.bottom):
            return None
        across = (column - self.left) / max(self.right - self.left, 1)
        up = (self.bottom - row) / max(self.bottom - self.top, 1)
        return x_range[0] + across * (x_range[1] - x_range[0]), y_range[0] + up * (y_range[1] - y_range[0])


def plot_frame(lines: list[str]) -> PlotFrame | None:
    """The frame of the plot drawn as `lines` (its text, one string per row), or None if it has none."""
    top = next((i for i, line in enumerate(lines) if "┌" in line), None)
    bottom = next((i for i in range(len(lines) - 1, -1, -1) if "└" in lines[i]), None)
    if top is None or bottom is None or bottom - top < 2:
        return None
    left, right = lines[top].index("┌"), lines[top].rfind("┐")
    if right - left < 2:
        return None
    return PlotFrame(left + 1, right - 1, top + 1, bottom - 1)
