"""Textual's command palette, guarded against input that reaches it after it closed.

Textual 8.2.8's palette dismisses itself when a command is selected, but keys typed ahead
queue messages that it still handles once it has closed. Two of them end the app, in a
bare Textual app too: after ctrl+p, enter, enter the second selection dismissed it again,
which popped the app's own screen (ScreenStackError), and would have run the command
twice; text typed right after enter started a search whose results were then shown in
widgets already removed (NoMatches in the palette's worker, which ends the app). This
palette drops a selection or a change of its search text that reaches it once it is no
longer the screen on top.
"""

from __future__ import annotations

from textual import command, on
from textual.message import Message
from textual.widgets import Button, Input, OptionList


class CommandPalette(command.CommandPalette):
    """The palette of `ctrl+p` (and of the theme picker): one selection, at most one dismissal."""

    @on(Input.Changed)
    @on(Input.Submitted)
    @on(Button.Pressed)
    @on(OptionList.OptionSelected)
    def _drop_input_once_closed(self, event: Message) -> None:
        # Runs before the base class's handlers (subclass first); prevent_default skips them.
        if not self.is_current:
            event.prevent_default()
            event.stop()
