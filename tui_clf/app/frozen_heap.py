"""While a run goes, the objects that existed before it are left out of the cyclic GC's collections.

Every kept step (replay.py) is about ten container objects that outlive the young generations,
so the collector runs full collections every few thousand steps; each walks the whole heap,
and the app's heap (widgets, styles, caches: about 185,000 objects) makes one take 50-60 ms
with the GIL held: measured at 120 x 40, training ran 0.74 of headless speed with minibatches
of 32 on breast_cancer, 0.83 with the heap frozen. `gc.freeze()` moves the objects alive now
to a generation that no collection walks; `gc.unfreeze()` at the end gives them back, so an
object that became garbage meanwhile is still collected, later.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def frozen_heap() -> Iterator[None]:
    """The body runs with today's objects frozen out of the cyclic GC; they are unfrozen after it, however it ends."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
