"""The footer of keys, fitted to the terminal's width: no key is ever shown cut in half.

Textual's Footer mounts all its keys again whenever the bindings change: 22-33 ms, then a layout of
the screen of 20-70 ms, at every press of space (Run and Pause are two bindings of one key). When
the keys shown are the same keys in the same places and only their words or actions change, this
footer updates them where they are instead.
"""

from __future__ import annotations

from typing import NamedTuple

from textual.events import Resize
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

# The actions whose keys leave the footer first when it is too narrow for all (they still work,
# and the command palette lists them); space, s, g and q always stay.
GIVE_WAY = (
    "open_file",
    "command_palette",
    "toggle_log",
    "compare",
    "next_view",
    "step_back",
    "reset",
    "show_section('train')",
    "stop_editing",
    "next_class",
    "edit('flip')",
)


class ShownKey(NamedTuple):
    """What a FooterKey shows of a binding, as Footer.compose makes it."""

    key: str
    key_display: str
    description: str
    action: str
    disabled: bool
    tooltip: str


class KeyFooter(Footer):
    """A compact Footer that hides the least needed keys, in GIVE_WAY order, until the rest fit."""

    def __init__(self) -> None:
        super().__init__(compact=True)

    async def recompose(self) -> None:
        if not self._updated_in_place():
            await super().recompose()
        self._fit()

    def _updated_in_place(self) -> bool:
        """Give the FooterKeys shown the words and actions of the bindings now, if they are the same keys in
        the same order (and no key group, which Footer composes otherwise); False if they must be composed."""
        wanted = self._wanted_keys()
        shown = list(self.children)
        if wanted is None or len(wanted) != len(shown) or not all(isinstance(key, FooterKey) for key in shown):
            return False
        if any(key.key != new.key for key, new in zip(shown, wanted)):
            return False
        for key, new in zip(shown, wanted):
            if (key.key_display, key.description, key.action, key._disabled, key.tooltip or "") == new[1:]:
                continue
            key.key_display, key.description, key.action = new.key_display, new.description, new.action
            key._disabled = new.disabled  # FooterKey reads it on a click (textual 8.2)
            key.set_class(new.disabled, "-disabled")
            key.tooltip = new.tooltip or None
            key.refresh(layout=True)  # another description may be another width
        return True

    def _wanted_keys(self) -> list[ShownKey] | None:
        """The keys Footer.compose would show now, in its order; None before the bindings are known or with a key group."""
        if not self._bindings_ready:
            return None
        active = self.screen.active_bindings
        first_of_action: dict[str, ShownKey] = {}
        for _, binding, enabled, tooltip in active.values():
            if not binding.show:
                continue
            if binding.group is not None:
                return None
            key = ShownKey(binding.key, self.app.get_key_display(binding), binding.description, binding.action, not enabled, tooltip)
            first_of_action.setdefault(binding.action, key)
        wanted = list(first_of_action.values())
        palette = active.get(self.app.COMMAND_PALETTE_BINDING) if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE else None
        if palette is not None:
            _, binding, enabled, tooltip = palette
            wanted.append(
                ShownKey(binding.key, self.app.get_key_display(binding), binding.description, binding.action, not enabled, binding.tooltip or binding.description)
            )
        return wanted

    def on_resize(self, event: Resize) -> None:
        self._fit()

    def _fit(self) -> None:
        keys = list(self.query(FooterKey))
        widths = {key: footer_width(key) for key in keys}
        # The last key's right margin may fall off the edge.
        room = self.size.width + 1
        need = sum(widths.values())
        shown = dict.fromkeys(keys, True)
        for action in GIVE_WAY:
            for key in keys:
                if need > room and key.action == action:
                    shown[key] = False
                    need -= widths[key]
        for key, display in shown.items():
            if key.display != display:  # each change lays out the screen again
                key.display = display


def footer_width(key: FooterKey) -> int:
    """Columns a key takes in the footer: its text, border and margins."""
    return key.render().cell_len + key.styles.gutter.width + key.styles.margin.width
