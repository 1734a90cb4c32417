"""What the trainer remembers between steps, and what it reports of the weights it holds.

All records are immutable and their arrays are never written in place, so a snapshot can be
handed to another thread as it is and restored later bit for bit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any, NamedTuple

from engine.objective import Params
from engine.records import StepRecord, Stop


class Point(NamedTuple):
    """One pass over a batch at some weights: J, the mean loss, the error rate and dJ/d(W, b).

    A NamedTuple, not a frozen dataclass: it is built once a step and is cheaper to build."""

    cost: float
    loss: float
    error: float
    grad: Params | None
    grad_norm: float

    @property
    def finite(self) -> bool:
        return math.isfinite(self.cost) and math.isfinite(self.grad_norm)


# What a step reports for weights that overflowed: nothing about them is finite.
NOWHERE = Point(math.inf, math.inf, 1.0, None, math.inf)


@dataclass(frozen=True)
class Progress:
    """Everything that changes from step to step.

    `point` is measured at `params` on the batch the next step uses (None until measured),
    so a step's record describes the weights it produced without an extra pass over X.
    `best` is the progress with the lowest training cost so far, kept to fall back on when
    a run diverges; `best_val` the one with the lowest validation cost, for early stopping.
    """

    params: Params
    opt_state: Any
    point: Point | None = None
    steps: int = 0
    epochs_done: int = 0
    position: int = 0
    epoch_cost_sum: float = 0.0
    epoch_batches: int = 0
    epoch_gradients_zero: bool = True
    last_epoch_cost: float | None = None
    first_cost: float | None = None
    best: Progress | None = None
    best_val_cost: float = math.inf
    best_val: Progress | None = None
    evals_since_best: int = 0

    def alone(self) -> Progress:
        """This progress without its fallbacks, so that a fallback never holds a chain of them."""
        return self.but(best=None, best_val=None)

    def but(self, **changes: Any) -> Progress:
        """A copy with `changes`: dataclasses.replace without its per-field checks, which cost
        several microseconds each time and a step makes a few copies (its keys are still checked)."""
        if not changes.keys() <= self.__dict__.keys():
            raise TypeError(f"Progress has no field {sorted(changes.keys() - self.__dict__.keys())[0]!r}")
        copy = object.__new__(Progress)
        copy.__dict__.update(self.__dict__, **changes)
        return copy


@dataclass(frozen=True)
class Evaluation:
    """The current weights on the whole training and validation sets.

    cost is J = mean loss + (l2/2)||W||^2; loss is the mean loss alone (equal when l2 = 0).
    """

    train_cost: float
    train_loss: float
    train_error: float
    val_cost: float | None
    val_loss: float | None
    val_error: float | None


@dataclass(frozen=True)
class RunResult:
    """The records of a run and why it stopped (None if it was stopped from outside)."""

    records: tuple[StepRecord, ...]
    stop: Stop | None


def measured_whole(record: StepRecord, evaluation: Evaluation) -> StepRecord:
    """`record` with its costs and errors replaced by those of the whole training and validation sets."""
    return replace(
        record,
        train_cost=evaluation.train_cost,
        train_loss=evaluation.train_loss,
        train_error=evaluation.train_error,
        val_cost=evaluation.val_cost,
        val_loss=evaluation.val_loss,
        val_error=evaluation.val_error,
    )
