"""The model views' tabs, deaf to a focus that has already moved on.

Textual's TabbedContent shows the pane of a widget that gets the focus, when the focus
message arrives. The model views focus the shown view's plot as each `v` switches the view
(so its arrow keys move its cursor); with several `v` typed at once, the focus message of an
earlier view arrived after a later `v` and switched back to it: the keys were lost. Here a
pane's focus message counts only if the focus is still inside that pane.
"""

from __future__ import annotations

from textual import on
from textual.widgets import TabbedContent, TabPane


class ViewTabs(TabbedContent):
    """A TabbedContent that follows the focus only where the focus still is."""

    @on(TabPane.Focused)
    def _ignore_a_focus_that_moved_on(self, event: TabPane.Focused) -> None:
        # Runs before the base class's handler (subclass first); prevent_default skips it.
        focused = self.screen.focused
        if focused is None or event.tab_pane not in (focused, *focused.ancestors):
            event.prevent_default()
            event.stop()
