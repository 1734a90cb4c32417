"""Figure 4 drawn: J along a segment of weight space with its chord; where J rises above the chord, marked."""

from __future__ import annotations

from textual.app import RenderResult

from tui_clf.app.widgets.themed_plot import ThemedPlot
from tui_clf.views.chord import CostAlongSegment
from tui_clf.views.palette import TRAIN_COLOR, VALIDATION_COLOR, WRONG_COLOR
from tui_clf.views.plottable import drawable

CURVE_MARKER, CHORD_MARKER, ABOVE_MARKER, WORST_MARKER = "•", "-", "^", "✖"


class ChordPlot(ThemedPlot):
    """J(lambda) as • , the chord as - , the points above the chord as ^ and the probe's worst one as ✖."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.along: CostAlongSegment | None = None
        self.worst: tuple[float, float] | None = None

    def show(self, along: CostAlongSegment | None, worst: tuple[float, float] | None) -> None:
        """The curve and chord, and the probe's (lambda, J) where it rose most above its chord (None: convex)."""
        self.along, self.worst = along, worst
        self.refresh()

    def render(self) -> RenderResult:
        plt = self.plt
        plt.clear_figure()
        along = self.along
        if along is not None:
            drawn = drawable(along.cost) & drawable(along.chord)
            lam = along.lam
            plt.plot(lam[drawn].tolist(), along.chord[drawn].tolist(), marker=CHORD_MARKER, color=VALIDATION_COLOR)
            plt.plot(lam[drawn].tolist(), along.cost[drawn].tolist(), marker=CURVE_MARKER, color=TRAIN_COLOR)
            above = drawn & along.above
            if above.any():
                plt.scatter(lam[above].tolist(), along.cost[above].tolist(), marker=ABOVE_MARKER, color=WRONG_COLOR)
            if self.worst is not None:
                plt.vertical_line(self.worst[0], color=WRONG_COLOR)
                plt.scatter([self.worst[0]], [self.worst[1]], marker=WORST_MARKER, color=WRONG_COLOR)
            plt.xlim(0.0, 1.0)
            plt.title(self.fitted_title("J((1-λ)w0 + λw1) against λ", f"{CHORD_MARKER} chord", f"{ABOVE_MARKER} above it"))
        return super().render()
