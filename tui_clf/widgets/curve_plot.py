"""One live curve plot: the training and validation cost, or error rate, against the step."""

from __future__ import annotations

from typing import Literal

import numpy as np
from textual.app import RenderResult
from textual_plotext import PlotextPlot

from tui_clf.decimate import decimate
from tui_clf.history import Column, History
from tui_clf.palette import TRAIN_COLOR, VALIDATION_COLOR
from tui_clf.ticks import nice_step_ticks

Metric = Literal["cost", "error"]
# Columns taken by the y-axis labels and the frame, not by the data.
AXIS_COLUMNS = 10


class CurvePlot(PlotextPlot):
    """Draws `metric` from a History each time it renders, decimated to ~2 points per column.

    Render only happens when the app asks for a refresh (at most ~10 times a second, after a
    batch of steps) and only while the plot is on screen. Values that are not finite (a
    diverged step) are left out and the title counts them; on a log scale, so are the
    values <= 0 (a hinge cost of 0), which a log axis cannot place.
    """

    def __init__(self, history: History, metric: Metric, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._history = history
        self.metric: Metric = metric
        self.log_scale = False

    def _series(self) -> list[tuple[str, Column, Column, tuple[int, int, int], str]]:
        h = self._history
        if self.metric == "cost":
            return [("train", h.steps, h.train_cost, TRAIN_COLOR, "braille"), ("val", h.val_steps, h.val_cost, VALIDATION_COLOR, "dot")]
        return [("train", h.steps, h.train_error, TRAIN_COLOR, "braille"), ("val", h.val_steps, h.val_error, VALIDATION_COLOR, "dot")]

    def render(self) -> RenderResult:
        plt = self.plt
        plt.clear_figure()
        log = self.log_scale and self.metric == "cost"
        columns = max(self.size.width - AXIS_COLUMNS, 10)
        left_out, drawn = 0, 0
        for label, steps, values, color, marker in self._series():
            x, y = steps.values, values.values
            keep = np.isfinite(y) & (y > 0) if log else np.isfinite(y)
            left_out += int(np.count_nonzero(~np.isfinite(y)))
            x, y = decimate(x[keep], y[keep], columns)
            if len(x):
                plt.plot(x.tolist(), y.tolist(), label=label, color=color, marker=marker)
                drawn += len(x)
        name = "cost" if self.metric == "cost" else "error rate"
        title = f"{name} (log scale)" if log else name
        if not len(self._history):
            title += ": press space to train"
        if left_out:
            title += f"  ⚠ {left_out} inf/nan not drawn"
        plt.title(title)
        if log and drawn:  # plotext cannot scale an empty plot
            plt.yscale("log")
        last = self._history.steps.values[-1] if len(self._history) else 1
        ticks = nice_step_ticks(last)
        plt.xticks(ticks, [str(t) for t in ticks])
        return super().render()
