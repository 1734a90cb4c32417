"""A cursor on a plot's x axis, and the window of x the plot shows around it.

The cursor moves by a step: the power of ten nearest below 1/STEPS_PER_WINDOW of the window
(0.1 on the loss figure's [-4, 4]), or ten of them, to the next multiple of that step; it sits
on a multiple of its step, so that the readings land on round numbers (z = -5, z = -11.5).
The window [low, high] always holds the cursor; a key keeps it a tenth of the width inside the
edges (unless at the limits): a move beyond that pans the window by as much (its centre
follows the cursor), and a zoom by a factor keeps the cursor where it is on the screen (the
mouse-wheel habit). Neither the cursor nor the window ever leaves `limits`, and the window is
never narrower than `min_span`. A plot of recorded points (the curves, the h sweep) reads the
point nearest the cursor (`nearest_index`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np

STEPS_PER_WINDOW = 40
COARSE_STEPS = 10
EDGE_MARGIN = 0.1  # of the window: the cursor pans it before it reaches the frame, where it could not be seen


@dataclass(frozen=True)
class AxisCursor:
    """x: where the cursor is; (low, high): the window shown; limits: the farthest either may go;
    quantum: the smallest step (1 for training steps, which are integers)."""

    x: float
    low: float
    high: float
    limits: tuple[float, float]
    min_span: float
    quantum: float = 0.0

    @property
    def span(self) -> float:
        return self.high - self.low

    @property
    def step(self) -> float:
        """The power of ten nearest below span / STEPS_PER_WINDOW (at least `quantum`)."""
        return max(10.0 ** math.floor(math.log10(self.span / STEPS_PER_WINDOW)), self.quantum)

    def moved(self, steps: int, coarse: bool = False) -> AxisCursor:
        """`steps` steps to the right (negative: left), each COARSE_STEPS times longer if `coarse`."""
        step = self.step * (COARSE_STEPS if coarse else 1)
        k = round(self.x / step, 9)  # in steps; rounded so that a multiple read back from a float counts as one
        grid = math.ceil(k) if steps < 0 else math.floor(k)  # off the grid, the first step goes to it
        return self.at((grid + steps) * step, margin=EDGE_MARGIN)

    def at(self, x: float, margin: float = 0.0) -> AxisCursor:
        """The cursor at `x` (on the nearest multiple of the step, inside the limits), the window panned to
        hold it `margin` of its width inside its edges (none for a click: the cursor goes where the mouse is)."""
        step = self.step
        x = round(round(x / step) * step, decimals_of(step))
        x = min(max(x, self.limits[0]), self.limits[1])
        margin = margin * self.span
        shift = min(x - (self.low + margin), 0.0) + max(x - (self.high - margin), 0.0)
        low = min(max(self.low + shift, self.limits[0]), self.limits[1] - self.span)
        return replace(self, x=x, low=low, high=low + self.span)

    def zoomed(self, factor: float) -> AxisCursor:
        """The window `factor` times as wide (< 1 zooms in), the cursor at the same fraction of it."""
        span = min(max(self.span * factor, self.min_span), self.limits[1] - self.limits[0])
        fraction = (self.x - self.low) / self.span
        low = self.x - fraction * span
        low = min(max(low, self.limits[0]), self.limits[1] - span)
        return replace(self, low=low, high=low + span)

    def spanning(self, low: float, high: float) -> AxisCursor:
        """The same cursor over a new window and limits (a curve that grew), held inside them."""
        x = min(max(self.x, low), high)
        return replace(self, x=x, low=low, high=high, limits=(low, high))


def decimals_of(step: float) -> int:
    """Decimal places that write a multiple of `step` (a power of ten) exactly: 0.1 -> 1, 10 -> 0."""
    return max(0, -math.floor(math.log10(step)))


def nearest_index(xs: np.ndarray, x: float) -> int:
    """The index of the value of the sorted, non-empty `xs` nearest to `x` (the lower one on a tie)."""
    i = int(np.searchsorted(xs, x))
    if i == 0 or i == len(xs):
        return min(i, len(xs) - 1)
    return i if xs[i] - x < x - xs[i - 1] else i - 1
