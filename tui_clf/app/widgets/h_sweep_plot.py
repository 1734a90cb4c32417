"""Figure 5 as a measurement: the finite-difference error against the step h, both methods."""

from __future__ import annotations

import math

import numpy as np
from textual.app import RenderResult
from textual.binding import Binding

from engine.h_sweep import HSweep
from tui_clf.app.gradient_lab import GradientReport
from tui_clf.views.palette import TRAIN_COLOR, VALIDATION_COLOR
from tui_clf.app.widgets.cursor_plot import CURSOR_COLOR, CursorPlot
from tui_clf.views.cursor import nearest_index
from tui_clf.views.formatting import number
from tui_clf.views.plottable import drawable

COARSE_H_STEPS = 4  # of the sweep's 45 h: a decade
H_SWEEP_PROMPT = "Press g: the gradient check also measures its error for every step h from 1e-12 to 0.1."


def h_sweep_caption(report: GradientReport) -> str:
    """Where each method's error is smallest, against where theory puts it; or why there is no sweep."""
    sweep = report.sweep
    if sweep is None:
        return report.sweep_note or ""
    return (
        f"At step {report.step}. Smallest error: one-sided (x) at h = {sweep.best_h_forward:.0e} "
        f"(theory sqrt(eps) = {sweep.theory_h_forward:.0e}), two-sided (o) at h = {sweep.best_h_central:.0e} "
        f"(theory eps^1/3 = {sweep.theory_h_central:.0e}). Larger h: truncation error; smaller h: rounding. "
        f"Measured: {sweep.measured}."
    )


def decade_ticks(low: float, high: float, most: int) -> tuple[list[float], list[str]]:
    """At most `most` powers of ten between low and high, labelled "1e-12": plotext's own log labels are long decimals."""
    first, last = math.ceil(math.log10(low)), math.floor(math.log10(high))
    stride = max(1, math.ceil((last - first + 1) / most))
    powers = range(first, last + 1, stride)
    return [10.0**k for k in powers], [f"1e{k}" for k in powers]


class HSweepPlot(CursorPlot):
    """Error against h on log-log axes: one-sided (x) and two-sided (o); zeros cannot be drawn on a
    log scale, nor what plotext cannot place (plottable.py).

    The cursor (off until an arrow key or a click, off again on escape) sits on one of the
    measured h, the first time the one where the two-sided error is smallest; ←/→ go to the
    next h (shift: COARSE_H_STEPS), a click to the h nearest the mouse on the log axis. The
    title then reads h and both methods' errors there.
    """

    BINDINGS = [Binding("escape", "hide_cursor", "Cursor off", show=False)]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.sweep: HSweep | None = None
        self.cursor: int | None = None  # an index into sweep.h
        self._log_axis = False  # as last drawn: a sweep with no error to draw keeps plotext's linear axis

    def show(self, sweep: HSweep | None) -> None:
        self.sweep = sweep
        self.cursor = None
        self.cursor_changed()

    def move_cursor(self, steps: int, coarse: bool) -> None:
        if self.sweep is None:
            return
        start = self.cursor if self.cursor is not None else nearest_index(self.sweep.h, self.sweep.best_h_central)
        self.cursor = min(max(start + steps * (COARSE_H_STEPS if coarse else 1), 0), len(self.sweep.h) - 1)
        self.cursor_changed()

    def cursor_to_x(self, x: float) -> None:
        if self.sweep is not None:
            self.cursor = nearest_index(np.log10(self.sweep.h) if self._log_axis else self.sweep.h, x)
            self.cursor_changed()

    def action_hide_cursor(self) -> None:
        self.cursor = None
        self.cursor_changed()

    def reading(self) -> str:
        """h at the cursor and both methods' relative errors there (empty while the cursor is off)."""
        if self.sweep is None or self.cursor is None:
            return ""
        i = self.cursor
        h, forward, central = self.sweep.h[i], self.sweep.forward_error[i], self.sweep.central_error[i]
        return f"h = {h:.1e}: one-sided {number(forward, 2)}, two-sided {number(central, 2)}"

    def render(self) -> RenderResult:
        plt = self.plt
        plt.clear_figure()
        sweep = self.sweep
        if sweep is not None:
            drawn = 0
            for label, errors, marker, color in (
                ("one-sided", sweep.forward_error, "x", VALIDATION_COLOR),
                ("two-sided", sweep.central_error, "o", TRAIN_COLOR),
            ):
                shown = drawable(errors, log=True)
                plt.plot(sweep.h[shown].tolist(), errors[shown].tolist(), marker=marker, color=color, label=label)
                drawn += int(shown.sum())
            self._log_axis = drawn > 0
            if drawn:  # plotext cannot scale an empty plot
                plt.xscale("log")
                plt.yscale("log")
                shown = np.concatenate([sweep.forward_error, sweep.central_error])
                shown = shown[drawable(shown, log=True)]
                plt.xticks(*decade_ticks(sweep.h.min(), sweep.h.max(), 4))
                plt.yticks(*decade_ticks(shown.min(), shown.max(), 4))
            if self.cursor is not None:
                plt.vline(self.sweep.h[self.cursor], CURSOR_COLOR)
            plt.title(self.fitted_title(self.reading() or "relative error of the derivative against h"))
        return super().render()
