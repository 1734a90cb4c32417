"""What `tui-clf compare` reports: one summary, shown as JSON or as two plots and a table.

The plots: every loss's training error against the step on one common scale [0, 1], and each
loss's own cost J divided by its cost at step 0 (their scales differ: squared error starts
near 0.5, cross-entropy near log 2). Curves that a plot this size would draw on the same dots
are drawn once, labelled "a = b" (equal) or "a ≈ b" (alike), as `tui-clf losses` does; a curve
drawn mostly under later ones is named beside the one that covers it, "a ≈ b" too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import plotext as plt
from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from engine.compare import LockStep, Status
from engine.records import StepRecord
from tui_clf.views.bounded_curve import RunCurves
from tui_clf.cli.output import finite_or_none
from tui_clf.cli.covered_curves import Covered
from tui_clf.cli.plots import COLOUR_MARKER, in_colour, plot_width, print_plot, value_resolution
from tui_clf.cli.print_colors import LOSS_PRINT_COLORS
from tui_clf.cli.step_axis import label_steps
from tui_clf.views.decimate import decimate
from tui_clf.views.formatting import number, percent, printable
from tui_clf.views.loss_style import LOSS_LETTERS
from tui_clf.views.palette import rich_color

PLOT_HEIGHT = 12
COST_CAP = 10.0  # a cost above 10 times its start is drawn at 10 times: a spike would flatten every other curve
LEGEND_MARK = "⢕⢕"  # plotext's own legend mark for a braille series
TROUBLE = (Status.DIVERGED, Status.STALLED)


def compare_summary(
    dataset_name: str, race: LockStep, finals: dict[str, StepRecord], seconds: float, interrupted: bool
) -> dict[str, Any]:
    """The keys of DESIGN.md section 3 (`dataset`, `steps`, `results`) and a few more."""
    results = []
    for contender in race.contenders:
        final, standing = finals[contender.loss], race.standings[contender.loss]
        status = "interrupted" if interrupted and standing.status is Status.RUNNING else standing.status.value
        results.append(
            {
                "loss": contender.loss,
                "lr": race.trainers[contender.loss].lr,  # the number used, also when auto chose it
                "train_cost": finite_or_none(final.train_cost),
                "train_error": final.train_error,
                "val_cost": finite_or_none(final.val_cost),
                "val_error": final.val_error,
                "steps_to_target": standing.steps_to_target,
                "status": status,
                "message": standing.message,
                "steps": standing.steps,
            }
        )
    return {
        "dataset": dataset_name,
        "steps": race.steps,
        "epochs": next(iter(race.trainers.values())).config.epochs,
        "target_error": race.target_error,
        "seconds": round(seconds, 6),
        "results": results,
    }


def show_compare(console: Console, summary: dict[str, Any], curves: dict[str, RunCurves], first_costs: dict[str, float]) -> None:
    """The two plots, then the table and why each loss that diverged or stalled did, on `console`."""
    errors = [(loss, *run.series["train_error"].points()) for loss, run in curves.items()]
    print_race_plot(console, errors, "training error (the 0-1 loss) against step", (0.0, 1.0))
    costs, capped = [], False
    for loss, run in curves.items():
        x, y = run.series["train_cost"].points()
        ratio = y / first_costs[loss] if first_costs[loss] > 0 else y
        capped |= bool(np.any(ratio > COST_CAP))
        costs.append((loss, x, np.minimum(ratio, COST_CAP)))
    top = max([1.0] + [float(y.max()) for _, _, y in costs if y.size])
    title = "each loss's cost / its cost at step 0" + (f" (capped at {COST_CAP:g})" if capped else "")
    print_race_plot(console, costs, title, (0.0, top))
    console.print(compare_table(summary))
    for result in summary["results"]:
        if result["status"] in TROUBLE:
            console.print(f"{result['loss']}: {printable(result['message'])}")


def compare_table(summary: dict[str, Any]) -> Table:
    """loss, lr, training / validation error and cost, steps to the target error, status."""
    target = summary["target_error"]
    table = Table(
        title=f"tui-clf compare: {printable(summary['dataset'])}, {summary['steps']} steps",
        box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1, 0, 0),
    )
    table.add_column("loss", no_wrap=True)
    table.add_column("lr", justify="right", no_wrap=True)
    table.add_column("error\ntrain / val", justify="right", no_wrap=True)
    table.add_column("cost J\ntrain / val", justify="right", no_wrap=True)
    table.add_column("steps to\n" + ("target" if target is None else f"≤ {percent(target)}"), justify="right", no_wrap=True)
    table.add_column("status")
    for r in summary["results"]:
        steps = "-" if target is None else ("never" if r["steps_to_target"] is None else str(r["steps_to_target"]))
        table.add_row(
            Text(r["loss"], style=rich_color(LOSS_PRINT_COLORS[r["loss"]])),
            f"{r['lr']:.3g}",
            f"{percent(r['train_error'])} / {percent(r['val_error'])}",
            f"{number(r['train_cost'], 3)} / {number(r['val_cost'], 3)}",
            steps,
            r["status"],
        )
    return table


@dataclass(frozen=True)
class Drawn:
    """One curve as drawn: the losses it stands for, its label, and its points."""

    losses: tuple[str, ...]
    label: str
    x: np.ndarray
    y: np.ndarray


def print_race_plot(console: Console, series: list[tuple[str, np.ndarray, np.ndarray]], title: str, ylim: tuple[float, float]) -> None:
    """Each loss's (x, y) against the step in its own colour (or marker), and a legend under the plot."""
    width = plot_width(console)
    points = max(width // 2, 10)
    thinned = [(loss, *decimate(x, y, points)) for loss, x, y in series if x.size]
    drawn = merged_alike(thinned, value_resolution(console, ylim[1] - ylim[0], PLOT_HEIGHT) / 2)
    colour = in_colour(console)
    plt.clear_figure()
    plt.title(title)
    plt.xlabel("step")
    plt.ylim(*ylim)
    for curve in drawn:
        marker = COLOUR_MARKER if colour else LOSS_LETTERS[curve.losses[0]]
        plt.plot(curve.x.tolist(), curve.y.tolist(), marker=marker, color=LOSS_PRINT_COLORS[curve.losses[0]])
    if drawn:
        label_steps(min(c.x[0] for c in drawn), max(c.x[-1] for c in drawn), width)
    [covered] = print_plot(console, width, PLOT_HEIGHT)
    console.print(legend(legend_entries(drawn, covered), colour))


def legend_entries(drawn: list[Drawn], covered: list[Covered]) -> list[Drawn]:
    """The legend's curves: each covered one named beside the curve that covers it ("a ≈ b"), not on its own."""
    entries = list(drawn)
    for c in covered:  # in drawing order: a curve covered in turn hands on what it named
        by, under = entries[c.by], entries[c.curve]
        entries[c.by] = Drawn((*by.losses, *under.losses), f"{by.label} ≈ {under.label}", by.x, by.y)
    hidden = {c.curve for c in covered}
    return [entry for i, entry in enumerate(entries) if i not in hidden]


def legend(drawn: list[Drawn], colour: bool) -> Text:
    """One entry a curve, as plotext writes its own: the mark twice (braille in colour), then the label."""
    text = Text()
    for curve in drawn:
        mark = LEGEND_MARK if colour else LOSS_LETTERS[curve.losses[0]] * 2
        text.append(f" {mark} ", style=rich_color(LOSS_PRINT_COLORS[curve.losses[0]]))
        text.append(f"{curve.label} ")
    return text


def merged_alike(series: list[tuple[str, np.ndarray, np.ndarray]], tolerance: float) -> list[Drawn]:
    """The curves to draw: one for each group of losses whose curves stay within `tolerance` of each other.

    Curves are compared over the same steps (one interpolated at the other's); "=" joins curves
    with equal points, "≈" curves that only look the same.
    """
    drawn: list[Drawn] = []
    for loss, x, y in series:
        for i, curve in enumerate(drawn):
            if _alike(curve.x, curve.y, x, y, tolerance):
                same = np.array_equal(curve.x, x) and np.allclose(curve.y, y, rtol=1e-9, atol=1e-12)
                drawn[i] = Drawn((*curve.losses, loss), f"{curve.label} {'=' if same else '≈'} {loss}", curve.x, curve.y)
                break
        else:
            drawn.append(Drawn((loss,), loss, x, y))
    return drawn


def _alike(xa: np.ndarray, ya: np.ndarray, xb: np.ndarray, yb: np.ndarray, tolerance: float) -> bool:
    if xa[0] != xb[0] or xa[-1] != xb[-1]:
        return False
    return bool(np.max(np.abs(np.interp(xa, xb, yb) - ya)) <= tolerance and np.max(np.abs(np.interp(xb, xa, ya) - yb)) <= tolerance)
