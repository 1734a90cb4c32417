"""The base of the app's plots: plotext in the app theme's colours, with titles that fit.

textual-plotext paints the canvas in the theme's `surface` and the axes' labels in its
`foreground` as RGB. An ANSI theme (ansi-light, ansi-dark) gives both as the terminal's
default colour, which has no RGB: it became black on black. Here such a colour stays the
terminal's default ("default" to plotext), so the labels read as the rest of the screen does.
"""

from __future__ import annotations

from plotext._dict import themes as plotext_themes
from rich.text import Text
from textual.app import RenderResult
from textual.color import Color
from textual_plotext import PlotextPlot
from textual_plotext.plot import _rgbify_theme, _sequence

from tui_clf.app.widgets.plot_canvas import LineStrips, PlotCanvas

PlotColor = tuple[int, int, int] | str

# Columns of a plot that its title cannot use (the y labels and the frame); plotext drops a longer title.
TITLE_MARGIN = 8


def plot_color(value: str) -> PlotColor:
    """A theme colour for plotext: RGB, or "default" for the terminal's own (ANSI default, transparent)."""
    color = Color.parse(value)
    return "default" if color.ansi == -1 or color.a == 0 else color.rgb


class ThemedPlot(PlotextPlot):
    """A PlotextPlot whose canvas and labels follow the app's theme, ANSI themes included, and whose
    lines reach Textual through PlotCanvas (a line the last frame drew is not converted again)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._line_strips: LineStrips = {}  # the last frame's lines, for PlotCanvas to reuse

    def render(self) -> RenderResult:
        """The plot, or one line saying why plotext could not build it (never an exception that ends the app)."""
        try:
            return PlotCanvas(self._built_canvas(), self.app.console, self._line_strips)
        except (ArithmeticError, ValueError) as error:  # plotext's own arithmetic on values it cannot place
            return Text(f"⚠ this plot cannot be drawn: {type(error).__name__}: {error}")

    def _built_canvas(self) -> str:
        """plotext's ANSI canvas at the widget's size, in its theme: PlotextPlot.render without its Text.from_ansi."""
        plot = self.plt
        plot.plotsize(self.size.width, self.size.height)
        plot._set_size(self.size.width, self.size.height)  # as PlotextPlot.render does (textual-plotext issue 5)
        plot.theme(self._get_plotext_theme_name(self.app.theme))
        return plot.build()

    def _register_theme(self, app_theme_name: str) -> None:
        if self.theme != "auto":
            return
        variables = self.app.theme_variables
        canvas, labels = plot_color(variables["surface"]), plot_color(variables["foreground"])
        name = self._get_plotext_theme_name(app_theme_name)
        plotext_themes[name] = _rgbify_theme(canvas, canvas, labels, "default", _sequence)
        self.refresh()

    def fitted_title(self, *parts: str) -> str:
        """The parts joined by " · ", dropping the last ones until the title fits the plot's width; empty parts are
        skipped. A first part too wide alone is cut after a word and ends in "…": plotext drops a title wider
        than the plot, and a blank title line says nothing."""
        room = self.size.width - TITLE_MARGIN
        kept = [part for part in parts if part]
        while len(kept) > 1 and len(" · ".join(kept)) > room:
            kept.pop()
        title = " · ".join(kept)
        if len(title) <= room:
            return title
        cut = title[: max(room - 1, 1)]
        return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" ·:(,") + "…"
