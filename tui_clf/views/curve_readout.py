"""What the cursor on the curves reads: the cost and error rate of training and validation at a step.

The cursor reads the recorded step nearest it; validation is measured on some steps only (every
step full-batch, the first of each epoch with minibatches), so it reads the nearest of those,
and says which.
"""

from __future__ import annotations

from dataclasses import dataclass

from tui_clf.views.cursor import nearest_index
from tui_clf.views.history import History


@dataclass(frozen=True)
class SeriesReading:
    """One series (training or validation) at one of its recorded steps."""

    step: int
    cost: float
    error: float


@dataclass(frozen=True)
class CurveReadout:
    """The training series at the step nearest the cursor, and validation at its own nearest step (None without a split)."""

    train: SeriesReading
    val: SeriesReading | None


def curve_readout(history: History, step: float) -> CurveReadout | None:
    """The readings nearest `step`; None before the first record."""
    if not len(history):
        return None
    i = nearest_index(history.steps.values, step)
    train = SeriesReading(int(history.steps.values[i]), float(history.train_cost.values[i]), float(history.train_error.values[i]))
    if not len(history.val_steps):
        return CurveReadout(train, None)
    j = nearest_index(history.val_steps.values, step)
    val = SeriesReading(int(history.val_steps.values[j]), float(history.val_cost.values[j]), float(history.val_error.values[j]))
    return CurveReadout(train, val)
