"""`tui-clf losses`: Figure 3 in the terminal, every loss against z for a positive example."""

from __future__ import annotations

from typing import Annotated, Optional

import numpy as np
import plotext as plt
import typer
from rich.table import Table

from engine import LOSSES, ConfigError, get_loss, loss_curve
from tui_clf.cli import options as opt
from tui_clf.cli.failures import reports_failures
from tui_clf.cli.output import print_json, render_plot, stdout_console, terminal_width

Names = Annotated[
    Optional[list[str]],
    typer.Option("--loss", "-l", help="A loss to draw; repeat for several. [default: all seven]"),
]
Derivatives = Annotated[bool, typer.Option("--derivatives", help="Also draw dL/dz (Figures 1 and 2).")]
ZMin = Annotated[float, typer.Option("--z-min", help="Left end of the z axis.")]
ZMax = Annotated[float, typer.Option("--z-max", help="Right end of the z axis.")]


@reports_failures
def losses(
    names: Names = None,
    derivatives: Derivatives = False,
    z_min: ZMin = -4.0,
    z_max: ZMax = 4.0,
    json_output: opt.Json = False,
) -> None:
    """Draw the losses of the lecture against z for t = 1 (Figure 3), with what each one teaches."""
    chosen = [get_loss(name) for name in names] if names else list(LOSSES.values())
    if not z_min < z_max:
        raise ConfigError(f"--z-min {z_min} must be below --z-max {z_max}")
    z = np.linspace(z_min, z_max, 321)
    curves = [loss_curve(loss, z) for loss in chosen]
    if json_output:
        print_json({"label": 1, "losses": [curve.as_dict() for curve in curves]})
        return
    console = stdout_console()
    width = min(terminal_width(), 110)
    console.print(_plot(curves, "value", "L(z, t = 1)", width), markup=False, highlight=False)
    if derivatives:
        console.print(_plot(curves, "derivative", "dL/dz at t = 1", width), markup=False, highlight=False)
    table = Table(show_header=True)
    for column in ("loss", "lecture", "convex", "smooth", "point"):
        table.add_column(column)
    for loss in chosen:
        table.add_row(loss.name, loss.equation, "yes" if loss.convex else "no", "yes" if loss.differentiable else "no", loss.point)
    console.print(table)


def _plot(curves, field: str, title: str, width: int) -> str:
    plt.clear_figure()
    plt.title(title)
    for curve in curves:
        values = getattr(curve, field)
        # Clip what would run off the plot (squared error grows as z^2) so the other losses stay readable.
        plt.plot(curve.z.tolist(), np.clip(values, -3, 6).tolist(), label=curve.loss, marker="braille")
    plt.xlabel("z")
    return render_plot(width, 20)
