"""The body of the compare worker: serve the race's commands in order, hand its rounds over in batches.

Runs on a worker thread and knows nothing of Textual, like training_loop.py. Commands come
through a queue, in the order the keys were pressed: RUN steps the race until it is done or
another command arrives (PAUSE is such a command and does nothing else), STEP takes one
round, RESTART builds the race again from the same start, None ends the worker. Each batch
of rounds is published at most every FLUSH_SECONDS, so the UI updates ~10 times a second
and no round is dropped; with a pace (rounds per second) the loop waits between rounds.
"""

from __future__ import annotations

import queue
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from engine.compare import LockStep, Standing
from engine.objective import Params
from engine.records import StepRecord
from tui_clf.app.training_loop import FLUSH_SECONDS, RunControls

Round = dict[str, StepRecord]


class RaceCommand(Enum):
    RUN = "run"
    STEP = "step"
    PAUSE = "pause"
    RESTART = "restart"


@dataclass(frozen=True)
class RaceNews:
    """Rounds since the last news, each loss's standing after them, and whether the race is still running.

    `params` are the weights each loss holds (read-only arrays the trainers never change
    again). `started` is True for the first news of a (re)built race: its rounds hold the
    initial records. `finals` are the records of the losses that have stopped (LockStep.stopped_records):
    the weights each kept, measured on the whole data.
    """

    rounds: tuple[Round, ...]
    standings: dict[str, Standing]
    steps: int
    running: bool
    params: dict[str, Params]
    finals: Round
    started: bool = False


def serve_race(
    build: Callable[[], LockStep],
    commands: queue.Queue[RaceCommand | None],
    publish: Callable[[RaceNews], None],
    controls: RunControls,
    clock: Callable[[], float] = time.perf_counter,
) -> None:
    """Build the race, then serve `commands` until None arrives."""
    race = _started(build, publish)
    while (command := commands.get()) is not None:
        if command is RaceCommand.RESTART:
            race = _started(build, publish)
        elif command is not RaceCommand.PAUSE:
            _run(race, 1 if command is RaceCommand.STEP else None, commands, publish, controls, clock)


def _started(build: Callable[[], LockStep], publish: Callable[[RaceNews], None]) -> LockStep:
    race = build()
    publish(_news(race, (race.initial_records,), running=False, started=True))
    return race


def _run(
    race: LockStep,
    max_rounds: int | None,
    commands: queue.Queue[RaceCommand | None],
    publish: Callable[[RaceNews], None],
    controls: RunControls,
    clock: Callable[[], float],
) -> None:
    """Step until the race is done, `max_rounds` are taken or, after the first round, a command waits."""
    batch: list[Round] = []
    taken = 0
    flushed = clock()
    # The first round is always taken, as a key press asked for it; a key pressed since ends the run.
    while not race.done and (max_rounds is None or taken < max_rounds) and (taken == 0 or commands.empty()):
        started = clock()
        batch.append(race.step())
        taken += 1
        if controls.pace:
            time.sleep(max(0.0, 1 / controls.pace - (clock() - started)))
        if clock() - flushed >= FLUSH_SECONDS:
            publish(_news(race, tuple(batch), running=True))
            batch, flushed = [], clock()
    publish(_news(race, tuple(batch), running=False))


def _news(race: LockStep, rounds: tuple[Round, ...], **state: object) -> RaceNews:
    params = {name: trainer.params for name, trainer in race.trainers.items()}
    return RaceNews(rounds, dict(race.standings), race.steps, params=params, finals=race.stopped_records(), **state)
