"""plotext's picture shown by Textual a line at a time, each line converted only when it changes.

textual-plotext turns plotext's ANSI canvas into one rich Text (`Text.from_ansi`), which Textual
then turns into Content and strips: for a 120 x 40 screen of three plots that costs more than
building the plots. While training, most lines of a plot are the same from one frame to the
next (the frame, the labels, the flat end of a curve). PlotCanvas converts each line the way
Textual converts the whole Text (`Text.from_ansi`, `Content.from_rich_text`, `render_strips`),
so the screen is the same, and keeps the strips of the last frame's lines to reuse.
"""

from __future__ import annotations

import re

from rich.console import Console
from rich.text import Text
from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

ANSI_CODE = re.compile(r"\x1b\[[0-9;]*m")
# The strips of one frame's lines, by the line's ANSI text, its row, and the width and base style it was drawn at.
LineStrips = dict[tuple[str, int, int, Style], list[Strip]]


class PlotCanvas(Visual):
    """plotext's built canvas (ANSI, one row a line); `previous` holds the last frame's strips and is replaced by this frame's."""

    def __init__(self, ansi: str, console: Console, previous: LineStrips) -> None:
        self.lines = ansi.splitlines()
        self._console = console
        self._strips = previous

    @property
    def plain(self) -> str:
        """The characters drawn, without colours (rows separated by newlines)."""
        return ANSI_CODE.sub("", "\n".join(self.lines))

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return max((len(ANSI_CODE.sub("", line)) for line in self.lines), default=0)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return len(self.lines)

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        if options.selection is not None:  # a selection is drawn over the whole text: no line stands alone
            return self._content("\n".join(self.lines)).render_strips(width, height, style, options)
        kept = dict(self._strips)
        self._strips.clear()  # what this frame draws replaces what the last one drew
        strips: list[Strip] = []
        for y, line in enumerate(self.lines):
            key = (line, y, width, style)
            converted = kept.get(key) or self._line_strips(line, y, width, style, options)
            self._strips[key] = converted
            strips.extend(converted)
        return strips[:height] if height is not None else strips

    def _line_strips(self, line: str, y: int, width: int, style: Style, options: RenderOptions) -> list[Strip]:
        """Line `y` as the whole text would render it: its strips, with the offsets (column, y) that text selection reads."""
        return [strip.apply_offsets(0, y) for strip in self._content(line).render_strips(width, None, style, options)]

    def _content(self, ansi: str) -> Content:
        return Content.from_rich_text(Text.from_ansi(ansi), console=self._console)
