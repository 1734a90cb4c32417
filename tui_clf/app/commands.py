"""The command palette's entries for this app, titled by area ("training: ...", "loss: ...")."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, Protocol, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from engine.bundled import BUNDLED
from engine.losses import LOSSES

Command = tuple[str, str, Callable[[], object]]


class CommandTarget(Protocol):
    """What the palette needs from the app; a Protocol, so this module never imports the app (no cycle)."""

    def action_toggle_run(self) -> None: ...
    def action_step(self) -> None: ...
    def action_reset(self) -> None: ...
    def action_gradcheck(self) -> None: ...
    def action_toggle_log(self) -> None: ...
    def action_next_view(self) -> None: ...
    def action_open_file(self) -> None: ...
    def action_compare(self) -> None: ...
    def action_step_back(self) -> None: ...
    def action_step_forward(self) -> None: ...
    def action_edit_data(self) -> None: ...
    def action_export(self) -> None: ...
    def action_save_data(self) -> None: ...
    def choose(self, **changes: Any) -> None: ...


class TrainingCommands(Provider):
    """Every key's action, plus choosing any loss or bundled dataset by name."""

    def _commands(self) -> list[Command]:
        app = cast(CommandTarget, self.app)
        commands: list[Command] = [
            ("training: start / pause", "Train until a stop rule fires or you pause (space)", app.action_toggle_run),
            ("training: one step", "One gradient step, then pause (s)", app.action_step),
            ("training: reset", "Back to the initial weights of the seed (r)", app.action_reset),
            ("gradient: check", "Finite differences against the gradient at the current weights (g)", app.action_gradcheck),
            ("view: log-scale cost", "Switch the cost axis between linear and log (l)", app.action_toggle_log),
            ("view: next model view", "Boundary, losses against z, per-example gradients, h sweep, naive against stable cross-entropy (v)", app.action_next_view),
            ("compare: the losses side by side", "The binary losses trained in lock step from the same start (c)", app.action_compare),
            ("data: open a file", "Read a CSV, svmlight or .npz file (o)", app.action_open_file),
            ("training: step back", "Show the kept step before this one; space or s trains on from it (b)", app.action_step_back),
            ("training: step forward", "Show the kept step after this one (f)", app.action_step_forward),
            ("data: edit points", "Add, remove or relabel points of 2-D data in the boundary view (e)", app.action_edit_data),
            ("data: save the edited set", "Write the data with your edits as CSV (w; the file of --save-data)", app.action_save_data),
            ("export: screen and numbers", "The screen as SVG, the curves and per-example numbers as CSV, here (x)", app.action_export),
        ]
        for name, loss in LOSSES.items():
            commands.append((f"loss: {name}", loss.point, partial(app.choose, loss=name)))
        for name, description in BUNDLED.items():
            commands.append((f"data: {name}", description, partial(app.choose, data=name)))
        return commands

    async def discover(self) -> Hits:
        for title, help_text, callback in self._commands():
            yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)
