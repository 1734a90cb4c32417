"""`--history`: a run's step records as CSV, one row per step, written atomically."""

from __future__ import annotations

import csv
import dataclasses
import io
from pathlib import Path
from typing import Iterable

from engine.atomic import write_atomically
from engine.records import StepRecord
from tui_clf.cli.failures import OutputFileError

COLUMNS = tuple(f.name for f in dataclasses.fields(StepRecord) if f.name != "stop")


def write_history(path: Path, records: Iterable[StepRecord]) -> None:
    """Write the records to `path`; empty cells where validation was not measured."""
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows([_cell(getattr(r, column)) for column in COLUMNS] for r in records)
    try:
        write_atomically(path, lambda f: f.write(text.getvalue().encode("utf-8")))
    except OSError as e:
        raise OutputFileError(f"{path}: cannot write the history: {e.strerror or e}") from None


def _cell(value: object) -> object:
    return "" if value is None else value
