"""The cost landscape drawn: J over a plane of weight space as levels, with the path of training on it."""

from __future__ import annotations

import numpy as np
from textual.app import RenderResult

from tui_clf.app.widgets.themed_plot import ThemedPlot
from tui_clf.views.landscape import CostGrid, cost_levels, resampled
from tui_clf.views.palette import RGB
from tui_clf.views.plottable import drawable_rows

# One character per level, lowest J first, so the picture reads without colour; ∞ where J is not finite.
LEVEL_MARKERS = ".:-=+*#%@"
NOT_FINITE_MARKER = "∞"
# From deep blue (low J) to warm yellow (high J): dark-to-light, like the characters' ink.
LEVEL_COLORS: tuple[RGB, ...] = (
    (40, 60, 130),
    (45, 90, 160),
    (50, 125, 180),
    (60, 160, 175),
    (95, 185, 150),
    (150, 200, 110),
    (200, 205, 85),
    (235, 190, 70),
    (250, 160, 60),
)
NOT_FINITE_COLOR: RGB = (224, 108, 117)
PATH_COLOR: RGB = (255, 80, 200)
START_MARKER, NOW_MARKER, REFERENCE_MARKER = "○", "●", "★"
# Rows of the widget taken by the title and the x axis (as in the boundary plot).
AXIS_ROWS = 4


class LandscapePlot(ThemedPlot):
    """Each cell of the canvas marked with the level of J at its centre; the path as a line, its ends and the reference marked."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.grid: CostGrid | None = None
        self.path = np.empty((0, 2))
        self.landmarks: dict[str, tuple[float, float]] = {}
        self.title: tuple[str, ...] = ()

    def show(
        self, grid: CostGrid | None, path: np.ndarray, landmarks: dict[str, tuple[float, float]], title: tuple[str, ...]
    ) -> None:
        """The grid, the path's (alpha, beta) points (n, 2), the landmarks' by marker, in the grid's plane, and the
        title's parts (the last ones dropped if the plot is too narrow)."""
        self.grid, self.path, self.landmarks, self.title = grid, path, landmarks, title
        self.refresh()

    def render(self) -> RenderResult:
        plt = self.plt
        plt.clear_figure()
        grid = self.grid
        if grid is not None:
            self._draw_levels(grid)
            self._draw_path(grid)
            plt.xlim(*grid.window.alpha)
            plt.ylim(*grid.window.beta)
            plt.title(self.fitted_title(*self.title))
        return super().render()

    def _draw_levels(self, grid: CostGrid) -> None:
        plt = self.plt
        columns, rows = max(self.size.width, 4), max(self.size.height - AXIS_ROWS, 4)
        levels, _ = cost_levels(grid.cost, len(LEVEL_MARKERS))
        alpha, beta, shown = resampled(grid, levels, columns, rows)
        ga, gb = np.meshgrid(alpha, beta)
        for level in range(-1, len(LEVEL_MARKERS)):
            cells = shown == level
            if cells.any():
                marker = LEVEL_MARKERS[level] if level >= 0 else NOT_FINITE_MARKER
                color = LEVEL_COLORS[level] if level >= 0 else NOT_FINITE_COLOR
                plt.scatter(ga[cells].tolist(), gb[cells].tolist(), marker=marker, color=color)

    def _draw_path(self, grid: CostGrid) -> None:
        plt = self.plt
        path = self.path[drawable_rows(self.path)] if len(self.path) else self.path
        if len(path) > 1:
            plt.plot(path[:, 0].tolist(), path[:, 1].tolist(), marker="braille", color=PATH_COLOR)
        for marker, (a, b) in self.landmarks.items():
            if grid.window.holds(a, b):
                plt.scatter([a], [b], marker=marker, color=PATH_COLOR)
