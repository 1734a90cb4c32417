"""The kept past of one session's trainer, and the past step the screen shows (if any).

Touched only by the worker that serves the command queue (jobs.py), as the trainer is: it keeps
a snapshot of every step the trainer takes (engine/snapshot_ring.py bounds how many), moves the
shown step back and forward for b and f, and hands over the step to resume from when space, s
or an edit of the data comes while a past step is shown. Knows nothing of Textual.
"""

from __future__ import annotations

from typing import NamedTuple

from engine.records import StepRecord
from engine.snapshot_ring import SnapshotRing
from engine.trainer import Progress

# The steps kept exactly; older ones are thinned so that the ring holds at most twice this many.
RECENT_STEPS = 1000


class Kept(NamedTuple):
    """The trainer's immutable state after `record.step`, and that step's record (a tuple: one is made every step)."""

    progress: Progress
    record: StepRecord


class Replay:
    """A SnapshotRing of Kept states, and the one the screen shows instead of the trainer's (None: the trainer's)."""

    def __init__(self, progress: Progress, record: StepRecord, recent: int = RECENT_STEPS) -> None:
        self.ring: SnapshotRing[Kept] = SnapshotRing(recent)
        self.shown: Kept | None = None
        self.keep(record, progress)

    def keep(self, record: StepRecord, progress: Progress) -> None:
        """Remember the state after a step; a step whose weights the trainer did not keep (it went back
        to earlier ones: a divergence, early stopping) is not a state to resume from."""
        if progress.steps == record.step:
            self.ring.add(record.step, Kept(progress, record))

    def restart(self, progress: Progress, record: StepRecord) -> None:
        """Forget the past: the trainer starts a new one from `progress` (a reset, new data)."""
        self.ring.clear()
        self.shown = None
        self.keep(record, progress)

    def back(self, live_step: int) -> Kept | None:
        """Show the kept step before the one shown (the trainer's `live_step` if none); None if there is none."""
        entry = self.ring.before(self.shown.record.step if self.shown else live_step)
        if entry is not None:
            self.shown = entry[1]
        return entry[1] if entry else None

    def forward(self, live_step: int) -> Kept | None:
        """Show the kept step after the one shown; None once that is the trainer's own step (shown live again)."""
        if self.shown is None:
            return None
        entry = self.ring.after(self.shown.record.step)
        self.shown = entry[1] if entry is not None and entry[0] < live_step else None
        return self.shown

    def take_resume_point(self) -> Kept | None:
        """The past step shown, to resume from (the steps after it are forgotten); None when the trainer's is shown."""
        shown, self.shown = self.shown, None
        if shown is not None:
            self.ring.keep_through(shown.record.step)
        return shown
