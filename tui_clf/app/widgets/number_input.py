"""A number field that leaves the app's keys working while it has focus."""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.widgets import Input

from tui_clf.app.messages import SettingsChanged

# Keys that can be part of a number as Python writes it (1e-3, -2.5, 1_000).
NUMBER_CHARACTERS = frozenset("0123456789.+-eE_")


class NumberInput(Input):
    """A compact Input for one number of a run's configuration.

    An Input claims every printable key (Textual then drops the app's bindings for them)
    and swallows it. This one claims and takes only the characters of a number; the others
    (space, s, r, g, q, ...) reach the app's bindings, so training can be started, paused
    or quit while the cursor is in a number field.
    Enter and Escape leave the field; leaving commits its value: a SettingsChanged message
    if it parses and differs from the value shown last, else an error and the old value back.
    The digit keys then switch sections again.
    `name` is the configuration key the field edits (lr, epochs, batch_size, val_split, ...).
    `words` are what the field takes besides numbers (the lr field's "auto"); their letters are
    the field's, not the app's, while it has focus.
    """

    BINDINGS = [Binding("escape", "leave", "Leave field", show=False)]

    def __init__(
        self,
        value: float | int | None,
        *,
        name: str,
        integer: bool = False,
        blank: str | None = None,
        id: str | None = None,
        tooltip: str | None = None,
        words: tuple[str, ...] = (),
    ) -> None:
        """`blank`, if given, is what an empty field means (shown as the placeholder)."""
        super().__init__(
            format_value(value),
            placeholder=blank or "",
            type="text" if words else "integer" if integer else "number",
            name=name,
            id=id,
            compact=True,
            select_on_focus=True,
        )
        self.integer = integer
        self.words = words
        self._characters = NUMBER_CHARACTERS.union(*words)
        self.blank_allowed = blank is not None
        self._committed = value
        if tooltip:
            self.tooltip = tooltip

    def number(self) -> float | int | str | None:
        """The field's value (None for an allowed blank, or one of its words), or a ValueError saying what is wrong."""
        text = self.value.strip().replace("_", "")
        if text.lower() in self.words:
            return text.lower()
        if not text:
            if self.blank_allowed:
                return None
            raise ValueError(f"{self.name} needs a number")
        try:
            return int(text) if self.integer else float(text)
        except ValueError:
            kind = "a whole number" if self.integer else " or ".join(("a number", *self.words))
            raise ValueError(f"{self.name} must be {kind}, not {text!r}") from None

    async def action_submit(self) -> None:
        self.action_leave()

    def action_leave(self) -> None:
        """Give up the focus: the field commits its value, and the app's keys are its own again."""
        self.screen.set_focus(None)

    def on_blur(self, event: events.Blur) -> None:
        try:
            value = self.number()
        except ValueError as error:
            self.app.notify(str(error), severity="error")
            self.show(self._committed)
            return
        if value != self._committed:
            self._committed = value
            self.post_message(SettingsChanged({self.name: value}))

    def show(self, value: float | int | str | None) -> None:
        """Display `value` (from the configuration) in the field."""
        self._committed = value
        self.value = format_value(value)

    def check_consume_key(self, key: str, character: str | None) -> bool:
        """Only the characters of a number: the app's other keys stay bound, and in the footer."""
        return character is not None and character in self._characters

    def _on_key(self, event: events.Key) -> None:
        if event.is_printable and event.character not in self._characters:
            # Skip Input's handler (which would swallow the key); the key still bubbles to the app.
            event.prevent_default()


def format_value(value: float | int | str | None) -> str:
    """How a configuration value reads in a field: 0.1, 100, 1e-05, auto, or empty for None."""
    if value is None:
        return ""
    return str(value) if isinstance(value, int | str) else f"{value:g}"
