"""Several losses trained side by side in lock step from the same start: the lecture's comparison, run.

Every contender is a Trainer made by engine.pipeline.make_trainer on the same PreparedData
(one split, one standardisation) with the same base TrainConfig but its own loss and learning
rate. They share the seed, so every binary loss starts from the same weights W (1, D) drawn
from N(0, init_scale^2), b = 0 (engine.trainer.initial_params), and minibatches come in the
same order. One `step()` is one update of each contender still running, in the order given:
after k calls every contender has taken k steps, or stopped earlier.

A contender's status:
  running   still stepping
  finished  its epochs are spent, or a stop rule (convergence, early stopping) ended it
  diverged  the trainer's divergence guard fired; the message names the cause
  stalled   a whole epoch of gradients exactly zero: the 0-1 loss (lecture 2.1), not a failure
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from engine.errors import ConfigError
from engine.losses import LOSSES
from engine.pipeline import PreparedData, make_trainer
from engine.records import StepRecord, Stop, StopKind
from engine.train_config import TrainConfig
from engine.trainer import Trainer


# The race the lecture runs: every binary loss, long enough for cross-entropy and hinge to end
# (not pass through) their descent on blobs-outliers; squared error is at its optimum long before.
BINARY_LOSSES = tuple(name for name, loss in LOSSES.items() if not loss.multiclass)
COMPARE_EPOCHS = 300
COMPARE_TARGET_ERROR = 0.1


def trainable_losses(optimizer: str, losses: tuple[str, ...] = BINARY_LOSSES) -> tuple[str, ...]:
    """The losses among `losses` that `optimizer` can train: lbfgs and newton leave out zero-one, newton hinge too."""
    trainable = []
    for name in losses:
        try:
            TrainConfig(loss=name, optimizer=optimizer)
        except ConfigError:
            continue
        trainable.append(name)
    return tuple(trainable)


class Status(StrEnum):
    RUNNING = "running"
    FINISHED = "finished"
    DIVERGED = "diverged"
    STALLED = "stalled"


@dataclass(frozen=True)
class Contender:
    """One loss in the race and the learning rate it trains at (a number, or "auto": its own 1/L)."""

    loss: str
    lr: float | str


@dataclass(frozen=True)
class Standing:
    """Where one contender is: its status, why it stopped (None while running), the steps it
    has taken, and the first step whose training error was at most the target (None if none yet)."""

    status: Status
    message: str | None
    steps: int
    steps_to_target: int | None


def status_of(stop: Stop | None) -> Status:
    """The race's status for a trainer's stop (None: still running)."""
    if stop is None:
        return Status.RUNNING
    if stop.kind is StopKind.DIVERGED:
        return Status.DIVERGED
    if stop.kind is StopKind.ZERO_GRADIENT:
        return Status.STALLED
    return Status.FINISHED


class LockStep:
    """Trains `contenders` one step each in turn; see the module docstring.

    target_error: a fraction of the training set; `steps_to_target` counts the steps until the
    error on the whole training set is at most it (record 0, the initial weights, is step 0).
    A full-batch record carries that error; a minibatch record only the next batch's
    (engine.records.StepRecord), so minibatch races measure the whole set at each epoch's end.
    make: how a contender's trainer is made from the data and its config (another start than
    the seed's, say); by default engine.pipeline.make_trainer.
    """

    def __init__(
        self,
        data: PreparedData,
        base: TrainConfig,
        contenders: Sequence[Contender],
        target_error: float | None = None,
        make: Callable[[PreparedData, TrainConfig], Trainer] = make_trainer,
    ) -> None:
        names = [c.loss for c in contenders]
        if not names:
            raise ConfigError("nothing to compare: give at least one loss")
        if len(set(names)) < len(names):
            repeated = next(name for name in names if names.count(name) > 1)
            raise ConfigError(f"each loss may run once in a comparison, but {repeated} is given twice")
        if target_error is not None and not 0 <= target_error <= 1:
            raise ConfigError(f"the target error is a fraction in [0, 1], got {target_error}")
        self.contenders = tuple(contenders)
        self.target_error = target_error
        self.steps = 0  # rounds of the race: the steps of those still running
        self.trainers: dict[str, Trainer] = {
            c.loss: make(data, replace(base, loss=c.loss, lr=c.lr)) for c in self.contenders
        }
        self.initial_records: dict[str, StepRecord] = {name: t.current_record() for name, t in self.trainers.items()}
        # A stopped trainer never changes again, so its final record is measured once, as it stops.
        self._stopped_finals: dict[str, StepRecord] = {}
        self.standings: dict[str, Standing] = {
            name: Standing(Status.RUNNING, None, 0, 0 if self._on_target(self.trainers[name], record) else None)
            for name, record in self.initial_records.items()
        }

    @property
    def statuses(self) -> dict[str, Status]:
        return {name: standing.status for name, standing in self.standings.items()}

    @property
    def done(self) -> bool:
        """True once no contender is running."""
        return all(standing.status is not Status.RUNNING for standing in self.standings.values())

    def step(self) -> dict[str, StepRecord]:
        """One update of each running contender, in order; their records by loss name."""
        records = {}
        for name, trainer in self.trainers.items():
            standing = self.standings[name]
            if standing.status is not Status.RUNNING:
                continue
            record = trainer.step()
            records[name] = record
            reached = standing.steps_to_target
            if reached is None and self._on_target(trainer, record):
                reached = record.step
            self.standings[name] = Standing(status_of(record.stop), record.stop and record.stop.message, record.step, reached)
            if record.stop is not None:
                self._stopped_finals[name] = trainer.final_record()
        self.steps += bool(records)
        return records

    def run(self) -> dict[str, StepRecord]:
        """Step until every contender has stopped; the final records."""
        while not self.done:
            self.step()
        return self.final_records()

    def final_records(self) -> dict[str, StepRecord]:
        """Each contender's weights as it holds them now (after a divergence: the best ones it
        went back to), measured on the whole training and validation sets."""
        return {name: self._stopped_finals.get(name) or trainer.final_record() for name, trainer in self.trainers.items()}

    def stopped_records(self) -> dict[str, StepRecord]:
        """final_records() of the contenders that have stopped so far: what a live view shows for
        them from the step they stopped (a diverged one's last record holds rejected weights)."""
        return dict(self._stopped_finals)

    def _on_target(self, trainer: Trainer, record: StepRecord) -> bool:
        """Whether the weights of `record` have a training error of at most the target."""
        # A diverged step's numbers are those of weights the trainer rejected.
        if self.target_error is None or (record.stop is not None and record.stop.kind is StopKind.DIVERGED):
            return False
        if trainer.full_batch:
            return record.train_error <= self.target_error
        epoch_ended = record.step % trainer.steps_per_epoch == 0
        return epoch_ended and trainer.evaluate().train_error <= self.target_error
