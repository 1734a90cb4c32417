"""A checkbox whose box is ticked or empty, so its state reads without colour."""

from __future__ import annotations

from textual.widgets import Checkbox


class OnOffCheckbox(Checkbox):
    """Textual's Checkbox draws an X in both states and tells them apart by colour alone, which
    NO_COLOR and monochrome screens lose: this one shows X when on and nothing when off."""

    @property
    def BUTTON_INNER(self) -> str:  # noqa: N802 (the name ToggleButton draws the box's inside from)
        return "X" if self.value else " "
