"""The body of the training worker: step the trainer, hand the records over in batches.

Runs on a worker thread and knows nothing of Textual: it is given the trainer, a way to
ask whether it should stop, the pace the UI may change meanwhile, what to do between
batches (take the commands a run takes in its stride) and a `publish` callback (the app
posts a message from it). It steps with the engine's own
`Trainer.iter_steps`, so the numbers are those of `tui-clf train`, and it publishes at most once
every `RunControls.flush_seconds` (FLUSH_SECONDS, or longer while the UI's frames are costly:
frame_budget.py), each time with every record since the last batch: the UI updates at most
~10 times a second and no point of the curves is dropped.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from engine.records import StepRecord, Stop
from engine.trainer import Progress, Trainer

# At most ~10 UI updates a second: a person sees no difference, and plotext stays cheap.
FLUSH_SECONDS = 0.1

Publish = Callable[[tuple[StepRecord, ...], Progress, float], None]


class RunControls:
    """What the UI may change while the training thread runs, read by it between batches.

    `pace` is the wanted steps per second (None: as fast as possible); `flush_seconds` the
    longest a batch of steps may last before the UI gets it.
    """

    def __init__(self, pace: float | None = None, flush_seconds: float = FLUSH_SECONDS) -> None:
        self.pace = pace
        self.flush_seconds = flush_seconds


def run_in_batches(
    trainer: Trainer,
    *,
    max_steps: int | None,
    interrupted: Callable[[], bool],
    controls: RunControls,
    publish: Publish,
    between_batches: Callable[[], None] = lambda: None,
    keep: Callable[[StepRecord, Progress], None] = lambda record, progress: None,
    wait: Callable[[float], object] = time.sleep,
    clock: Callable[[], float] = time.perf_counter,
) -> Stop | None:
    """Train until a stop rule fires, `max_steps` are done or `interrupted()`; return the stop.

    The first step is always taken; `interrupted()` is asked after every step, and a batch
    it cuts short is still published. A batch lasts at most `controls.flush_seconds`, read as
    it starts. `publish(records, snapshot, steps_per_second)` gets each
    batch (steps_per_second over the wall time since the previous batch); the snapshot is
    immutable, so the UI thread may keep it. With a pace, each batch holds about
    pace * flush_seconds steps and `wait(seconds)` fills the rest of its time (pass a wait
    that wakes when `interrupted()` turns true, to stop promptly). `between_batches()` runs
    after each batch and its wait, before the next: there a run takes what does not end it
    (a new learning rate applies from the very next step). `keep(record, snapshot)` sees every
    step as it is taken (the app keeps them to step back to).
    """
    if trainer.budget_spent:
        return trainer.run().stop  # the engine's own "all N epochs are done", without a step
    done = 0
    last_publish = clock()
    while True:
        started, flush = clock(), controls.flush_seconds
        budget = [max_steps - done] if max_steps is not None else []
        if controls.pace:
            budget.append(max(1, math.floor(controls.pace * flush)))
        records: list[StepRecord] = []
        for record in trainer.iter_steps(min(budget, default=None)):
            records.append(record)
            keep(record, trainer.snapshot())
            if interrupted() or clock() - started >= flush:
                break
        if not records:  # iter_steps yields nothing only once the epochs are spent
            return trainer.run().stop
        now = clock()
        # Over the wall time since the last batch, waits included: the pace a person sees.
        publish(tuple(records), trainer.snapshot(), len(records) / (now - last_publish) if now > last_publish else 0.0)
        last_publish = now
        done += len(records)
        if records[-1].stop is not None:
            return records[-1].stop
        if max_steps is not None and done >= max_steps:
            return None
        if controls.pace:
            wait(max(0.0, len(records) / controls.pace - (clock() - started)))
        between_batches()
        if interrupted():
            return None
