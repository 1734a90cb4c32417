"""One line: the run's state, step, epoch, cost, error rate and pace."""

from __future__ import annotations

from typing import Literal

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from engine.records import StepRecord
from tui_clf.formatting import WARNING_SIGN, count, number, percent

State = Literal["idle", "running", "paused", "diverged", "stuck", "done", "failed"]

STATE_STYLES: dict[str, tuple[str, str]] = {
    "idle": ("○ idle", "dim"),
    "running": ("▶ running", "bold green"),
    "paused": ("⏸ paused", "yellow"),
    "diverged": ("⚠ diverged", "bold red"),
    "stuck": ("⚠ stuck", "bold yellow"),
    "done": ("✓ done", "bold cyan"),
    "failed": ("✗ failed", "bold red"),
}


class StatusLine(Static):
    """The state and the numbers of the latest step; timings can be hidden (for snapshot tests)."""

    state: reactive[State] = reactive("idle")
    record: reactive[StepRecord | None] = reactive(None)
    steps_per_second: reactive[float | None] = reactive(None)

    def __init__(self, *, epochs: int, full_batch: bool, show_timings: bool = True, id: str | None = None) -> None:
        super().__init__(id=id)
        self.epochs = epochs
        self.full_batch = full_batch
        self.show_timings = show_timings

    def render(self) -> Text:
        """As many of the parts as fit the width, most important first."""
        words, style = STATE_STYLES[self.state]
        text = Text(words, style=style)
        for part in self._parts():
            if text.cell_len + 2 + part.cell_len > self.size.width - 2:
                break
            text.append("  ")
            text.append_text(part)
        return text

    def _parts(self) -> list[Text]:
        r = self.record
        if r is None:
            return [Text("step 0")]
        cost = number(r.train_cost)
        # Full-batch steps are epochs: "step 7/100" says both in less room than "step 7  epoch 7/100".
        parts = [
            Text(f"step {count(r.step)}/{count(self.epochs)}" if self.full_batch else f"step {count(r.step)}"),
            *([] if self.full_batch else [Text(f"epoch {r.epoch}/{self.epochs}")]),
            Text.assemble("cost ", (cost, "bold red" if cost.startswith(WARNING_SIGN) else "")),
            Text(f"error {percent(r.train_error)}"),
        ]
        if r.val_cost is not None:
            parts.append(Text(f"val {number(r.val_cost)} / {percent(r.val_error)}"))
        if self.show_timings and self.state == "running" and self.steps_per_second:
            parts.append(Text(f"{self.steps_per_second:,.0f} steps/s", style="dim"))
        return parts
