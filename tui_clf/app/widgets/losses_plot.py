"""Figures 1-3 of the lecture: every loss (or its derivative) against z, the selected one highlighted,
with a cursor that reads L and dL/dz of every loss at its z off the engine, for t = 1 or t = 0."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import RenderResult
from textual.binding import Binding

from engine.losses import LOSSES
from tui_clf.app.widgets.cursor_plot import CURSOR_COLOR, CursorPlot
from tui_clf.views.cursor import AxisCursor
from tui_clf.views.formatting import number
from tui_clf.views.loss_figure import MIN_Z_SPAN, Z_LIMITS, Z_WINDOW, drawn_values, tag_points, window_curves, y_limits
from tui_clf.views.loss_readout import LossReadout, loss_readout
from tui_clf.views.loss_style import LOSS_COLORS, LOSS_LETTERS
from tui_clf.views.palette import rich_color
from tui_clf.views.ticks import nice_ticks

ZOOM_FACTOR = 2.0  # the window's width at each + or - (and each notch of the wheel)
KEYS_HINT = "←→ z  +- zoom  i t  d dL/dz"
DIGITS = 3  # as the lecture gives them: 4.61, 11.5, -0.0066


class LossesPlot(CursorPlot):
    """L(z, t) of the seven losses on one set of axes (or dL/dz: d); `selected` drawn thick, over the
    rest; each curve tagged with its letter (LOSS_LETTERS, spelt out in the readout below the plot).

    The cursor (a vertical line) moves in steps of 0.1 on the lecture's [-4, 4]; + and - (and the
    mouse wheel) zoom around it, out to z = ±50, and the window pans to follow it. f flips the
    target between t = 1 and t = 0. softmax-cross-entropy with K = 2 and logits (0, z) is the
    cross-entropy curve (lecture 3).
    """

    BINDINGS = [
        Binding("plus,equals_sign", f"zoom({1 / ZOOM_FACTOR})", "Zoom in", show=False),
        Binding("minus", f"zoom({ZOOM_FACTOR})", "Zoom out", show=False),
        Binding("i", "flip_target", "t = 1 / t = 0", show=False),  # f is the app's step forward
        Binding("d", "toggle_derivative", "L / dL/dz", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.selected = "cross-entropy"
        self.cursor = AxisCursor(0.0, *Z_WINDOW, limits=Z_LIMITS, min_span=MIN_Z_SPAN)
        self.label = 1
        self.derivative = False

    def show(self, selected: str) -> None:
        self.selected = selected
        self.cursor_changed()

    def readout(self) -> LossReadout:
        """L and dL/dz of every loss at the cursor, from the engine."""
        return loss_readout(self.cursor.x, self.label)

    def move_cursor(self, steps: int, coarse: bool) -> None:
        self.cursor = self.cursor.moved(steps, coarse)
        self.cursor_changed()

    def cursor_to_x(self, x: float) -> None:
        self.cursor = self.cursor.at(x)
        self.cursor_changed()

    def action_zoom(self, factor: float) -> None:
        self.cursor = self.cursor.zoomed(factor)
        self.cursor_changed()

    def action_flip_target(self) -> None:
        self.label = 1 - self.label
        self.cursor_changed()

    def action_toggle_derivative(self) -> None:
        self.derivative = not self.derivative
        self.cursor_changed()

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        event.stop()  # the wheel zooms the plot; the pane around it must not scroll as well
        self.action_zoom(1 / ZOOM_FACTOR)

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        event.stop()
        self.action_zoom(ZOOM_FACTOR)

    def render(self) -> RenderResult:
        plt = self.plt
        plt.clear_figure()
        cursor = self.cursor
        curves = window_curves(cursor.low, cursor.high, self.label)
        bottom, top = y_limits(curves, self.selected, self.derivative)
        plt.vline(cursor.x, CURSOR_COLOR)
        order = [n for n in curves if n != self.selected] + [self.selected]
        for name in order:
            curve = curves[name]
            values = drawn_values(curve, self.derivative)
            shown = (values >= bottom) & (values <= top)
            highlighted = name == self.selected
            plt.plot(
                curve.z[shown].tolist(),
                values[shown].tolist(),
                marker="hd" if highlighted else "braille",
                color=LOSS_COLORS[name],
                label=name if highlighted else None,
            )
        for name in order:  # over every line, so that no curve hides another's letters
            curve = curves[name]
            values = drawn_values(curve, self.derivative)
            tags = tag_points(name, curve.z)
            tags = tags[(values[tags] >= bottom) & (values[tags] <= top)]
            plt.scatter(curve.z[tags].tolist(), values[tags].tolist(), marker=LOSS_LETTERS[name], color=LOSS_COLORS[name])
        plt.xlim(cursor.low, cursor.high)
        ticks = nice_ticks(cursor.low, cursor.high)
        plt.xticks(ticks, [number(tick) for tick in ticks])
        plt.ylim(bottom, top)
        quantity = "dL/dz" if self.derivative else "L"
        figure = "Figures 1-2" if self.derivative else "Figure 3"
        plt.title(self.fitted_title(f"{quantity}(z, t = {self.label}) against z", figure, KEYS_HINT))
        return super().render()


def loss_readout_parts(readout: LossReadout, selected: str) -> tuple[Text, list[Text]]:
    """The readout's header (the cursor's z, y = sigma(z) and t, and the keys) and one entry per loss:
    its letter and name in the colour of its curve, then L and dL/dz; the selected loss bold, reversed and marked ━."""
    target = "1" if readout.label else "0 (hinge: -1)"
    header = Text.assemble(
        (f"z = {number(readout.z)}  y = σ(z) = {number(readout.y, 3)}  t = {target}", "bold"),
        ("  · each loss: L, dL/dz", "dim"),
    )
    entries = []
    for name in LOSSES:
        reading = readout.readings[name]
        color = rich_color(LOSS_COLORS[name])
        entry = f"{LOSS_LETTERS[name]} {name} {number(reading.value, DIGITS)}, {number(reading.derivative, DIGITS)}"
        selected_one = name == selected
        entries.append(Text(f"━ {entry}" if selected_one else entry, style=f"bold reverse {color}" if selected_one else color))
    return header, entries
