"""Run a lock-step race of losses to its end, with a progress bar on stderr when stderr is a terminal.

Ctrl-C, SIGTERM and SIGHUP stop the race between two rounds (see tui_clf/signals.py): every
loss has then taken the same number of steps, and the weights each holds are its last good ones.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from contextlib import nullcontext

from engine.compare import LockStep, Status
from engine.records import StepRecord
from tui_clf.cli.progress import progress_bar
from tui_clf.signals import STOPS, Interrupted, as_interrupted, deferred, interruptible, raise_if_swallowed


def race_to_end(race: LockStep, keep: Callable[[dict[str, StepRecord]], None]) -> Interrupted | None:
    """Step the race until no loss is running, or a signal (returned) stops it; `keep` takes each round's records."""
    bar = progress_bar("step") if sys.stderr.isatty() else None
    try:
        with interruptible(), bar or nullcontext():
            task = bar.add_task("compare", total=_total_steps(race), info="") if bar else None
            while not race.done:
                # A signal waits for the round to end, so every loss has taken the same number of steps.
                with deferred():
                    keep(race.step())
                raise_if_swallowed()
                if bar is not None:
                    bar.update(task, completed=race.steps, info=_info(race))
    except STOPS as error:
        return as_interrupted(error)
    return None


def _total_steps(race: LockStep) -> int:
    """The steps of the epoch budget: the same for every loss, which all see the same batches."""
    trainer = next(iter(race.trainers.values()))
    return trainer.config.epochs * trainer.steps_per_epoch


def _info(race: LockStep) -> str:
    running = sum(status is Status.RUNNING for status in race.statuses.values())
    return f"{running} of {len(race.trainers)} losses running"
