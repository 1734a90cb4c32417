"""What a training step reports: immutable records that any thread may read."""

from __future__ import annotations

from dataclasses import dataclass, fields
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
    """One update of the weights, described by the weights it produced.

    train_cost is J = mean loss + (l2/2)||W||^2 and train_loss the mean loss alone, both with
    the error rate measured at the new weights on the batch the next update uses: the whole
    training set for full-batch steps, a minibatch otherwise. Validation numbers are measured
    at the same weights on every full-batch step and at the end of each minibatch epoch; None
    when not measured. grad_norm is ||dJ/d(W, b)|| at the new weights. `epoch` counts from 1
    (0 for record 0, the initial weights). A diverged step's numbers are those of the rejected
    weights: the trainer went back to earlier ones.
    """

    step: int
    epoch: int
    train_cost: float
    train_loss: float
    train_error: float
    val_cost: float | None
    val_loss: float | None
    val_error: float | None
    grad_norm: float
    seconds: float
    lr: float
    stop: Stop | None = None


def step_record(**values: object) -> StepRecord:
    """StepRecord(**values), every field given, built without the frozen dataclass's __init__, whose
    object.__setattr__ per field costs more than a small step's arithmetic; the record stays frozen."""
    if values.keys() != _STEP_RECORD_FIELDS:
        raise TypeError(f"a StepRecord needs exactly the fields {sorted(_STEP_RECORD_FIELDS)}")
    record = object.__new__(StepRecord)
    record.__dict__.update(values)
    return record


_STEP_RECORD_FIELDS = frozenset(field.name for field in fields(StepRecord))
