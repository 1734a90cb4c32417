"""How long the training worker gathers steps before the UI draws them: the UI's share of the CPU kept small.

A small step spends most of its time in NumPy calls too short to let go of the GIL, so every
millisecond the UI thread spends drawing is one the training thread does not step. With
frames of c CPU seconds every s seconds, training runs at about (1 - c / s) of headless
speed. A frame costs a few tens of ms at 120 x 40 (the plots: plotext, then Textual's
strips), so ~10 frames a second would take a third of the training's pace. The budget
measures c on the UI thread, between one batch's arrival and the next (the frame that drew
it included), and asks for s = c / UI_SHARE, never below FLUSH_SECONDS (~10 frames a second)
nor above MAX_FLUSH_SECONDS (the curves still move twice a second). Every step still
reaches the screen: a batch holds all the steps since the last.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from tui_clf.app.training_loop import FLUSH_SECONDS

# The UI's share of the CPU while training: the app trains at >= 90% of headless speed with room to spare.
UI_SHARE = 0.05
MAX_FLUSH_SECONDS = 0.5
# Weight of the newest frame in the running cost: one slow frame (a resize) does not halve the frame rate.
NEWEST_WEIGHT = 0.3


class FrameBudget:
    """The interval between batches that keeps the UI thread's CPU near UI_SHARE; used on the UI thread only."""

    def __init__(self, cpu_clock: Callable[[], float] = time.thread_time) -> None:
        self._cpu_clock = cpu_clock  # CPU seconds of the calling (UI) thread: waiting for the GIL does not count
        self._last: float | None = None
        self._frame_cpu: float | None = None
        self.flush_seconds = FLUSH_SECONDS

    def run_started(self) -> None:
        """A run starts: what the UI did while nothing trained is no frame's cost."""
        self._last = None

    def batch_arrived(self) -> float:
        """A batch of steps reached the UI thread: the interval the next batches should take."""
        now = self._cpu_clock()
        if self._last is not None:
            spent = now - self._last  # drawing the last batch and handling this one's arrival
            self._frame_cpu = spent if self._frame_cpu is None else NEWEST_WEIGHT * spent + (1 - NEWEST_WEIGHT) * self._frame_cpu
            self.flush_seconds = min(max(self._frame_cpu / UI_SHARE, FLUSH_SECONDS), MAX_FLUSH_SECONDS)
        self._last = now
        return self.flush_seconds
