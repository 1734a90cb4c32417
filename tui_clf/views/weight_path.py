"""The path training has taken through weight space, as the landscape draws it.

One point per update of the screen (the app hears of the weights at most ~10 times a second,
each time after a batch of steps), not one per step: the line between two points is the
straight segment, not the steps taken along it. Each point is a flat weight vector theta (P,),
kept whole so that the path can be projected again onto a new plane, with the step it is at.
At most MAX_POINTS are kept: beyond that every other older point is dropped (the start and the
latest stay). Weights of a step at or before the latest (b went back, or training resumed from
there) cut the path after that step, so it always ends at the weights the views show.
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
        self._steps: list[int] = []

    def restart(self, start: Params) -> None:
        """A new path at `start` (the initial weights, step 0)."""
        self._start = flatten(start)
        self._points, self._steps = [self._start], [0]

    def add(self, params: Params, step: int) -> bool:
        """Append the weights of `step` (a repeat of the latest is not added); back at the start, the path starts again.

        Only a reset or a new session brings the weights back to the start bit for bit (a step
        that changes nothing, as the 0-1 loss's, adds nothing either). A step at or before the
        latest cuts the path after it first. Returns True if the path changed.
        """
        theta = flatten(params)
        if self._points and np.array_equal(theta, self._points[-1]):
            return False
        if self._start is not None and np.array_equal(theta, self._start):
            self._points, self._steps = [self._start], [0]
            return True
        kept = sum(1 for earlier in self._steps if earlier < step)  # steps only grow along the path
        self._points, self._steps = [*self._points[:kept], theta], [*self._steps[:kept], step]
        if len(self._points) > MAX_POINTS:
            self._points = [*self._points[:-1:2], self._points[-1]]
            self._steps = [*self._steps[:-1:2], self._steps[-1]]
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
