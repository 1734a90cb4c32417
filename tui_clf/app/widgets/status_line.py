"""One line: the run's state, step, epoch, cost, error rate and pace."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from engine.records import StepRecord
from tui_clf.views.formatting import WARNING_SIGN, count, number, percent

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


@dataclass(frozen=True)
class Numbers:
    """What the line shows after the state: a step's numbers, or those of the weights a run ended with."""

    step: int
    epoch: int
    train_cost: float
    train_error: float
    val_cost: float | None
    val_error: float | None


class StatusLine(Static):
    """The state and the latest numbers; timings can be hidden (for snapshot tests).

    While a run goes, the numbers are the latest step's (validation: the latest measured);
    when it ends, those of the weights it ended with, as `tui-clf train` reports them.
    """

    state: reactive[State] = reactive("idle")
    numbers: reactive[Numbers | None] = reactive(None)
    latest_step: reactive[int | None] = reactive(None)  # set while a past step is shown (b): the trainer's step
    steps_per_second: reactive[float | None] = reactive(None)

    def __init__(self, *, epochs: int, full_batch: bool, show_timings: bool = True, id: str | None = None) -> None:
        super().__init__(id=id)
        self.epochs = epochs
        self.full_batch = full_batch
        self.show_timings = show_timings

    def show_records(self, records: tuple[StepRecord, ...]) -> None:
        """The latest of a batch of steps; validation from the latest step that measured it."""
        last = records[-1]
        measured = next((r for r in reversed(records) if r.val_cost is not None), None)
        earlier = self.numbers
        val = (measured.val_cost, measured.val_error) if measured else (earlier.val_cost, earlier.val_error) if earlier else (None, None)
        self.numbers = Numbers(last.step, last.epoch, last.train_cost, last.train_error, *val)
        self.latest_step = None

    def show_weights(self, record: StepRecord, latest_step: int | None = None) -> None:
        """The weights the trainer holds: their step, and their cost and error on the whole data;
        or, with `latest_step`, a past step's record while the trainer is at `latest_step`."""
        r = record
        self.numbers = Numbers(r.step, r.epoch, r.train_cost, r.train_error, r.val_cost, r.val_error)
        self.latest_step = latest_step

    def render(self) -> Text:
        """As many of the parts as fit the width, most important first."""
        words, style = STATE_STYLES[self.state]
        if self.latest_step is not None:
            words, style = f"⏮ back from {count(self.latest_step)}", "bold magenta"
        text = Text(words, style=style)
        for part in self._parts():
            if text.cell_len + 2 + part.cell_len > self.size.width - 2:
                break
            text.append("  ")
            text.append_text(part)
        return text

    def _parts(self) -> list[Text]:
        n = self.numbers
        if n is None:
            return [Text("step 0")]
        cost = number(n.train_cost)
        # After a divergence the numbers are those of the weights kept, of an earlier step: say so.
        step = "kept step" if self.state == "diverged" else "step"
        # Full-batch steps are epochs: "step 7/100" says both in less room than "step 7  epoch 7/100".
        parts = [
            Text(f"{step} {count(n.step)}/{count(self.epochs)}" if self.full_batch else f"{step} {count(n.step)}"),
            *([] if self.full_batch else [Text(f"epoch {n.epoch}/{self.epochs}")]),
            Text.assemble("cost ", (cost, "bold red" if cost.startswith(WARNING_SIGN) else "")),
            Text(f"error {percent(n.train_error)}"),
        ]
        if n.val_cost is not None:
            parts.append(Text(f"val {number(n.val_cost)} / {percent(n.val_error)}"))
        if self.show_timings and self.state == "running" and self.steps_per_second:
            parts.append(Text(f"{self.steps_per_second:,.0f} steps/s", style="dim"))
        return parts
