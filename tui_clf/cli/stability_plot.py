"""`tui-clf losses --stability`: the naive and the stable cross-entropy over a wide range of z.

One plot of the values and one of dL/dz per dtype. The stable form is drawn as a line; the
naive one as points, only where it is finite: plotext cannot place inf or nan, and a line
through the gap would draw a number the naive form never returned. A vertical row of marks
stands where the naive form first breaks on each side, and the table below says where
(exact to one ulp), what it returns there and what the stable form returns instead.
"""

from __future__ import annotations

import numpy as np
import plotext as plt
from rich.console import Console
from rich.table import Table

from engine.stability import DTYPES, QUANTITIES, BreakPoint, StabilityCurve, break_points
from tui_clf.cli.plots import FRAME_ROWS, plot_width, print_plot, series_colors, series_markers

HEIGHT = 20
TITLES = {"value": "L(z, t)", "derivative": "dL/dz"}
BREAK_MARKS = 4 * HEIGHT  # marks in a break's vertical row: one per braille dot row


def print_stability(console: Console, curves: list[StabilityCurve]) -> None:
    """Per dtype, the values and the derivatives of both forms for t = 1 and t = 0, then the breaks."""
    breaks = [b for curve in curves for b in break_points(curve)]
    for dtype in DTYPES:
        shown = [curve for curve in curves if curve.dtype == dtype]
        for quantity in QUANTITIES:
            print_stability_plot(console, shown, quantity, [b for b in breaks if (b.dtype, b.quantity) == (dtype, quantity)])
    console.print(break_table(breaks, curves[0].z))


def print_stability_plot(console: Console, curves: list[StabilityCurve], quantity: str, breaks: list[BreakPoint]) -> None:
    """One dtype's naive and stable `quantity` against z, for each target, with its breaks marked."""
    plt.clear_figure()
    plt.title(f"{TITLES[quantity]}, {curves[0].dtype}: naive (points, where finite) and stable (line)")
    n_series = 2 * len(curves) + bool(breaks)
    styles = iter([{"marker": m, "color": c} for m, c in zip(series_markers(console, n_series), series_colors(n_series))])
    low, high = _finite_range(curves, quantity)
    for curve in curves:
        z = curve.z.astype(np.float64)
        plt.plot(z.tolist(), curve.stable(quantity).astype(np.float64).tolist(), label=f"stable, t={curve.label}", **next(styles))
        naive = curve.naive(quantity).astype(np.float64)
        finite = np.isfinite(naive)
        plt.scatter(z[finite].tolist(), naive[finite].tolist(), label=f"naive, t={curve.label}", **next(styles))
    if breaks:
        column = np.linspace(low, high, BREAK_MARKS)
        xs = np.concatenate([np.full(BREAK_MARKS, b.z) for b in breaks])
        plt.scatter(xs.tolist(), np.tile(column, len(breaks)).tolist(), label="naive: inf or nan from here outwards", **next(styles))
    plt.ylim(*_room_for_legend(low, high, n_series))
    plt.xlabel("z")
    print_plot(console, plot_width(console), HEIGHT)


def break_table(breaks: list[BreakPoint], z: np.ndarray) -> Table:
    """Where the naive form breaks, per dtype and target, and what each form gives there."""
    table = Table(title=f"Where the naive cross-entropy breaks, z in [{z.min():g}, {z.max():g}]", show_header=True)
    for column in ("dtype", "t", "naive", "from z", "gives", "stable", "1 ulp before"):
        table.add_column(column)
    for b in breaks:
        table.add_row(
            b.dtype,
            str(b.label),
            b.quantity,
            f"{b.z:.9g}",
            str(b.naive_returns),
            f"{b.stable_there:.6g}",
            f"{b.naive_before:.4g} / {b.stable_before:.4g}",
        )
    table.caption = "from z: first inf or nan, to one ulp. 1 ulp before: naive / stable"
    return table


def _room_for_legend(low: float, high: float, n_series: int) -> tuple[float, float]:
    """y limits that leave the top rows, where plotext writes the legend, free of data.

    The stable t = 1 value is largest at the far left, exactly under the legend: without the
    room, the legend would hide the stretch where the stable form goes on and the naive one has broken.
    """
    rows = HEIGHT - FRAME_ROWS
    data_rows = rows - n_series - 1
    return low, low + (high - low) * rows / data_rows


def _finite_range(curves: list[StabilityCurve], quantity: str) -> tuple[float, float]:
    """The lowest and highest finite value any of the curves' naive or stable `quantity` takes."""
    values = np.concatenate([np.concatenate([c.stable(quantity), c.naive(quantity)]).astype(np.float64) for c in curves])
    values = values[np.isfinite(values)]
    return float(values.min()), float(values.max())
