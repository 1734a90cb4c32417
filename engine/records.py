"""What a training step reports: immutable records that any thread may read."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class StopKind(StrEnum):
    """Why a run stopped."""

    FINISHED = "finished"
    CONVERGED = "converged"
    EARLY_STOPPED = "early-stopped"
    ZERO_GRADIENT = "zero-gradient"
    DIVERGED = "diverged"


@dataclass(frozen=True)
class Stop:
    """A stop reason and one line that says what happened and what to do."""

    kind: StopKind
    message: str


@dataclass(frozen=True)
class StepRecord:
    """One update of the weights.

    The costs and error rates are measured at the weights the step started from, on the
    data it used: the whole training set for full-batch steps, the minibatch otherwise.
    Validation numbers are measured at the same weights, on every full-batch step and on
    the first step of each minibatch epoch; None when not measured. `epoch` counts from 1.
    """

    step: int
    epoch: int
    train_cost: float
    train_error: float
    val_cost: float | None
    val_error: float | None
    grad_norm: float
    seconds: float
    lr: float
    stop: Stop | None = None
