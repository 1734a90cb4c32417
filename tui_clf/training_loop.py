"""The body of the training worker: step the trainer, hand the records over in batches.

Runs on a worker thread and knows nothing of Textual: it is given the trainer, a way to
ask whether it should stop, the controls the UI may change meanwhile (learning rate, pace)
and a `publish` callback (the app posts a message from it). It steps with the engine's own
`Trainer.iter_steps`, so the numbers are those of `tui-clf train`, and it publishes at most once
every FLUSH_SECONDS, each time with every record since the last batch: the UI updates at
most ~10 times a second and no point of the curves is dropped.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable

from engine.records import StepRecord, Stop
from engine.trainer import Progress, Trainer

# At most ~10 UI updates a second: a person sees no difference, and plotext stays cheap.
FLUSH_SECONDS = 0.1

Publish = Callable[[tuple[StepRecord, ...], Progress, float], None]


class RunControls:
    """What the UI may change while the training thread runs, read by it between steps.

    `pace` is the wanted steps per second (None: as fast as possible); a learning rate put
    here is taken by the training thread before its next step.
    """

    def __init__(self, pace: float | None = None) -> None:
        self._lock = threading.Lock()
        self._lr: float | None = None
        self.pace = pace

    def put_lr(self, lr: float) -> None:
        with self._lock:
            self._lr = lr

    def take_lr(self) -> float | None:
        """The pending learning rate (None if there is none), emptying the mailbox."""
        with self._lock:
            lr, self._lr = self._lr, None
            return lr

    @property
    def lr_pending(self) -> bool:
        # Read without the lock: an attribute read is atomic, and a late answer only delays a step.
        return self._lr is not None


def run_in_batches(
    trainer: Trainer,
    *,
    max_steps: int | None,
    is_cancelled: Callable[[], bool],
    controls: RunControls,
    publish: Publish,
    wait: Callable[[float], object] = time.sleep,
    clock: Callable[[], float] = time.perf_counter,
) -> Stop | None:
    """Train until a stop rule fires, `max_steps` are done or `is_cancelled()`; return the stop.

    A learning rate waiting in `controls` is applied between two steps, so a change takes
    effect from the very next step. `publish(records, snapshot, steps_per_second)` gets each
    batch (steps_per_second over the wall time since the previous batch); the snapshot is
    immutable, so the UI thread may keep it. With a pace, each batch
    holds about pace * FLUSH_SECONDS steps and `wait(seconds)` fills the rest of its time
    (pass an interruptible wait, such as a cancellation event's, to stop promptly).
    """
    if trainer.budget_spent:
        return trainer.run().stop  # the engine's own "all N epochs are done", without a step
    done = 0
    last_publish = clock()
    while not is_cancelled() and (max_steps is None or done < max_steps):
        lr = controls.take_lr()
        if lr is not None:
            trainer.lr = lr
        started = clock()
        budget = [max_steps - done] if max_steps is not None else []
        if controls.pace:
            budget.append(max(1, math.floor(controls.pace * FLUSH_SECONDS)))
        records: list[StepRecord] = []
        for record in trainer.iter_steps(min(budget, default=None)):
            records.append(record)
            if is_cancelled() or controls.lr_pending or clock() - started >= FLUSH_SECONDS:
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
        if controls.pace and (max_steps is None or done < max_steps):
            wait(max(0.0, len(records) / controls.pace - (clock() - started)))
    return None
