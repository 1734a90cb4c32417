"""A bounded memory of a run's past: the last `recent` steps exactly, the older ones thinned.

Entries are (step, item) in increasing step order. The newest `recent` steps are all kept; of
the older ones only the steps divisible by a stride, which doubles each time more than `recent`
older entries would be kept (and the older entries are thinned to the new stride). So the ring
never holds more than 2 * recent entries however long the run, the older ones spread evenly
from step 0 (always kept) to the recent window.
"""

from __future__ import annotations

import bisect
from collections import deque
from typing import Generic, TypeVar

T = TypeVar("T")


class SnapshotRing(Generic[T]):
    """Kept (step, item) pairs; adding a step first forgets every kept step from it on."""

    def __init__(self, recent: int = 1000) -> None:
        if recent < 1:
            raise ValueError(f"the ring must keep at least one recent step, got {recent}")
        self.recent = recent
        self.stride = 1
        self._recent: deque[tuple[int, T]] = deque()
        self._older: list[tuple[int, T]] = []

    def add(self, step: int, item: T) -> None:
        """Keep `item` as the state after `step`; steps after it that were kept before are forgotten
        (training went on from an earlier state)."""
        if not self._recent or self._recent[-1][0] >= step:  # a step after the newest forgets nothing: skip the scan
            self.keep_through(step - 1)
        self._recent.append((step, item))
        if len(self._recent) > self.recent:
            oldest = self._recent.popleft()
            if oldest[0] % self.stride == 0:
                self._older.append(oldest)
            if len(self._older) > self.recent:
                self.stride *= 2
                self._older = [entry for entry in self._older if entry[0] % self.stride == 0]

    def keep_through(self, last_step: int) -> None:
        """Forget the entries after `last_step`."""
        while self._recent and self._recent[-1][0] > last_step:
            self._recent.pop()
        if not self._recent:
            while self._older and self._older[-1][0] > last_step:
                self._older.pop()

    def clear(self) -> None:
        self._recent.clear()
        self._older.clear()
        self.stride = 1

    @property
    def steps(self) -> list[int]:
        """The kept steps, oldest first."""
        return [step for step, _ in self._entries()]

    def before(self, step: int) -> tuple[int, T] | None:
        """The latest kept entry before `step`, or None."""
        entries = self._entries()
        i = bisect.bisect_left([s for s, _ in entries], step)
        return entries[i - 1] if i > 0 else None

    def after(self, step: int) -> tuple[int, T] | None:
        """The earliest kept entry after `step`, or None."""
        entries = self._entries()
        i = bisect.bisect_right([s for s, _ in entries], step)
        return entries[i] if i < len(entries) else None

    def _entries(self) -> list[tuple[int, T]]:
        return [*self._older, *self._recent]

    def __len__(self) -> int:
        return len(self._older) + len(self._recent)
