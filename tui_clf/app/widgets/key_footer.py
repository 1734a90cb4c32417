"""The footer of keys, fitted to the terminal's width: no key is ever shown cut in half."""

from __future__ import annotations

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


class KeyFooter(Footer):
    """A compact Footer that hides the least needed keys, in GIVE_WAY order, until the rest fit."""

    def __init__(self) -> None:
        super().__init__(compact=True)

    async def recompose(self) -> None:
        await super().recompose()
        self._fit()

    def on_resize(self, event: Resize) -> None:
        self._fit()

    def _fit(self) -> None:
        keys = list(self.query(FooterKey))
        widths = {key: footer_width(key) for key in keys}
        # The last key's right margin may fall off the edge.
        room = self.size.width + 1
        need = sum(widths.values())
        for key in keys:
            key.display = True
        for action in GIVE_WAY:
            for key in keys:
                if need > room and key.action == action:
                    key.display = False
                    need -= widths[key]


def footer_width(key: FooterKey) -> int:
    """Columns a key takes in the footer: its text, border and margins."""
    return key.render().cell_len + key.styles.gutter.width + key.styles.margin.width
