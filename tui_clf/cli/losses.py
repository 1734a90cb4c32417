"""`tui-clf losses`: Figure 3 in the terminal, every loss against z for a positive example.

With --stability: the naive against the stable cross-entropy over a wide range of z, in
float64 and float32, and where the naive form breaks (stability_plot.py).
"""

from __future__ import annotations

from typing import Annotated, Optional

import numpy as np
import plotext as plt
import typer
from rich.console import Console
from rich.table import Table

from engine import LOSSES, ConfigError, LossCurve, get_loss, loss_curve
from engine.stability import break_points, default_wide_grid, stability_curves
from tui_clf.cli import options as opt
from tui_clf.cli.failures import reports_failures
from tui_clf.cli.output import print_json, stdout_console
from tui_clf.cli.plots import plot_width, print_plot, series_markers, value_resolution
from tui_clf.cli.print_colors import LOSS_PRINT_COLORS
from tui_clf.cli.stability_plot import print_stability

Names = Annotated[
    Optional[list[opt.LossName]],
    typer.Option("--loss", "-l", metavar="NAME", help=f"A loss to draw, one of: {', '.join(opt.LossName)}; repeat for several.", show_default="all seven"),
]
FIGURE_RANGE = (-4.0, 4.0)
STABILITY_RANGE = (-1000.0, 1000.0)  # wide enough for e^-z to overflow in float64 (|z| > 709.78)
Derivatives = Annotated[bool, typer.Option("--derivatives", help="Also draw dL/dz (Figures 1 and 2).")]
Stability = Annotated[
    bool,
    typer.Option("--stability", help="Naive against stable cross-entropy and dL/dz in float64 and float32, and where the naive form returns inf or nan."),
]
ZMin = Annotated[Optional[float], typer.Option("--z-min", help="Left end of the z axis.", show_default=f"{FIGURE_RANGE[0]:g}, {STABILITY_RANGE[0]:g} with --stability")]
ZMax = Annotated[Optional[float], typer.Option("--z-max", help="Right end of the z axis.", show_default=f"{FIGURE_RANGE[1]:g}, {STABILITY_RANGE[1]:g} with --stability")]
SHOWN_RANGE = (-3.0, 6.0)  # of the y axis: squared error's z^2 would flatten every other curve


@reports_failures
def losses(
    names: Names = None,
    derivatives: Derivatives = False,
    stability: Stability = False,
    z_min: ZMin = None,
    z_max: ZMax = None,
    json_output: opt.Json = False,
) -> None:
    """Draw the losses of the lecture against z for t = 1 (Figure 3), with what each one teaches."""
    default_min, default_max = STABILITY_RANGE if stability else FIGURE_RANGE
    z_min = default_min if z_min is None else z_min
    z_max = default_max if z_max is None else z_max
    if not z_min < z_max:
        raise ConfigError(f"--z-min {z_min} must be below --z-max {z_max}")
    if stability:
        if names:
            raise ConfigError("--stability compares the naive and the stable cross-entropy; leave out --loss")
        show_stability(z_min, z_max, json_output)
        return
    chosen = [get_loss(name) for name in names] if names else list(LOSSES.values())
    z = np.linspace(z_min, z_max, 321)
    curves = [loss_curve(loss, z) for loss in chosen]
    if json_output:
        print_json({"label": 1, "losses": [curve.as_dict() for curve in curves]})
        return
    console = stdout_console()
    print_curves(console, curves, "value", "L(z, t = 1)")
    if derivatives:
        print_curves(console, curves, "derivative", "dL/dz at t = 1")
    table = Table(show_header=True)
    for column in ("loss", "lecture", "convex", "smooth", "point"):
        table.add_column(column)
    for loss in chosen:
        table.add_row(loss.name, loss.equation, "yes" if loss.convex else "no", "yes" if loss.differentiable else "no", loss.point)
    console.print(table)


def show_stability(z_min: float, z_max: float, json_output: bool) -> None:
    """The naive and the stable cross-entropy on the wide grid [z_min, z_max], as plots or as JSON."""
    curves = stability_curves(default_wide_grid(z_min, z_max))
    if json_output:
        breaks = [b.as_dict() for curve in curves for b in break_points(curve)]
        print_json({"curves": [curve.as_dict() for curve in curves], "breaks": breaks})
        return
    print_stability(stdout_console(), curves)


def print_curves(console: Console, curves: list[LossCurve], field: str, title: str, height: int = 20) -> None:
    """Each distinct curve's `field` against z, with a marker of its own when there is no colour."""
    plt.clear_figure()
    plt.title(title)
    shown = [np.clip(getattr(curve, field), *SHOWN_RANGE) for curve in curves]
    span = float(max(v.max() for v in shown) - min(v.min() for v in shown))
    series = distinct_series([c.loss for c in curves], shown, value_resolution(console, span, height) / 2)
    for (loss, label, values), marker in zip(series, series_markers(console, len(series))):
        plt.plot(curves[0].z.tolist(), values.tolist(), label=label, marker=marker, color=LOSS_PRINT_COLORS[loss])
    plt.xlabel("z")
    print_plot(console, plot_width(console), height)


def distinct_series(names: list[str], values: list[np.ndarray], tolerance: float) -> list[tuple[str, str, np.ndarray]]:
    """(name, label, values) of each curve a plot can tell apart, in the order given; name is the curve's first.

    A curve that stays within `tolerance` of an earlier one would only hide it, dot for dot:
    it is drawn once, labelled "a = b" where they are equal (at t = 1, softmax-cross-entropy
    with logits (0, z) is cross-entropy) and "a ≈ b" where they only look the same.
    """
    series: list[tuple[str, str, np.ndarray]] = []
    for name, curve in zip(names, values):
        for i, (first, label, drawn) in enumerate(series):
            if np.max(np.abs(drawn - curve)) <= tolerance:
                sign = "=" if np.allclose(drawn, curve, rtol=1e-9, atol=1e-12) else "≈"
                series[i] = (first, f"{label} {sign} {name}", drawn)
                break
        else:
            series.append((name, name, curve))
    return series
