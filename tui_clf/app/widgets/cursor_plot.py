"""A plot with a cursor on its x axis that the arrow keys and the mouse move, to read the figure off.

Focusable: a click (which also places the cursor) or the app's arrow keys (app.py) give it the
focus, and then ←/→ move the cursor a step, shift+←/→ (or < and >) ten. A click or a drag with
a button held puts it at the mouse's column: the x plotext drew there (plot_columns.py), from
the canvas and x range of the last render. Each move posts Moved, for the readout beside the plot.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.app import RenderResult
from textual.binding import Binding
from textual.message import Message

from tui_clf.app.widgets.themed_plot import ThemedPlot
from tui_clf.views.plot_columns import x_at_column

CURSOR_COLOR = (255, 255, 255)


class CursorPlot(ThemedPlot):
    """The cursor's keys and mouse; subclasses keep the cursor, draw it and say what it reads."""

    can_focus = True
    BINDINGS = [
        Binding("left", "move_cursor(-1)", "Cursor ←", show=False),
        Binding("right", "move_cursor(1)", "Cursor →", show=False),
        Binding("shift+left,less_than_sign", "move_cursor(-1, True)", "Cursor ← ×10", show=False),
        Binding("shift+right,greater_than_sign", "move_cursor(1, True)", "Cursor → ×10", show=False),
    ]

    @dataclass
    class Moved(Message):
        """The cursor of `plot` moved (or what it reads changed)."""

        plot: CursorPlot

        @property
        def control(self) -> CursorPlot:
            return self.plot

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._canvas: tuple[range, float, float] | None = None  # canvas columns and x range of the last render

    def move_cursor(self, steps: int, coarse: bool) -> None:
        """Move the cursor `steps` steps (negative: left), ten times longer ones if `coarse`."""
        raise NotImplementedError

    def cursor_to_x(self, x: float) -> None:
        """Put the cursor at `x`, in the units of the plot's x axis (log10 h on a log axis)."""
        raise NotImplementedError

    def action_move_cursor(self, steps: int, coarse: bool = False) -> None:
        self.move_cursor(steps, coarse)

    def cursor_changed(self) -> None:
        """Draw the cursor again and tell the readout."""
        self.refresh()
        self.post_message(self.Moved(self))

    def render(self) -> RenderResult:
        """The plot, and where its canvas and x range fell, for the mouse."""
        result = super().render()
        monitor = self.plt.monitor
        low, high = monitor.xlim[0]
        columns = monitor.matrix.Cols_canvas
        self._canvas = (columns, low, high) if low is not None and high is not None and high > low else None
        return result

    def on_mouse_down(self, event: events.MouseDown) -> None:
        self._point_at(event)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if event.button:  # a drag: the cursor follows the mouse while a button is held
            self._point_at(event)

    def _point_at(self, event: events.MouseEvent) -> None:
        offset = event.get_content_offset(self)
        if offset is None or self._canvas is None:
            return
        columns, low, high = self._canvas
        self.cursor_to_x(x_at_column(offset.x, columns, low, high))
