"""The UI thread's turn at the GIL while the training worker steps as fast as it can.

A small step is pure Python and NumPy calls too short to let go of the GIL. Each time the UI
thread lets go of it (asyncio's poll, every loop iteration of Textual's message pumps) it then
waits the interpreter's switch interval (5 ms by default) to get it back. A frame takes many
such iterations, so with minibatches of 32 on breast_cancer the UI fell minutes behind (a key
press took 200 s) and the hand-overs slowed the worker too. A 1 ms interval while a run goes
gives the UI its turn five times sooner; it is put back when the run ends.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

RUN_SWITCH_SECONDS = 0.001


@contextmanager
def ui_turns_while_training() -> Iterator[None]:
    """Hold the interpreter's switch interval at RUN_SWITCH_SECONDS (if it is longer) inside the block."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(min(before, RUN_SWITCH_SECONDS))
    try:
        yield
    finally:
        sys.setswitchinterval(before)
