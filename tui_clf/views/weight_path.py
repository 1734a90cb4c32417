"""The path training has taken through weight space, as the landscape draws it.

One point per update of the screen (the app hears of the weights at most ~10 times a second,
each time after a batch of steps), not one per step: the line between two points is the
straight segment, not the steps taken along it. Each point is a flat weight vector theta (P,),
kept whole so that the path can be projected again onto a new plane. At most MAX_POINTS are
kept: beyond that every other older point is dropped (the start and the latest stay).
"""

from __future__ import annotations

import numpy as np

from engine.objective import Params
from tui_clf.views.weight_plane import flatten

MAX_POINTS = 2000


class WeightPath:
    """The weights seen so far, oldest first; starts again whenever the weights are the start's."""

    def __init__(self) -> None:
        self._start: np.ndarray | None = None
        self._points: list[np.ndarray] = []

    def restart(self, start: Params) -> None:
        """A new path at `start` (the initial weights)."""
        self._start = flatten(start)
        self._points = [self._start]

    def add(self, params: Params) -> bool:
        """Append the weights (a repeat of the latest is not added); back at the start, the path starts again.

        Only a reset or a new session brings the weights back to the start bit for bit (a step
        that changes nothing, as the 0-1 loss's, adds nothing either). Returns True if the path changed.
        """
        theta = flatten(params)
        if self._points and np.array_equal(theta, self._points[-1]):
            return False
        if self._start is not None and np.array_equal(theta, self._start):
            self._points = [self._start]
            return True
        self._points.append(theta)
        if len(self._points) > MAX_POINTS:
            self._points = [*self._points[:-1:2], self._points[-1]]
        return True

    def __len__(self) -> int:
        return len(self._points)

    @property
    def thetas(self) -> np.ndarray:
        """Every point as a row: shape (n, P)."""
        return np.array(self._points) if self._points else np.empty((0, 0))

    @property
    def latest(self) -> np.ndarray | None:
        return self._points[-1] if self._points else None
