"""Textual's command palette, guarded against a selection that comes after it closed.

Textual 8.2.8's palette dismisses itself when a command is selected, but keys typed ahead
(ctrl+p, enter, enter) can queue two selections before it closes: the second one
dismissed it again, which popped the app's own screen (ScreenStackError, the app ended),
and would have run the command twice. A bare Textual app does the same. This palette drops
any selection gesture that reaches it once it is no longer the screen on top.
"""

from __future__ import annotations

from textual import command, on
from textual.message import Message
from textual.widgets import Button, Input, OptionList


class CommandPalette(command.CommandPalette):
    """The palette of `ctrl+p` (and of the theme picker): one selection, at most one dismissal."""

    @on(Input.Submitted)
    @on(Button.Pressed)
    @on(OptionList.OptionSelected)
    def _drop_selection_once_closed(self, event: Message) -> None:
        # Runs before the base class's handlers (subclass first); prevent_default skips them.
        if not self.is_current:
            event.prevent_default()
            event.stop()
