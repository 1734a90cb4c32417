"""The live curves: cost and error rate against the step, for training and validation."""

from __future__ import annotations

import numpy as np
from textual.app import ComposeResult
from textual.containers import Horizontal

from tui_clf.app.widgets.curve_plot import DIVERGED_MARKER, CurvePlot
from tui_clf.views.history import History
from tui_clf.views.plottable import drawable, not_drawn


class CurvesPane(Horizontal):
    """Cost (linear or log scale) beside the error rate, both drawn from the same History;
    the border's subtitle notes a divergence and the costs that could not be drawn."""

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
        self.border_subtitle = curve_notes(self._history)
        for plot in self.query(CurvePlot):
            plot.refresh()


def curve_notes(history: History) -> str:
    """What the plots cannot say in their short titles: a divergence, and the costs left out."""
    notes = []
    if history.diverged_step is not None:
        notes.append(f"{DIVERGED_MARKER} diverged at {history.diverged_step} · │ kept {history.kept_step}")  # steps; short for the Train view
    left_out = sum(int(np.count_nonzero(~drawable(column.values))) for column in (history.train_cost, history.val_cost))
    notes.append(not_drawn(left_out, "costs"))
    return "  ".join(note for note in notes if note)
