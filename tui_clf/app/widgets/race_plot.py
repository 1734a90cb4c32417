"""The curves of a comparison: every loss's training error, or its cost relative to its start, against the step."""

from __future__ import annotations

from typing import Literal

import numpy as np
from textual.app import RenderResult

from tui_clf.app.widgets.themed_plot import ThemedPlot
from tui_clf.views.bounded_curve import RunCurves
from tui_clf.views.decimate import decimate
from tui_clf.views.loss_style import LOSS_COLORS, LOSS_LETTERS
from tui_clf.views.plottable import drawable
from tui_clf.views.ticks import nice_step_ticks

RaceMetric = Literal["error", "cost"]
AXIS_COLUMNS = 10  # columns of the y labels and the frame
COST_CAP = 10.0  # a cost above 10 times its start is drawn at 10 times: one spike would flatten every other curve
TAGS = 4  # letters along each curve, so that it reads without colour


class RacePlot(ThemedPlot):
    """One line per loss, in its colour, tagged with its letter (loss_style.py) at TAGS staggered steps.

    "error": the training error rate, a scale the losses share (the lecture's point: only it
    says which loss classifies better). "cost": J / J(step 0), since each loss's own J has its
    own scale (squared error starts near 0.5, cross-entropy at log 2).
    """

    def __init__(self, curves: dict[str, RunCurves], first_costs: dict[str, float], metric: RaceMetric, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.curves = curves
        self.first_costs = first_costs
        self.metric: RaceMetric = metric

    def render(self) -> RenderResult:
        plt = self.plt
        plt.clear_figure()
        columns = max(self.size.width - AXIS_COLUMNS, 10)
        last = 1
        for position, (name, curves) in enumerate(self.curves.items()):
            x, y = self._values(name, curves)
            keep = drawable(y)
            x, y = decimate(x[keep], y[keep], columns)
            if not len(x):
                continue
            last = max(last, int(x[-1]))
            plt.plot(x.tolist(), y.tolist(), color=LOSS_COLORS[name], marker="braille")
            tags = tag_indices(len(x), position, len(self.curves))
            plt.scatter(x[tags].tolist(), y[tags].tolist(), color=LOSS_COLORS[name], marker=LOSS_LETTERS[name])
        ticks = nice_step_ticks(last)
        plt.xticks(ticks, [str(t) for t in ticks])
        if self.metric == "error":
            plt.ylim(0, 1)
            plt.title(self.fitted_title("training error", "one scale for all"))
        else:
            plt.ylim(0, None)
            plt.title(self.fitted_title("cost / cost at step 0", f"capped at {COST_CAP:g}"))
        return super().render()

    def _values(self, name: str, curves: RunCurves) -> tuple[np.ndarray, np.ndarray]:
        if self.metric == "error":
            return curves.series["train_error"].points()
        x, y = curves.series["train_cost"].points()
        first = self.first_costs.get(name, 0.0)
        with np.errstate(all="ignore"):
            relative = y / first if first > 0 else np.full_like(y, np.nan)
        return x, np.minimum(relative, COST_CAP)


def tag_indices(length: int, position: int, count: int) -> np.ndarray:
    """Where the curve at `position` of `count` carries its letter: TAGS points, offset from the other curves' tags."""
    spacing = length / TAGS
    offsets = (np.arange(TAGS) + (position + 0.5) / max(count, 1)) * spacing
    return np.unique(offsets.astype(int).clip(0, length - 1))
