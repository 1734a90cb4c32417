"""What `tui-clf train` reports: one summary, shown as JSON or as a table and two curves."""

from __future__ import annotations

from typing import Any

import plotext as plt
from rich.console import Console
from rich.table import Table

from engine.learning_rate import is_auto, stability_limit
from engine.records import Stop, StopKind
from engine.trainer import Trainer
from tui_clf.cli.output import finite_or_none, stdout_console
from tui_clf.cli.plots import plot_width, print_plot, series_colors, series_markers
from tui_clf.cli.step_axis import label_steps
from tui_clf.config import RunConfig
from tui_clf.signals import Interrupted
from tui_clf.views.bounded_curve import BoundedSeries, RunCurves
from tui_clf.views.decimate import decimate
from tui_clf.views.formatting import number
from tui_clf.views.learning_rate_note import learning_rate_note
from tui_clf.views.palette import RGB


def train_summary(
    config: RunConfig,
    dataset_name: str,
    trainer: Trainer,
    stop: Stop | None,
    seconds: float,
    interrupted: Interrupted | None,
    model_path: str | None,
    history_path: str | None,
) -> dict[str, Any]:
    """The keys of DESIGN.md section 3 and a few more, all about the weights the trainer holds.

    *_cost is J = mean loss + (l2/2)||W||^2, *_loss the mean loss alone; accuracies are 1 - error rate.
    lr is the base rate used (what `auto` chose, the schedule's lr0); lr_auto says how auto chose
    it (None for a given number); stability_limit is 2/L (None for hinge and zero-one).
    """
    evaluation = trainer.evaluate()
    training = config.training
    return {
        "dataset": dataset_name,
        "data": config.data,
        "loss": training.loss,
        "optimizer": training.optimizer,
        "lr": trainer.lr,
        "lr_auto": trainer.auto_rate.rule if is_auto(training.lr) else None,
        "stability_limit": stability_limit(trainer.lipschitz),
        "schedule": training.schedule,
        "epochs": trainer.epochs_done,
        "steps": trainer.steps,
        "batch_size": training.batch_size,
        "l2": training.l2,
        "seed": training.seed,
        "dtype": training.dtype,
        "seconds": round(seconds, 6),
        "train_cost": finite_or_none(evaluation.train_cost),
        "train_loss": finite_or_none(evaluation.train_loss),
        "train_accuracy": 1.0 - evaluation.train_error,
        "val_cost": finite_or_none(evaluation.val_cost),
        "val_loss": finite_or_none(evaluation.val_loss),
        "val_accuracy": None if evaluation.val_error is None else 1.0 - evaluation.val_error,
        "diverged": stop is not None and stop.kind is StopKind.DIVERGED,
        "stop": "interrupted" if interrupted else (stop.kind.value if stop else None),
        "message": f"interrupted by {interrupted.what}" if interrupted else (stop.message if stop else None),
        "model": model_path,
        "history": history_path,
    }


def show_train_summary(summary: dict[str, Any], curves: RunCurves, optimum: float | None = None) -> None:
    """A table of the summary and the cost and error curves, on stdout; `optimum`, the lowest cost
    reachable (squared error's exact solution), is drawn as a level line on the cost curve."""
    console = stdout_console()
    table = Table(title="tui-clf train", show_header=False)
    table.add_column("setting", style="bold")
    table.add_column("value")
    for key in ("dataset", "loss", "optimizer"):
        table.add_row(key, str(summary[key]))
    table.add_row("lr", learning_rate_note(summary["lr"], summary["lr_auto"], summary["stability_limit"], summary["schedule"], summary["optimizer"]))
    for key in ("epochs", "steps", "seconds", "stop"):
        table.add_row(key, str(summary[key]))
    table.add_row("train cost / accuracy", f"{number(summary['train_cost'])} / {summary['train_accuracy']:.4f}")
    if summary["val_accuracy"] is not None:
        table.add_row("val cost / accuracy", f"{number(summary['val_cost'])} / {summary['val_accuracy']:.4f}")
    if summary["l2"]:
        # With an L2 term the cost J and the mean loss differ; show both, named.
        val_loss = f" / val {number(summary['val_loss'])}" if summary["val_accuracy"] is not None else ""
        table.add_row("mean loss (no l2 term)", f"train {number(summary['train_loss'])}{val_loss}")
    for key in ("model", "history"):
        if summary[key]:
            table.add_row(key, summary[key])
    console.print(table)
    if summary["message"]:
        console.print(summary["message"])
    if len(curves.series["train_cost"]) >= 2:
        print_curves(console, curves, optimum=optimum)


def print_curves(console: Console, curves: RunCurves, height: int = 14, optimum: float | None = None) -> None:
    """Cost (left) and error rate (right) against the step, training and validation, and the optimum's cost."""
    width = plot_width(console)
    points = max(width // 2, 10)
    train, val, level = zip(series_markers(console, 3), series_colors(3))
    plt.clear_figure()
    plt.subplots(1, 2)
    for column, (train_key, val_key, title) in enumerate(
        [("train_cost", "val_cost", "cost"), ("train_error", "val_error", "error rate")], start=1
    ):
        plt.subplot(1, column)
        plt.title(title)
        plt.xlabel("step")
        if optimum is not None and train_key == "train_cost":  # first: plotext paints later series over earlier ones
            _level(curves.series[train_key], optimum, *level)
        ends = _line(curves.series[train_key], "train", points, *train) + _line(curves.series[val_key], "validation", points, *val)
        if ends:
            label_steps(min(ends), max(ends), width // 2)
    print_plot(console, width, height)


def _line(series: BoundedSeries, label: str, points: int, marker: str, color: RGB) -> tuple[float, ...]:
    """The series as a line; return the first and last step it draws (none if it is empty)."""
    x, y = series.points()
    if not len(x):
        return ()
    x, y = decimate(x, y, points)
    plt.plot(x.tolist(), y.tolist(), label=label, marker=marker, color=color)
    return float(x[0]), float(x[-1])


def _level(series: BoundedSeries, value: float, marker: str, color: RGB) -> None:
    """A level line at `value` across the steps of `series`: the exact optimum's cost."""
    x, _ = series.points()
    plt.plot([float(x[0]), float(x[-1])], [value, value], label="optimum", marker=marker, color=color)  # short: a legend wider than the plot is left out
