"""Run a trainer to its end, with a progress bar on stderr when stderr is a terminal.

Ctrl-C, SIGTERM and SIGHUP stop the run cleanly (see tui_clf/signals.py): the trainer only
ever commits whole steps, so the weights it holds after an interrupt are the last good ones.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)

from engine.records import StepRecord
from engine.trainer import Trainer
from tui_clf.cli.output import stderr_console
from tui_clf.formatting import number
from tui_clf.signals import STOPS, Interrupted, as_interrupted, interruptible


@dataclass(frozen=True)
class TrainingRun:
    """The records of the steps taken, and the signal that stopped the run early, if one did."""

    records: tuple[StepRecord, ...]
    interrupted: Interrupted | None


def train_to_end(trainer: Trainer) -> TrainingRun:
    """Step until the trainer stops or a signal stops it (then between two steps)."""
    records: list[StepRecord] = []
    show = sys.stderr.isatty()
    bar = _progress_bar() if show else None
    try:
        with interruptible():
            if bar is None:
                records.extend(trainer.iter_steps())
            else:
                with bar:
                    task = bar.add_task("training", total=trainer.config.epochs, completed=trainer.epochs_done, info="")
                    for record in trainer.iter_steps():
                        records.append(record)
                        bar.update(task, completed=trainer.epochs_done, info=_info(records))
    except STOPS as error:
        return TrainingRun(tuple(records), interrupted=as_interrupted(error))
    return TrainingRun(tuple(records), interrupted=None)


def _progress_bar() -> Progress:
    return Progress(
        TextColumn("epoch"),
        MofNCompleteColumn(),
        BarColumn(),
        TextColumn("{task.fields[info]}"),
        TimeElapsedColumn(),
        console=stderr_console(),
        transient=True,
    )


def _info(records: list[StepRecord]) -> str:
    last = records[-1]
    seconds = sum(r.seconds for r in records[-50:])
    rate = len(records[-50:]) / seconds if seconds > 0 else 0.0
    return f"cost {number(last.train_cost)}  error {last.train_error:.3f}  {rate:,.0f} steps/s"
