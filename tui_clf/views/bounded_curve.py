"""A training curve kept in bounded memory, however many steps the run takes.

Points arrive one at a time. They are grouped into buckets of `width` consecutive points, and
each closed bucket keeps only its lowest and its highest point (what a terminal column can
show, see decimate.py). When 2 x capacity buckets are closed, neighbours merge and `width`
doubles, so memory stays O(capacity) while the whole run's shape, every spike included,
stays visible. The latest point is always kept exactly.
"""

from __future__ import annotations

import math

import numpy as np

from engine.records import StepRecord

CAPACITY = 512  # buckets kept: about 1000 points, several per column of the widest plot


class BoundedSeries:
    """(x, y) points with x increasing; non-finite y are left out (a plot cannot show them)."""

    def __init__(self, capacity: int = CAPACITY) -> None:
        self.capacity = capacity
        self.width = 1
        self._closed: list[tuple[float, float, float, float]] = []  # (x_low, y_low, x_high, y_high)
        self._open: list[float] | None = None  # the bucket being filled, as above
        self._count = 0  # points in the open bucket
        self.last: tuple[float, float] | None = None

    def add(self, x: float, y: float) -> None:
        if y is None or not math.isfinite(y):
            return
        self.last = (x, y)
        if self._open is None:
            self._open, self._count = [x, y, x, y], 0
        elif y < self._open[1]:
            self._open[0:2] = [x, y]
        elif y > self._open[3]:
            self._open[2:4] = [x, y]
        self._count += 1
        if self._count == self.width:
            self._closed.append(tuple(self._open))
            self._open = None
            if len(self._closed) >= 2 * self.capacity:
                self._merge()

    def _merge(self) -> None:
        merged = []
        for a, b in zip(self._closed[0::2], self._closed[1::2]):
            low = a[:2] if a[1] <= b[1] else b[:2]
            high = a[2:] if a[3] >= b[3] else b[2:]
            merged.append((*low, *high))
        self._closed = merged
        self.width *= 2

    def cut_after(self, x: float) -> None:
        """Forget the points after x (the steps a divergence or early stopping went back from)."""
        buckets = self._closed + ([tuple(self._open)] if self._open is not None else [])
        kept = []
        for x_low, y_low, x_high, y_high in buckets:
            points = [(px, py) for px, py in ((x_low, y_low), (x_high, y_high)) if px <= x]
            if points:
                low, high = min(points, key=lambda p: p[1]), max(points, key=lambda p: p[1])
                kept.append((*low, *high))
        self._closed, self._open, self._count = kept, None, 0
        if self.last is not None and self.last[0] > x:
            points = [p for b in kept for p in ((b[0], b[1]), (b[2], b[3]))]
            self.last = max(points) if points else None

    def points(self) -> tuple[np.ndarray, np.ndarray]:
        """The kept points in x order: each bucket's lowest and highest, and the latest."""
        buckets = self._closed + ([tuple(self._open)] if self._open is not None else [])
        pairs = {(x, y) for b in buckets for x, y in ((b[0], b[1]), (b[2], b[3]))}
        if self.last is not None:
            pairs.add(self.last)
        ordered = sorted(pairs)
        return np.array([p[0] for p in ordered], dtype=float), np.array([p[1] for p in ordered], dtype=float)

    def __len__(self) -> int:
        return len(self._closed) * 2 + (2 if self._open is not None else 0)


class RunCurves:
    """The curves of a run, each a BoundedSeries against the step: train and validation cost and error."""

    KEYS = ("train_cost", "val_cost", "train_error", "val_error")

    def __init__(self, capacity: int = CAPACITY) -> None:
        self.series = {key: BoundedSeries(capacity) for key in self.KEYS}

    def add(self, record: StepRecord) -> None:
        for key, series in self.series.items():
            series.add(record.step, getattr(record, key))

    def end_with(self, final: StepRecord) -> None:
        """End every curve at `final`, the record of the weights the run kept (replacing its step's point)."""
        for series in self.series.values():
            series.cut_after(final.step - 0.5)
        self.add(final)
