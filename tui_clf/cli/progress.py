"""Run a trainer to its end, with a progress bar on stderr when stderr is a terminal.

Ctrl-C, SIGTERM and SIGHUP stop the run cleanly (see tui_clf/signals.py): the trainer only
ever commits whole steps, so the weights it holds after an interrupt are the last good ones.
"""

from __future__ import annotations

import sys
from collections import deque
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass

from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)

from engine.records import StepRecord, Stop
from engine.trainer import Trainer
from tui_clf.cli.output import stderr_console
from tui_clf.signals import STOPS, Interrupted, as_interrupted, interruptible, raise_if_swallowed
from tui_clf.views.formatting import number

RATE_WINDOW = 50  # steps/s is measured over the latest this many steps


@dataclass(frozen=True)
class TrainingRun:
    """How a run ended: the stop rule that fired (None if none did), or the signal that stopped it early."""

    stop: Stop | None
    interrupted: Interrupted | None


def train_to_end(trainer: Trainer, keep: Callable[[StepRecord], None]) -> TrainingRun:
    """Step until the trainer stops or a signal stops it (then between two steps); `keep` takes each record.

    Nothing here grows with the run: the progress bar reads a window of the latest records.
    """
    latest: deque[StepRecord] = deque(maxlen=RATE_WINDOW)
    bar = progress_bar("epoch") if sys.stderr.isatty() else None
    try:
        with interruptible(), bar or nullcontext():
            task = bar.add_task("training", total=trainer.config.epochs, completed=trainer.epochs_done, info="") if bar else None
            for record in trainer.iter_steps():
                keep(record)
                latest.append(record)
                raise_if_swallowed()
                if bar is not None:
                    bar.update(task, completed=trainer.epochs_done, info=_info(latest))
    except STOPS as error:
        return TrainingRun(latest[-1].stop if latest else None, as_interrupted(error))
    return TrainingRun(latest[-1].stop if latest else None, None)


def solve_to_end(trainer: Trainer, keep: Callable[[StepRecord], None]) -> TrainingRun:
    """The run of `train --solver exact`: one step to the least-squares optimum."""
    record = trainer.solve_exactly()
    keep(record)
    return TrainingRun(record.stop, None)


def progress_bar(unit: str) -> Progress:
    """A transient bar on stderr counting `unit`s (epochs, steps), with a line of news and the time taken."""
    return Progress(
        TextColumn(unit),
        MofNCompleteColumn(),
        BarColumn(),
        TextColumn("{task.fields[info]}"),
        TimeElapsedColumn(),
        console=stderr_console(),
        transient=True,
    )


def _info(records: deque[StepRecord]) -> str:
    last = records[-1]
    seconds = sum(r.seconds for r in records)
    rate = len(records) / seconds if seconds > 0 else 0.0
    return f"cost {number(last.train_cost)}  error {last.train_error:.3f}  {rate:,.0f} steps/s"
