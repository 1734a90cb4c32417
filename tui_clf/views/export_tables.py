"""The tables an export writes: the curves as far as the screen shows them, and the per-example numbers.

Plain rows (a header, then tuples); None stands for a number that was not measured (validation
on a minibatch step), written as an empty cell.
"""

from __future__ import annotations

import csv
import io

import numpy as np

from engine.dataset import Dataset
from tui_clf.views.history import History
from tui_clf.views.margins import ExampleGradients

Table = tuple[tuple[str, ...], list[tuple]]
CURVE_COLUMNS = ("step", "train_cost", "train_error", "val_cost", "val_error")


def curve_table(history: History) -> Table:
    """One row per recorded step, through the step the screen shows (all of them when it shows the latest)."""
    h = history
    steps = h.steps.values
    last = len(steps) if h.shown_step is None else int(np.searchsorted(steps, h.shown_step, side="right"))
    val = dict(zip(h.val_steps.values.tolist(), zip(h.val_cost.values.tolist(), h.val_error.values.tolist(), strict=True), strict=True))
    rows = [
        (int(step), cost, error, *val.get(step, (None, None)))
        for step, cost, error in zip(steps[:last].tolist(), h.train_cost.values[:last].tolist(), h.train_error.values[:last].tolist(), strict=True)
    ]
    return CURVE_COLUMNS, rows


def example_table(train: Dataset, rows: np.ndarray, view: ExampleGradients) -> Table:
    """The examples of the per-example view (`rows` of the training set): features, class, margin, |dL/dz|, right or not."""
    header = ("row", *train.feature_names, "label", "margin", "abs_dL_dz", "correct")
    table = [
        (int(row), *features, train.classes[label], margin, size, bool(right))
        for row, features, label, margin, size, right in zip(
            rows.tolist(), train.X[rows].tolist(), train.y[rows].tolist(), view.margin.tolist(), view.grad_size.tolist(), view.correct.tolist(), strict=True
        )
    ]
    return header, table


def csv_bytes(table: Table) -> bytes:
    """The table as CSV (UTF-8, one row per line, None as an empty cell)."""
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    header, rows = table
    writer.writerow(header)
    writer.writerows(tuple("" if cell is None else cell for cell in row) for row in rows)
    return text.getvalue().encode("utf-8")
