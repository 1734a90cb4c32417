"""A figure's caption that scrolls (with the mouse wheel) when a small terminal cannot show all of it."""

from __future__ import annotations

from textual.containers import VerticalScroll


class CaptionBox(VerticalScroll, can_focus=False):
    """Holds a caption under a figure, at most 40% of the view's height (app.tcss `.caption-box`),
    so that the figure keeps the rest. It never takes the focus: the arrow keys stay with the
    figure's cursor."""
