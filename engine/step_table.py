"""A run's step records as one NumPy structured array: a column per StepRecord field.

Shape (n_steps,); `table["train_cost"]` is the cost curve, and `pandas.DataFrame(table)`
a table. Numbers that were not measured (validation without a split, or between the ends
of minibatch epochs) are nan; why the run stopped is not a column (RunResult.stop says it).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import numpy as np

from engine.records import StepRecord

COUNTS = ("step", "epoch")
COLUMNS = tuple(field.name for field in dataclasses.fields(StepRecord) if field.name != "stop")
STEP_DTYPE = np.dtype([(name, np.int64 if name in COUNTS else np.float64) for name in COLUMNS])


def step_table(records: Sequence[StepRecord]) -> np.ndarray:
    """One row per record, in order, of dtype STEP_DTYPE; None becomes nan."""
    rows = [tuple(_number(getattr(record, name)) for name in COLUMNS) for record in records]
    return np.array(rows, dtype=STEP_DTYPE)


def _number(value: float | int | None) -> float | int:
    return np.nan if value is None else value
