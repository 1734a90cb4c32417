"""`compare --history`: one CSV row per step of the race, a cost and an error column per loss.

Columns: step, then for each loss `<loss>_cost`, `<loss>_error`, `<loss>_val_cost`,
`<loss>_val_error` (J and error rate as engine.records.StepRecord measures them). A loss's
cells are empty after it stopped; the step where one diverged holds the numbers of the weights
its trainer rejected. Rows stream to a temporary file as the race goes; the last row is then
replaced by each loss's kept weights measured on the whole data (what --json reports), and
the file takes the target's place atomically.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from engine.atomic import AtomicWriter
from engine.records import StepRecord
from tui_clf.cli.failures import OutputFileError
from tui_clf.cli.history_csv import csv_row

# Column suffix -> the StepRecord field it holds.
FIELDS = {"cost": "train_cost", "error": "train_error", "val_cost": "val_cost", "val_error": "val_error"}


def columns(losses: Sequence[str]) -> tuple[str, ...]:
    return ("step", *(f"{loss}_{suffix}" for loss in losses for suffix in FIELDS))


class CompareHistory:
    """The rows of a race, written as they come; `finish()` makes the file whole, `discard()` drops it."""

    def __init__(self, path: Path, losses: Sequence[str]) -> None:
        self.path = path
        self.losses = tuple(losses)
        self._last_row = 0  # byte offset of the last row written
        try:
            self._writer = AtomicWriter(path)
            self._writer.file.write(csv_row(columns(self.losses)))
        except OSError as e:
            raise self._error(e) from None

    def add(self, step: int, records: dict[str, StepRecord]) -> None:
        """The row of `step`: the records of the losses that took it."""
        file = self._writer.file
        self._last_row = file.tell()
        try:
            file.write(csv_row(self._cells(step, records)))
        except OSError as e:
            raise self._error(e) from None

    def finish(self, step: int, finals: dict[str, StepRecord]) -> None:
        """Replace the last row by the row of `step` with each loss's final record, and put the file in place."""
        file = self._writer.file
        try:
            file.seek(self._last_row)
            file.truncate()
            file.write(csv_row(self._cells(step, finals)))
            self._writer.commit()
        except OSError as e:
            raise self._error(e) from None

    def discard(self) -> None:
        self._writer.abandon()

    def _cells(self, step: int, records: dict[str, StepRecord]) -> tuple:
        cells: list[object] = [step]
        for loss in self.losses:
            record = records.get(loss)
            values = (getattr(record, field) if record is not None else None for field in FIELDS.values())
            cells.extend("" if value is None else value for value in values)
        return tuple(cells)

    def _error(self, e: OSError) -> OutputFileError:
        return OutputFileError(f"{self.path}: cannot write the history: {e.strerror or e}")
