"""plotext figures printed through rich: as wide as the console, coloured only where rich colours.

plotext colours a plot with ANSI escape codes. Handed to rich as a plain string, those codes
count as text: rich wraps every plot line in a terminal and the frame breaks apart.
`Text.from_ansi` turns them into styles of zero width, and rich drops the styles itself on a
pipe, on a dumb terminal or under NO_COLOR, exactly as it does for the tables.

A printed plot keeps the terminal's own background and text colour: plotext's default theme
paints a white rectangle with black axes, glaring on a dark terminal. Its curves take colours
that read on a dark and on a light background alike (print_colors.py). Without colour,
curves are told apart by their marker: each series draws with its own character, and the
legend shows it beside the series' name. A curve drawn mostly under later ones is named
beside the one that covers it (covered_curves.py).
"""

from __future__ import annotations

import plotext as plt
from plotext._figure import _figure_class as Figure
from rich.console import Console
from rich.text import Text

from tui_clf.cli.covered_curves import Covered, Plot, covered_curves, name_covered_curves
from tui_clf.cli.legend_room import make_room_for_legend
from tui_clf.cli.print_colors import SERIES_COLORS
from tui_clf.views.palette import RGB

WIDEST = 120  # wider plots only stretch the curves
COLOUR_MARKER = "braille"  # 2 x 4 dots a cell, the finest line plotext draws; colour tells the series apart
BRAILLE_DOTS_TALL = 4  # a braille cell's dots, one above the other
FRAME_ROWS = 5  # title, top and bottom border, x ticks, x label
PLAIN_MARKERS = ("•", "+", "x", "o", "*", "#", "=")  # one a series when there is no colour: seven losses
TERMINAL_DEFAULT = "default"  # plotext's name for the terminal's own colour: no escape code at all


def in_colour(console: Console) -> bool:
    """True when `console` will show colour (a terminal, not dumb, NO_COLOR unset)."""
    return console.color_system is not None and not console.no_color


def series_markers(console: Console, count: int) -> list[str]:
    """The marker of each of `count` series: braille in colour, a distinct character without."""
    if in_colour(console):
        return [COLOUR_MARKER] * count
    return [PLAIN_MARKERS[i % len(PLAIN_MARKERS)] for i in range(count)]


def series_colors(count: int) -> list[RGB]:
    """The colour of each of `count` series, in the order of SERIES_COLORS."""
    return [SERIES_COLORS[i % len(SERIES_COLORS)] for i in range(count)]


def value_resolution(console: Console, span: float, height: int) -> float:
    """How far apart two values must be to land on different dots of a plot `height` rows tall.

    `span` is the range of the y axis; a titled plot with an x label spends FRAME_ROWS rows
    on other things; in colour each row is BRAILLE_DOTS_TALL dots.
    """
    dots = (height - FRAME_ROWS) * (BRAILLE_DOTS_TALL if in_colour(console) else 1)
    return span / max(dots, 1)


def plot_width(console: Console) -> int:
    """The width to draw a plot at: the console's, up to WIDEST."""
    return min(console.width, WIDEST)


def print_plot(console: Console, width: int, height: int) -> list[list[Covered]]:
    """Build plotext's current figure at width x height on the terminal's own background, name its
    covered curves in its legends, print it on `console` and clear it; return each plot's covered curves."""
    # The size is the console's, already measured; plotext must not shrink it to its own guess.
    plt.limit_size(False, False)
    figure = plt.main()
    figure.plot_size(width, height)  # the whole figure, not just the active subplot
    figure._set_sizes()  # each plot's own size now: which curves cover which depends on it
    for set_color in (figure.canvas_color, figure.axes_color, figure.ticks_color):
        set_color(TERMINAL_DEFAULT)
    covered = []
    for plot in _plots(figure):
        labels = list(plot.label)
        covered.append(covered_curves(plot))
        name_covered_curves(plot, covered[-1])
        if make_room_for_legend(plot):
            plot.label = list(labels)
            squeezed = covered_curves(plot)
            if len(squeezed) > len(covered[-1]):  # in fewer rows a curve would vanish under another: no room then
                plot.ylim[0] = [None, None]
            else:
                covered[-1] = squeezed
            name_covered_curves(plot, covered[-1])
    text = plt.build()
    plt.clear_figure()
    console.print(Text.from_ansi(text, no_wrap=True), overflow="crop")
    return covered


def _plots(figure: Figure) -> list[Plot]:
    """The plots of a figure, row by row: itself, or its subplots."""
    if figure._no_plots:
        return [figure.monitor]
    return [figure._get_subplot(row, col).monitor for row in figure._Rows for col in figure._Cols]
