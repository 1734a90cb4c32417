"""`--history`: one CSV row per step, streamed to disk as training goes, in place only at the end.

Memory stays flat however long the run: rows go to a temporary file beside the target as
they come. At the end the rows after the weights kept (a divergence or early stopping goes
back to earlier weights) are cut, the last row is replaced by the kept weights measured on
the whole data, and the file takes the target's place atomically (engine/atomic.py).
"""

from __future__ import annotations

import csv
import dataclasses
import io
from pathlib import Path

from engine.atomic import AtomicWriter
from engine.records import StepRecord
from tui_clf.cli.failures import OutputFileError

COLUMNS = tuple(f.name for f in dataclasses.fields(StepRecord) if f.name != "stop")


def csv_row(values: tuple) -> bytes:
    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerow(values)
    return text.getvalue().encode("utf-8")


def _cells(record: StepRecord) -> tuple:
    """The record's columns; empty cells where validation was not measured."""
    return tuple("" if (value := getattr(record, column)) is None else value for column in COLUMNS)


class HistoryWriter:
    """The rows of a run, written as they come; `finish()` makes the file whole, `discard()` drops it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self._writer = AtomicWriter(path)
            self._writer.file.write(csv_row(COLUMNS))
        except OSError as e:
            raise self._error(e) from None
        self._last: tuple[int, int] | None = None  # (step, byte offset) of the last row written

    def add(self, record: StepRecord) -> None:
        file = self._writer.file
        self._last = (record.step, file.tell())
        try:
            file.write(csv_row(_cells(record)))
        except OSError as e:
            raise self._error(e) from None

    def finish(self, final: StepRecord) -> None:
        """End the file with `final`, the record of the weights kept, cutting the rows after them."""
        file = self._writer.file
        try:
            if self._last is not None and self._last[0] == final.step:
                file.seek(self._last[1])
            else:
                self._seek_to_step(final.step)
            file.truncate()
            file.write(csv_row(_cells(final)))
            self._writer.commit()
        except OSError as e:
            raise self._error(e) from None

    def discard(self) -> None:
        self._writer.abandon()

    def _seek_to_step(self, step: int) -> None:
        """Put the file's position at the start of the first row whose step is `step` or later."""
        file = self._writer.file
        file.seek(0)
        offset = len(file.readline())  # the header
        for line in file:
            if int(line.split(b",", 1)[0]) >= step:
                break
            offset += len(line)
        file.seek(offset)

    def _error(self, e: OSError) -> OutputFileError:
        return OutputFileError(f"{self.path}: cannot write the history: {e.strerror or e}")
