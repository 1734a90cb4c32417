"""What a plot's cursor reads, under the plot: a header line, then entries packed into as few lines as fit.

An entry ("c cross-entropy 4.61, -0.99") is never broken across two lines: Rich would wrap at any
space, no-break spaces included, and split a loss's letter from its name or from its numbers.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import RenderResult
from textual.geometry import Size
from textual.widget import Widget

GAP = "  "


class Readout(Widget):
    """A header and entries; as tall as its lines at the width it is given."""

    DEFAULT_CSS = """
    Readout {
        height: auto;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.header = Text()
        self.entries: list[Text] = []

    def show(self, header: Text, entries: list[Text]) -> None:
        self.header, self.entries = header, entries
        self.refresh(layout=True)

    def render(self) -> RenderResult:
        text = Text("\n").join(self._lines(self.size.width))
        text.no_wrap, text.overflow = True, "ellipsis"  # an entry wider than the widget is cut, never wrapped into a line not counted
        return text

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines(width))

    def _lines(self, width: int) -> list[Text]:
        """The header (wrapped, if it must be), then the entries, each line filled until the next entry would not fit."""
        lines = list(self.header.wrap(self.app.console, max(width, 1))) if self.header else []
        line = Text()
        for entry in self.entries:
            if line and line.cell_len + len(GAP) + entry.cell_len > width:
                lines.append(line)
                line = Text()
            line = line + GAP + entry if line else entry.copy()
        if line:
            lines.append(line)
        return lines
