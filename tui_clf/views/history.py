"""Every step the trainer reported, kept whole so the curves never lose a point.

Arrays grow by doubling, so appending a batch is amortised O(batch) and reading a column
is a view, not a copy of a Python list. Validation numbers are measured on some steps only
(every step full-batch, the first step of each epoch with minibatches), so they have their
own step column.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from engine.records import StepRecord
from tui_clf.views.plottable import drawable

INITIAL_CAPACITY = 1024


class Column:
    """A growable float64 array."""

    def __init__(self) -> None:
        self._data = np.empty(INITIAL_CAPACITY)
        self._size = 0

    def extend(self, values: list[float]) -> None:
        need = self._size + len(values)
        if need > len(self._data):
            grown = np.empty(max(need, 2 * len(self._data)))
            grown[: self._size] = self._data[: self._size]
            self._data = grown
        self._data[self._size : need] = values
        self._size = need

    def clear(self) -> None:
        self._size = 0

    def truncate(self, size: int) -> None:
        """Keep the first `size` values."""
        self._size = min(self._size, size)

    @property
    def values(self) -> np.ndarray:
        """The values so far (a view; do not write to it)."""
        return self._data[: self._size]

    def __len__(self) -> int:
        return self._size


class History:
    """Per-step training cost and error, and validation cost and error where measured.

    After a divergence the records of the steps that ran stay, so the curves show it;
    `kept_step` says whose weights the trainer kept. Training on from there replaces the
    records after that step. `shown_step` is the past step the screen shows (b), None for the latest.
    """

    def __init__(self) -> None:
        self.steps = Column()
        self.train_cost = Column()
        self.train_error = Column()
        self.val_steps = Column()
        self.val_cost = Column()
        self.val_error = Column()
        self.kept_step: int | None = None
        self.shown_step: int | None = None
        self.optimum_cost: float | None = None  # the lowest training cost reachable, where known
        self.costs_not_drawn = 0  # training and validation costs no plot can place, counted as they arrive

    def extend(self, records: Iterable[StepRecord]) -> None:
        """Append a batch of records, in step order; a batch that starts at a step already
        recorded (training went on from weights kept earlier) first drops the records from there."""
        records = list(records)
        if records and len(self) and records[0].step <= self.steps.values[-1]:
            self._keep_through(records[0].step - 1)
        self.kept_step = self.shown_step = None
        self.steps.extend([r.step for r in records])
        self.train_cost.extend([r.train_cost for r in records])
        self.train_error.extend([r.train_error for r in records])
        measured = [r for r in records if r.val_cost is not None]
        self.val_steps.extend([r.step for r in measured])
        self.val_cost.extend([r.val_cost for r in measured])
        self.val_error.extend([r.val_error for r in measured])
        self.costs_not_drawn += _not_drawable(self.train_cost.values[-len(records) :] if records else ())
        self.costs_not_drawn += _not_drawable(self.val_cost.values[-len(measured) :] if measured else ())

    def end_with(self, final: StepRecord) -> None:
        """Make `final` (the weights the trainer holds, measured on the whole data) the last record."""
        self._keep_through(final.step - 1)
        self.extend([final])

    def mark_divergence(self, kept_step: int) -> None:
        """The run diverged at its last record and the trainer kept the weights of `kept_step`."""
        self.kept_step = kept_step

    @property
    def diverged_step(self) -> int | None:
        """The step whose record reported the divergence (the last), or None."""
        return int(self.steps.values[-1]) if self.kept_step is not None and len(self) else None

    def _keep_through(self, last_step: int) -> None:
        """Forget the records after `last_step`."""
        kept = int(np.searchsorted(self.steps.values, last_step, side="right"))
        val_kept = int(np.searchsorted(self.val_steps.values, last_step, side="right"))
        for column in (self.steps, self.train_cost, self.train_error):
            column.truncate(kept)
        for column in (self.val_steps, self.val_cost, self.val_error):
            column.truncate(val_kept)
        self.costs_not_drawn = _not_drawable(self.train_cost.values) + _not_drawable(self.val_cost.values)  # rare: a scan is fine

    def clear(self) -> None:
        for column in (self.steps, self.train_cost, self.train_error, self.val_steps, self.val_cost, self.val_error):
            column.clear()
        self.kept_step = self.shown_step = None
        self.costs_not_drawn = 0

    def __len__(self) -> int:
        return len(self.steps)


def _not_drawable(values: np.ndarray) -> int:
    return int(np.count_nonzero(~drawable(values))) if len(values) else 0
