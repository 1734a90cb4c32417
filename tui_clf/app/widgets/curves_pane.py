"""The live curves: cost and error rate against the step, for training and validation, with a step cursor."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical

from tui_clf.app.widgets.curve_plot import DIVERGED_MARKER, CurvePlot
from tui_clf.app.widgets.cursor_plot import CursorPlot
from tui_clf.app.widgets.readout import Readout
from tui_clf.views.curve_readout import CurveReadout, SeriesReading, curve_readout
from tui_clf.views.formatting import number, percent
from tui_clf.views.history import History
from tui_clf.views.palette import TRAIN_COLOR, VALIDATION_COLOR, rich_color
from tui_clf.views.plottable import not_drawn


class CurvesPane(Vertical):
    """Cost (linear or log scale) beside the error rate, both drawn from the same History;
    the border's subtitle notes a divergence and the costs that could not be drawn. While the
    cursor is on (arrow keys or a click on either plot; escape turns it off), both plots draw it
    and a line under them reads both series at its step."""

    BORDER_TITLE = "Curves"
    DEFAULT_CSS = """
    CurvesPane #curve-plots {
        height: 1fr;
    }
    CurvesPane #curves-readout {
        display: none;
    }
    """

    def __init__(self, history: History, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._history = history

    def compose(self) -> ComposeResult:
        with Horizontal(id="curve-plots"):
            yield CurvePlot(self._history, "cost", id="cost-plot")
            yield CurvePlot(self._history, "error", id="error-plot")
        yield Readout(id="curves-readout")

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
        self._read(self.query_one("#cost-plot", CurvePlot))

    @on(CursorPlot.Moved)
    def _cursor_moved(self, event: CursorPlot.Moved) -> None:
        for plot in self.query(CurvePlot):
            if plot is not event.plot:
                plot.cursor = event.plot.cursor
                plot.refresh()
        self._read(event.plot)

    def _read(self, plot: CurvePlot) -> None:
        """Show what the cursor reads (hide the line while it is off)."""
        line = self.query_one("#curves-readout", Readout)
        readout = curve_readout(self._history, plot.cursor.x) if plot.cursor is not None else None
        line.display = readout is not None
        if readout is not None:
            line.show(Text(), curve_readout_entries(readout))


def curve_readout_entries(readout: CurveReadout) -> list[Text]:
    """"step 120 (cost, error)", then each series' cost and error rate in its colour (validation with its
    own step when it differs): short, for the narrow curves of the compact Train view."""
    entries = [Text(f"step {readout.train.step} (cost, error)", style="bold"), _series("train", readout.train, TRAIN_COLOR)]
    if readout.val is not None:
        name = "val" if readout.val.step == readout.train.step else f"val (step {readout.val.step})"
        entries.append(_series(name, readout.val, VALIDATION_COLOR))
    return entries


def _series(name: str, reading: SeriesReading, color: tuple[int, int, int]) -> Text:
    return Text(f"{name} {number(reading.cost)}, {percent(reading.error)}", style=rich_color(color))


def curve_notes(history: History) -> str:
    """What the plots cannot say in their short titles: a divergence, and the costs left out."""
    notes = []
    if history.diverged_step is not None:
        notes.append(f"{DIVERGED_MARKER} diverged at {history.diverged_step} · │ kept {history.kept_step}")  # steps; short for the Train view
    notes.append(not_drawn(history.costs_not_drawn, "costs"))  # counted as the records arrived: no scan per frame
    return "  ".join(note for note in notes if note)
