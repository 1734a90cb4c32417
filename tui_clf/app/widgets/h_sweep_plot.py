"""Figure 5 as a measurement: the finite-difference error against the step h, both methods."""

from __future__ import annotations

import math

import numpy as np
from textual.app import RenderResult

from engine.h_sweep import HSweep
from tui_clf.app.gradient_lab import GradientReport
from tui_clf.views.palette import TRAIN_COLOR, VALIDATION_COLOR
from tui_clf.app.widgets.themed_plot import ThemedPlot
from tui_clf.views.plottable import drawable

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


class HSweepPlot(ThemedPlot):
    """Error against h on log-log axes: one-sided (x) and two-sided (o); zeros cannot be drawn on a
    log scale, nor what plotext cannot place (plottable.py)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.sweep: HSweep | None = None

    def show(self, sweep: HSweep | None) -> None:
        self.sweep = sweep
        self.refresh()

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
            if drawn:  # plotext cannot scale an empty plot
                plt.xscale("log")
                plt.yscale("log")
                shown = np.concatenate([sweep.forward_error, sweep.central_error])
                shown = shown[drawable(shown, log=True)]
                plt.xticks(*decade_ticks(sweep.h.min(), sweep.h.max(), 4))
                plt.yticks(*decade_ticks(shown.min(), shown.max(), 4))
            plt.title("relative error of the derivative against h")
        return super().render()
