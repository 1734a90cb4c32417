"""The loss, with the lecture's point about it, and the training hyper-parameters."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, Vertical
from textual.message import Message
from textual.widgets import Label, Select, Static

from engine.learning_rate import AutoRate, is_auto
from engine.losses import LOSSES, get_loss
from engine.optim import OPTIMIZERS
from engine.schedules import SCHEDULES
from tui_clf.app.messages import SettingsChanged
from tui_clf.app.widgets.number_input import NumberInput
from tui_clf.config import RunConfig
from tui_clf.views.learning_rate_note import learning_rate_note

# Steps per second the worker aims at; 0 means as fast as the machine goes.
PACES: tuple[tuple[str, int], ...] = (
    ("10 steps/s", 10),
    ("30 steps/s", 30),
    ("100 steps/s", 100),
    ("1000 steps/s", 1000),
    ("max", 0),
)
DEFAULT_PACE = 30


@dataclass
class PaceChanged(Message):
    """The person chose how fast training should go: steps per second, 0 for as fast as possible."""

    steps_per_second: int


def loss_facts(name: str) -> str:
    """One line of facts about a loss: convexity, smoothness, targets, output, equations."""
    loss = get_loss(name)
    return " · ".join(
        [
            "convex" if loss.convex else "not convex",
            "differentiable" if loss.differentiable else "has a kink" if loss.convex else "has a jump",
            f"t in {loss.targets}",
            f"y = {loss.output_name}",
            loss.equation,
        ]
    )


class TrainingForm(Vertical):
    """Pick a loss and set the hyper-parameters; each change is posted as SettingsChanged.

    The learning rate applies from the next step (under a schedule it is the base rate lr0);
    every other change makes a new trainer (the app says so). Number fields commit on Enter or
    when they lose focus. Below the fields: the rate in use, what `auto` chose, and the
    stability limit 2/L above which gradient descent may diverge.
    """

    BORDER_TITLE = "Loss and training"

    def __init__(self, config: RunConfig, *, pace: int = DEFAULT_PACE, id: str | None = None) -> None:
        super().__init__(id=id)
        self._config = config
        self._pace = pace
        self._rates: tuple[AutoRate, float | None] | None = None

    def compose(self) -> ComposeResult:
        training = self._config.training
        with Horizontal(classes="row"):
            yield Label("Loss", classes="field-label")
            yield Select(
                [(name, name) for name in LOSSES],
                value=training.loss,
                allow_blank=False,
                compact=True,
                id="loss",
                tooltip="The loss L(z, t) gradient descent minimises; each is one step of the lecture",
            )
        yield Static(id="loss-point")
        yield Static(id="loss-facts")
        with Grid(classes="fields"):
            yield Label("Optim", classes="field-label")
            yield Select(
                [(name, name) for name in OPTIMIZERS],
                value=training.optimizer, allow_blank=False, compact=True, id="optimizer", classes="wide-field",
            )
            yield Label("lr", classes="field-label")
            yield NumberInput(
                training.lr, name="lr", id="field-lr", words=("auto",),
                tooltip="Learning rate, or auto (1/L from the data); applies from the next step",
            )
            yield Label("Epochs", classes="field-label")
            yield NumberInput(training.epochs, name="epochs", integer=True, id="field-epochs")
            yield Label("Batch", classes="field-label")
            yield NumberInput(
                training.batch_size,
                name="batch_size",
                integer=True,
                blank="full",
                id="field-batch-size",
                tooltip="Examples per step; empty for full-batch gradient descent",
            )
            yield Label("L2", classes="field-label")
            yield NumberInput(training.l2, name="l2", id="field-l2", tooltip="Weight decay: adds (l2/2)||W||^2 to the cost")
            yield Label("Seed", classes="field-label")
            yield NumberInput(training.seed, name="seed", integer=True, id="field-seed")
            yield Label("Speed", classes="field-label")
            yield Select(PACES, value=self._pace, allow_blank=False, compact=True, id="pace")
            yield Label("Sched", classes="field-label")
            yield Select(
                [(name, name) for name in SCHEDULES],
                value=training.schedule, allow_blank=False, compact=True, id="schedule", classes="wide-field",
                tooltip="How the learning rate changes epoch by epoch (for minibatch SGD)",
            )
        yield Static(id="lr-note")

    def on_mount(self) -> None:
        self._show_loss(self._config.training.loss)

    def show_config(self, config: RunConfig) -> None:
        """Display `config` (after a change was refused, or to sync), posting nothing."""
        self._config = config
        training = config.training
        with self.prevent(Select.Changed):
            self.query_one("#loss", Select).value = training.loss
            self.query_one("#optimizer", Select).value = training.optimizer
            self.query_one("#schedule", Select).value = training.schedule
        for field in self.query(NumberInput):
            field.show(getattr(training, field.name))
        self._show_loss(training.loss)
        self._show_rate()

    def show_rates(self, auto: AutoRate, limit: float | None) -> None:
        """The session's `auto` rate and stability limit 2/L (None without one), shown under the fields."""
        self._rates = (auto, limit)
        self._show_rate()

    def _show_rate(self) -> None:
        if self._rates is None:
            return
        auto, limit = self._rates
        training = self._config.training
        lr, rule = (auto.lr, auto.rule) if is_auto(training.lr) else (training.lr, None)
        self.query_one("#lr-note", Static).update(f"lr {learning_rate_note(lr, rule, limit, training.schedule, training.optimizer)}")

    def _show_loss(self, name: str) -> None:
        self.query_one("#loss-point", Static).update(get_loss(name).point)
        self.query_one("#loss-facts", Static).update(loss_facts(name))

    @on(Select.Changed, "#loss, #optimizer, #schedule")
    def _choice_changed(self, event: Select.Changed) -> None:
        key = event.select.id
        if getattr(self._config.training, key) != event.value:
            if key == "loss":
                self._show_loss(event.value)
            self.post_message(SettingsChanged({key: event.value}))

    @on(Select.Changed, "#pace")
    def _pace_changed(self, event: Select.Changed) -> None:
        self.post_message(PaceChanged(event.value))
