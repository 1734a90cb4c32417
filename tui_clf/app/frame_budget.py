"""How long the training worker gathers steps before the UI draws them: the UI's share of the CPU kept small.

A small step spends most of its time in NumPy calls too short to let go of the GIL, so every
millisecond the UI thread spends drawing is one the training thread does not step: with a
share u of the process's CPU going to the UI, training runs at about (1 - u) of headless
speed. A frame costs a few tens of ms at 120 x 40 (the plots: plotext, then Textual's
strips), so ~10 frames a second would take a third of the training's pace. The budget
measures, between one batch's arrival and the next (the frame that drew it included), the
UI thread's CPU against the whole process's, and stretches the interval between batches in
proportion, so that u comes to UI_SHARE: never below FLUSH_SECONDS (~10 frames a second)
nor above MAX_FLUSH_SECONDS (the curves still move at least every 0.8 s: a frame of the
breast_cancer view at 120 x 40 costs about 40 ms, 5% of that). Against the process's
CPU, not the wall clock: on a loaded machine the process gets less than a core, and the UI's
part of it is what slows the steps. A paced run, which waits most of its time, keeps
FLUSH_SECONDS. Every step still reaches the screen: a batch holds all the steps since the last.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from tui_clf.app.training_loop import FLUSH_SECONDS

# The UI's share of the process's CPU while training: the app trains at >= 90% of headless speed with room to spare.
UI_SHARE = 0.05
MAX_FLUSH_SECONDS = 0.8
# Weight of the newest interval in the running one: one slow frame (a resize) does not halve the frame rate.
# The app's first measured interval is taken whole, so its first run does not creep up from FLUSH_SECONDS.
NEWEST_WEIGHT = 0.3

Clock = Callable[[], float]


class FrameBudget:
    """The interval between batches that keeps the UI thread near UI_SHARE of the process's CPU; UI thread only.

    The clocks: the calling (UI) thread's CPU seconds (waiting for the GIL does not count), the
    process's CPU seconds (every thread), and the wall clock.
    """

    def __init__(self, ui_cpu: Clock = time.thread_time, process_cpu: Clock = time.process_time, wall: Clock = time.perf_counter) -> None:
        self._clocks = (ui_cpu, process_cpu, wall)
        self._last: tuple[float, float, float] | None = None
        self._measured = False  # no frame measured yet: the first measure is taken whole, nothing to smooth it with
        self.flush_seconds = FLUSH_SECONDS

    def run_started(self) -> None:
        """A run starts: what the UI did while nothing trained is no frame's cost."""
        self._last = None

    def batch_arrived(self, paced: bool = False) -> float:
        """A batch of steps reached the UI thread: the interval the next batches should take.

        A paced run (`paced`) keeps FLUSH_SECONDS: its worker waits most of the time anyway, so frames cost it no steps.
        """
        now = tuple(clock() for clock in self._clocks)
        if self._last is not None:
            ui, process, wall = (later - earlier for later, earlier in zip(now, self._last))
            share = ui / process if process > 0 else 0.0  # the UI's part of the CPU the process got since the last batch
            wanted = min(max(wall * share / UI_SHARE, FLUSH_SECONDS), MAX_FLUSH_SECONDS)
            weight = NEWEST_WEIGHT if self._measured else 1.0
            self.flush_seconds = weight * wanted + (1 - weight) * self.flush_seconds
            self._measured = True
        self._last = now
        return FLUSH_SECONDS if paced else self.flush_seconds
