"""`tui-clf gradcheck`: the gradient-check lab (lecture section 5) on a dataset and a loss."""

from __future__ import annotations

import dataclasses
from enum import StrEnum
from typing import Annotated, Any, Optional

import numpy as np
import plotext as plt
import typer
from rich.console import Console
from rich.table import Table

from engine import (
    PLANTED_BUGS,
    GradCheckResult,
    HSweep,
    check_gradient,
    default_bug,
    h_sweep,
)
from engine.errors import ConfigError
from engine.finite_differences import METHODS
from engine.pipeline import make_trainer
from tui_clf.cli import options as opt
from tui_clf.cli.run_options import ROWS_ELSEWHERE_OPTIONS, with_run_options
from tui_clf.cli.exit_codes import ExitCode
from tui_clf.cli.failures import fail, reports_failures
from tui_clf.cli.output import finite_or_none, print_json, stdout_console
from tui_clf.cli.plots import plot_width, print_plot, series_colors, series_markers
from tui_clf.views.formatting import number

LAB = "Gradient check"
STATUS_COLOURS = {"correct": "green", "cost inaccurate": "cyan", "suspicious": "yellow", "wrong": "red"}


Method = StrEnum("Method", {name: name for name in METHODS})
Bug = StrEnum("Bug", {name: name for name in PLANTED_BUGS})


class Weights(StrEnum):
    initial = "initial"
    trained = "trained"


MethodOption = Annotated[
    Method, typer.Option("--method", help="central: (J(w+h)-J(w-h))/2h, Eq. 27; forward: (J(w+h)-J(w))/h, Eq. 26.", rich_help_panel=LAB)
]
StepOption = Annotated[
    Optional[float],
    typer.Option("--h", help="The finite-difference step.", show_default="eps^(1/3) central, eps^(1/2) forward", rich_help_panel=LAB),
]
AtOption = Annotated[
    Weights, typer.Option("--at", help="Check at the seed's initial weights or after training with these options.", rich_help_panel=LAB)
]
DirectionsOption = Annotated[
    Optional[int],
    typer.Option("--directions", min=1, help="Fast mode: check this many random directions instead of every parameter.", show_default="every parameter", rich_help_panel=LAB),
]
PlantBugOption = Annotated[
    bool, typer.Option("--plant-bug", help="Check a deliberately wrong gradient instead: the check must fail (exit 6).", rich_help_panel=LAB)
]
BugOption = Annotated[
    Optional[Bug],
    typer.Option("--bug", help="Which bug --plant-bug plants.", show_default="one that fits the loss", rich_help_panel=LAB),
]
SweepOption = Annotated[bool, typer.Option("--h-sweep", help="Also plot the error of both methods against h (Figure 5).", rich_help_panel=LAB)]
TopOption = Annotated[int, typer.Option("--top", min=1, help="How many of the worst parameters to list.", rich_help_panel=LAB)]


@reports_failures
@with_run_options(without=('momentum', 'nesterov', 'tol', 'patience', *ROWS_ELSEWHERE_OPTIONS))
def gradcheck(
    method: MethodOption = Method.central,
    h: StepOption = None,
    at: AtOption = Weights.initial,
    directions: DirectionsOption = None,
    plant_bug: PlantBugOption = False,
    bug: BugOption = None,
    sweep: SweepOption = False,
    top: TopOption = 10,
    json_output: opt.Json = False,
    *,
    run_options: dict[str, Any],
) -> None:
    """Check the analytic gradient against finite differences; exit 6 if it is wrong."""
    run_config = opt.run_config(run_options)
    prepared = run_config.prepare(run_config.load())
    trainer = make_trainer(prepared, run_config.training)
    if at is Weights.trained:
        for _ in trainer.iter_steps():
            pass
    training = run_config.training
    X = prepared.train.X
    T = trainer.loss.encode(prepared.train.y, prepared.train.n_classes, np.dtype(training.dtype))
    if bug is not None and not plant_bug:
        raise ConfigError("--bug chooses the bug that --plant-bug plants: add --plant-bug")
    planted = (bug.value if bug else default_bug(trainer.loss)) if plant_bug else None
    result = check_gradient(
        trainer.params, X, T, trainer.loss, training.l2,
        method=method.value, h=h, dtype=training.dtype, directions=directions, seed=training.seed, bug=planted, top=top,
    )
    sweep_result = h_sweep(trainer.params, X, T, trainer.loss, training.l2, seed=training.seed, dtype=training.dtype) if sweep else None
    if json_output:
        print_json(gradcheck_payload(result, sweep_result, at.value))
    else:
        show_gradcheck(result, sweep_result, prepared.train.name, at.value)
    if not result.passed:
        raise fail(
            f"gradient check failed: max relative error {number(result.max_rel_error)} "
            f"> {result.thresholds.wrong:g}" + (f" (planted bug: {result.bug})" if result.bug else ""),
            ExitCode.GRADCHECK_FAILED,
        )


def gradcheck_payload(result: GradCheckResult, sweep: HSweep | None, at: str) -> dict[str, Any]:
    """The result as JSON: DESIGN.md's keys first, non-finite numbers as null."""
    payload = _json_safe(dataclasses.asdict(result))
    payload["at"] = at
    if sweep is not None:
        payload["h_sweep"] = _json_safe(sweep.as_dict())
    return payload


def _json_safe(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_safe(v) for v in value]
    if isinstance(value, (float, np.floating)):
        return finite_or_none(float(value))
    return value


def show_gradcheck(result: GradCheckResult, sweep: HSweep | None, dataset: str, at: str) -> None:
    """The verdict, the worst parameters coloured by status (with the status in words), notes, the sweep."""
    console = stdout_console()
    what = f"planted bug {result.bug!r}" if result.bug else "the analytic gradient"
    console.print(
        f"Checking {what} of {result.loss} on {dataset} at the {at} weights: {result.method} differences, "
        f"h = {result.h:.2g}, {result.n_checked} of {result.n_params} parameters"
        + (" (random directions)" if result.mode == "directions" else "")
    )
    table = Table(title=f"worst {len(result.worst)} by relative error")
    for column in ("parameter", "analytic", "numeric", "abs error", "rel error", "verdict"):
        table.add_column(column, justify="left" if column in ("parameter", "verdict") else "right")
    for check in result.worst:
        colour = STATUS_COLOURS[check.status]
        table.add_row(
            check.name,
            number(check.analytic, 6),
            number(check.numeric, 6),
            number(check.abs_error, 3),
            number(check.rel_error, 3),
            f"[{colour}]{check.status}[/{colour}]",
        )
    console.print(table)
    thresholds = result.thresholds
    colour = STATUS_COLOURS[result.verdict]
    console.print(
        f"verdict: [{colour}]{result.verdict.upper()}[/{colour}] (max relative error {number(result.max_rel_error)}; "
        f"{result.dtype}: <= {thresholds.correct:g} correct, > {thresholds.wrong:g} wrong)"
    )
    for note in result.notes:
        console.print(f"note: {note}")
    if sweep is not None and not ((sweep.forward_error > 0).any() or (sweep.central_error > 0).any()):
        console.print("h sweep: every difference is exactly 0 here, so there is no error to plot against h.")
    elif sweep is not None:
        print_sweep(console, sweep)
        console.print(
            f"smallest error: forward at h = {sweep.best_h_forward:.1e} (theory {sweep.theory_h_forward:.1e}), "
            f"central at h = {sweep.best_h_central:.1e} (theory {sweep.theory_h_central:.1e})"
        )
        console.print(f"measured: {sweep.measured}")


def print_sweep(console: Console, sweep: HSweep, height: int = 18) -> None:
    """Figure 5: log10 of each method's error against log10 h; rounding wins on the left."""
    plt.clear_figure()
    plt.title(f"finite-difference error against h ({sweep.loss}, {sweep.dtype})")
    log_h = np.log10(sweep.h)
    methods = (("forward (Eq. 26)", sweep.forward_error), ("central (Eq. 27)", sweep.central_error))
    for (label, error), marker, color in zip(methods, series_markers(console, len(methods)), series_colors(len(methods))):
        shown = error > 0
        plt.plot(log_h[shown].tolist(), np.log10(error[shown]).tolist(), label=label, marker=marker, color=color)
    plt.xlabel("log10 h")
    plt.ylabel("log10 relative error")
    print_plot(console, plot_width(console), height)
