"""The live curves: cost and error rate against the step, for training and validation."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal

from tui_clf.history import History
from tui_clf.widgets.curve_plot import CurvePlot


class CurvesPane(Horizontal):
    """Cost (linear or log scale) beside the error rate, both drawn from the same History."""

    BORDER_TITLE = "Curves"

    def __init__(self, history: History, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._history = history

    def compose(self) -> ComposeResult:
        yield CurvePlot(self._history, "cost", id="cost-plot")
        yield CurvePlot(self._history, "error", id="error-plot")

    @property
    def log_scale(self) -> bool:
        return self.query_one("#cost-plot", CurvePlot).log_scale

    def set_log_scale(self, on: bool) -> None:
        self.query_one("#cost-plot", CurvePlot).log_scale = on
        self.redraw()

    def redraw(self) -> None:
        """Draw the History again (the plots render on the next frame, if they are on screen)."""
        for plot in self.query(CurvePlot):
            plot.refresh()
