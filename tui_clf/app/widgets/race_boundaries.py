"""Every compared loss's decision boundary over the same 2-D points, live."""

from __future__ import annotations

import numpy as np
from textual.app import RenderResult

from engine.losses import get_loss
from engine.objective import Params
from tui_clf.app.widgets.themed_plot import ThemedPlot
from tui_clf.app.widgets.race_plot import tag_indices
from tui_clf.views.boundary import plot_limits
from tui_clf.views.boundary_line import boundary_line
from tui_clf.views.loss_style import LOSS_COLORS, LOSS_LETTERS
from tui_clf.views.palette import class_color, class_marker
from tui_clf.views.plottable import drawable_rows


class RaceBoundaries(ThemedPlot):
    """The training points by class, and each loss's line w·x + b = threshold in its colour, tagged with its letter.

    Each loss predicts with its own rule (squared error: z > 1/2, the others: z > 0), so the
    lines are where each loss puts its boundary: on blobs-outliers squared error's is pulled
    towards the far, confidently right points (lecture 2.2).
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.points: tuple[np.ndarray, np.ndarray, tuple[str, ...]] | None = None
        self.params: dict[str, Params] = {}

    def show_points(self, X: np.ndarray, labels: np.ndarray, classes: tuple[str, ...]) -> None:
        """The points to draw: X (N, 2) and their class indices (N,)."""
        self.points = (X, labels, classes)
        self.refresh()

    def show_params(self, params: dict[str, Params]) -> None:
        self.params = params
        self.refresh()

    def render(self) -> RenderResult:
        plt = self.plt
        plt.clear_figure()
        if self.points is None:
            return super().render()
        X, labels, classes = self.points
        shown = drawable_rows(X)
        if not shown.any():
            plt.title("⚠ no point to draw")
            return super().render()
        x_range, y_range = plot_limits(X[shown])
        columns = max(self.size.width, 4)
        for k, name in enumerate(classes):
            mine = shown & (labels == k)
            if mine.any():
                plt.scatter(X[mine, 0].tolist(), X[mine, 1].tolist(), marker=class_marker(k), color=class_color(k), label=name)
        for position, (name, params) in enumerate(self.params.items()):
            w, b = decision_weights(params)
            x, y = boundary_line(w, b, get_loss(name).threshold, x_range, y_range, 2 * columns)
            if len(x):
                plt.plot(x.tolist(), y.tolist(), marker="braille", color=LOSS_COLORS[name])
                tags = tag_indices(len(x), position, len(self.params))
                plt.scatter(x[tags].tolist(), y[tags].tolist(), marker=LOSS_LETTERS[name], color=LOSS_COLORS[name])
        plt.xlim(*x_range)
        plt.ylim(*y_range)
        plt.title(self.fitted_title("each loss's boundary (letter)", "o x: the classes"))
        return super().render()


def decision_weights(params: Params) -> tuple[np.ndarray, float]:
    """(w, b) of the score whose sign decides: the binary z, or z1 - z0 of softmax with K = 2."""
    if params.W.shape[0] == 2:
        return params.W[1] - params.W[0], float(params.b[1] - params.b[0])
    return params.W[0], float(params.b[0])
