"""`tui-clf train`: train headless, report a summary and curves, save the model and the history."""

from __future__ import annotations

import sys
import time
from contextlib import ExitStack
from pathlib import Path
from enum import StrEnum
from typing import Annotated, Any, Optional

import typer

from engine.atomic import check_writable
from engine.errors import ConfigError, ModelFileError
from engine.model_file import save_model
from engine.pipeline import model_of
from engine.train_config import TrainConfig
from tui_clf.cli import options as opt
from tui_clf.cli.run_options import with_run_options
from tui_clf.cli.exit_codes import ExitCode
from tui_clf.cli.failures import fail, reports_failures
from tui_clf.cli.history_csv import HistoryWriter
from tui_clf.cli.output import print_json
from tui_clf.cli.progress import solve_to_end, train_to_end
from tui_clf.cli.train_report import show_train_summary, train_summary
from tui_clf.open_run import open_run
from tui_clf.config import RunConfig
from tui_clf.signals import deferred
from tui_clf.views.bounded_curve import RunCurves

Save = Annotated[
    Optional[Path],
    typer.Option("--save", help="Write the trained model here (.npz, atomic, no pickle).", show_default="none", rich_help_panel=opt.OUTPUT),
]
History = Annotated[
    Optional[Path],
    typer.Option("--history", help="Write every step's record here as CSV.", show_default="none", rich_help_panel=opt.OUTPUT),
]



class Solver(StrEnum):
    ITERATIVE = "iterative"
    EXACT = "exact"


SolverOption = Annotated[
    Solver,
    typer.Option(
        "--solver", help="iterative: step with --optimizer; exact: solve squared error's normal equations at once (lecture 2.2), one step.",
        rich_help_panel=opt.TRAINING,
    ),
]


@reports_failures
@with_run_options()
def train(
    save: Save = None,
    history: History = None,
    json_output: opt.Json = False,
    solver: SolverOption = Solver.ITERATIVE,
    *,
    run_options: dict[str, Any],
) -> None:
    """Train a linear classifier headless: progress on stderr, then a summary and the curves."""
    with ExitStack() as resources:  # a cluster the run opens is closed however the run ends
        _train(save, history, json_output, solver, opt.run_config(run_options), resources)


def _train(save: Path | None, history: Path | None, json_output: bool, solver: Solver, run_config: RunConfig, resources: ExitStack) -> None:
    if solver is Solver.EXACT:
        _check_exact(run_config.training)
    # Refuse an output that cannot be written before any training, so that no run is lost at its end.
    if save is not None:
        check_writable(save, ModelFileError)
    history_file = HistoryWriter(history) if history is not None else None
    try:
        # The loaded X is not needed once split: reusing it keeps one copy of the data in memory.
        opened = open_run(run_config, overwrite=True, resources=resources)
        prepared, trainer = opened.data, opened.trainer
        for note in trainer.notes:
            print(f"tui-clf: note: {note}", file=sys.stderr)
        # From here a signal stops only the training loop; anywhere else it waits until the files are whole.
        with deferred():
            started = time.perf_counter()
            curves = RunCurves()
            keep = curves.add if history_file is None else (lambda r: (curves.add(r), history_file.add(r)))
            keep(trainer.current_record())
            run = (solve_to_end if solver is Solver.EXACT else train_to_end)(trainer, keep)
            seconds = time.perf_counter() - started
            # The history and the curves end with the weights kept, measured as the summary measures them.
            final = trainer.final_record()
            curves.end_with(final)
            if save is not None:
                save_model(model_of(trainer, prepared), save)
            if history_file is not None:
                history_file.finish(final)
    except BaseException:
        if history_file is not None:
            history_file.discard()
        raise
    with deferred():
        summary = train_summary(
            run_config,
            prepared.train.name,
            trainer,
            run.stop,
            seconds,
            run.interrupted,
            str(save) if save else None,
            str(history) if history else None,
        )
        failure = None
        if run.interrupted:
            kept = f"; saved the last good model to {save}" if save else ""
            failure = (f"interrupted by {run.interrupted.what} at step {trainer.steps}{kept}", run.interrupted.exit_code)
        elif summary["diverged"]:
            failure = (summary["message"], ExitCode.DIVERGED)
        if json_output:
            print_json(summary | ({"error": failure[0], "exit_code": int(failure[1])} if failure else {}))
        else:
            optimum = trainer.least_squares_cost() if run_config.training.loss == "squared-error" else None
            show_train_summary(summary, curves, optimum)
    if failure:
        raise fail(*failure)


def _check_exact(training: TrainConfig) -> None:
    """The closed form exists for squared error on the whole training set only."""
    if training.loss != "squared-error":
        raise ConfigError(f"--solver exact solves squared-error in closed form (lecture 2.2), not {training.loss}; use --solver iterative")
    if training.batch_size is not None:
        raise ConfigError("--solver exact uses the whole training set: leave out --batch-size")
