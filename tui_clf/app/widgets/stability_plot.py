"""Naive against stable cross-entropy over z in [-1000, 1000] (lecture 2.4), in the run's dtype.

The stable L(z, t) is drawn as a line for t = 1 and t = 0; the naive one as points, only
where it is finite, so the gap where it returns inf or nan is visible as a gap, never drawn
as a number. A vertical line marks each place the naive value first breaks; the caption
says where, in float64 and float32, and what the naive form returns there.
"""

from __future__ import annotations

from functools import cache

import numpy as np
from rich.text import Text
from textual.app import RenderResult

from engine.stability import BreakPoint, StabilityCurve, break_points, stability_curve
from tui_clf.app.widgets.themed_plot import ThemedPlot
from tui_clf.views.palette import WRONG_COLOR, class_color

STABLE_MARKERS = {1: "braille", 0: "braille"}
NAIVE_MARKERS = {1: "+", 0: "x"}  # without colour the naive points still read apart from the lines


@cache
def curves_of(dtype: str) -> tuple[StabilityCurve, ...]:
    """The curves for t = 1 and t = 0 on the default wide grid (they never change: computed once)."""
    return tuple(stability_curve(dtype, label) for label in (1, 0))


@cache
def value_breaks(dtype: str) -> tuple[BreakPoint, ...]:
    """Where the naive value breaks, per target, in `dtype`."""
    return tuple(b for curve in curves_of(dtype) for b in break_points(curve) if b.quantity == "value")


class StabilityPlot(ThemedPlot):
    """L(z, t) of both forms for both targets in one dtype (the session's, float64 by default)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.dtype = "float64"

    def show(self, dtype: str) -> None:
        self.dtype = dtype
        self.refresh()

    def render(self) -> RenderResult:
        plt = self.plt
        plt.clear_figure()
        for curve in curves_of(self.dtype):
            z = curve.z.astype(np.float64)
            color = class_color(curve.label)
            plt.plot(z.tolist(), curve.stable_value.astype(np.float64).tolist(), marker=STABLE_MARKERS[curve.label], color=color)
            naive = curve.naive_value.astype(np.float64)
            finite = np.isfinite(naive)
            step = max(1, int(finite.sum()) // max(self.size.width, 1))  # about one point per column
            plt.scatter(z[finite][::step].tolist(), naive[finite][::step].tolist(), marker=NAIVE_MARKERS[curve.label], color=color)
        for b in value_breaks(self.dtype):
            plt.vline(b.z, WRONG_COLOR)
        plt.title(self.fitted_title(f"cross-entropy, {self.dtype}", "stable: line", "naive: + t=1, x t=0"))
        plt.xlabel("z")
        return super().render()


def stability_caption(dtype: str) -> Text:
    """Where the naive value breaks in `dtype`, and what it returns there (the red lines)."""
    lines = [
        f"t={b.label}: naive gives {b.naive_returns} from z = {b.z:.2f} (│), stable {b.stable_there:.2f}"
        for b in value_breaks(dtype)
    ]
    return Text("\n".join(lines) or "the naive form stays finite on this range")
