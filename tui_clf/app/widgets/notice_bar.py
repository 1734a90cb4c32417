"""What just happened and what to do about it: a reset, a divergence and its fix, an error."""

from __future__ import annotations

from typing import Literal

from textual.widgets import Static

Severity = Literal["information", "warning", "error"]


class NoticeBar(Static):
    """A message that stays until the next one (toasts vanish before a class has read them).

    Hidden when empty; styled by severity through the classes -information, -warning, -error.
    """

    def show(self, message: str, severity: Severity = "information") -> None:
        self.update(message)
        self.set_classes(f"-{severity}")
        self.display = bool(message)

    def clear(self) -> None:
        if self.display:  # hidden is clear already: an update would lay out the whole screen again (tens of ms)
            self.show("")

    @property
    def message(self) -> str:
        return str(self.content) if self.display else ""
