"""Run a trainer to its end, with a progress bar on stderr when stderr is a terminal.

Ctrl-C stops the run cleanly between two steps: the trainer only ever commits whole steps,
so the weights it holds after an interrupt are the last good ones.
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


@dataclass(frozen=True)
class TrainingRun:
    records: tuple[StepRecord, ...]
    interrupted: bool


def train_to_end(trainer: Trainer) -> TrainingRun:
    """Step until the trainer stops or the user presses Ctrl-C."""
    records: list[StepRecord] = []
    show = sys.stderr.isatty()
    bar = _progress_bar() if show else None
    try:
        if bar is None:
            records.extend(trainer.iter_steps())
        else:
            with bar:
                task = bar.add_task("training", total=trainer.config.epochs, completed=trainer.epochs_done, info="")
                for record in trainer.iter_steps():
                    records.append(record)
                    bar.update(task, completed=trainer.epochs_done, info=_info(records))
    except KeyboardInterrupt:
        return TrainingRun(tuple(records), interrupted=True)
    return TrainingRun(tuple(records), interrupted=False)


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
