"""`tui-clf compare`: several losses trained in lock step from the same start, on the same data.

Defaults: the six binary losses, 300 epochs (squared error is at its least-squares optimum long
before; cross-entropy and hinge need about that many to end, rather than pass through, their
descent on blobs-outliers), and a target error of 10%. A loss that diverges or stalls is a
result of the comparison, not a failure: the exit code is 0 unless the input is bad.
"""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from engine.compare import COMPARE_EPOCHS, COMPARE_TARGET_ERROR, Contender, LockStep, trainable_losses
from tui_clf.views.bounded_curve import RunCurves
from tui_clf.cli import options as opt
from tui_clf.cli.run_options import ROWS_ELSEWHERE_OPTIONS, with_run_options
from tui_clf.cli.compare_history import CompareHistory
from tui_clf.cli.compare_report import compare_summary, show_compare
from tui_clf.cli.failures import fail, reports_failures
from tui_clf.cli.learning_rates import learning_rates
from tui_clf.cli.output import print_json, stdout_console
from tui_clf.cli.race_progress import race_to_end
from tui_clf.signals import deferred

COMPARE_DEFAULTS = {"epochs": COMPARE_EPOCHS}

Losses = Annotated[
    Optional[list[opt.LossName]],
    typer.Option("--loss", "-l", metavar="NAME", help=f"A loss to train, one of: {', '.join(opt.LossName)}; repeat for several.", show_default="the six binary losses (those the optimizer can train)", rich_help_panel=opt.TRAINING),
]
LearningRates = Annotated[
    Optional[list[str]],
    typer.Option(
        "--lr", metavar="[LOSS=]NUMBER", help="Learning rate: NUMBER for every loss, or LOSS=NUMBER for one; repeat to mix (--lr 0.1 --lr squared-error=0.05).",
        show_default=opt.default("lr"), rich_help_panel=opt.TRAINING,
    ),
]
Epochs = Annotated[
    Optional[int],
    typer.Option("--epochs", help="Passes over the training data, the same for every loss.", show_default=str(COMPARE_DEFAULTS["epochs"]), rich_help_panel=opt.TRAINING),
]
TargetError = Annotated[
    float,
    typer.Option("--target-error", min=0.0, max=1.0, help="Count each loss's steps until its training error is at most this fraction.", rich_help_panel=opt.TRAINING),
]
History = Annotated[
    Optional[Path],
    typer.Option("--history", help="Write every step's cost and error of every loss here as CSV (a column each).", show_default="none", rich_help_panel=opt.OUTPUT),
]


@reports_failures
@with_run_options(without=('loss', 'lr', 'epochs', *ROWS_ELSEWHERE_OPTIONS))
def compare(
    losses: Losses = None,
    lr_specs: LearningRates = None,
    epochs: Epochs = None,
    target_error: TargetError = COMPARE_TARGET_ERROR,
    history: History = None,
    json_output: opt.Json = False,
    *,
    run_options: dict[str, Any],
) -> None:
    """Train several losses side by side from the same initial weights, split and batches, one step each in turn."""
    run_config = opt.run_config({**run_options, "epochs": epochs}, defaults=COMPARE_DEFAULTS)
    names = [name.value for name in losses] if losses else list(trainable_losses(run_config.training.optimizer))
    rates = learning_rates(lr_specs or [], names, run_config.training.lr)
    history_file = CompareHistory(history, names) if history is not None else None
    try:
        prepared = run_config.prepare(run_config.load(), overwrite=True)
        race = LockStep(prepared, run_config.training, [Contender(name, rates[name]) for name in names], target_error)
        curves = {name: RunCurves() for name in names}
        first_costs = {name: record.train_cost for name, record in race.initial_records.items()}

        def keep(records) -> None:
            for name, record in records.items():
                curves[name].add(record)
            if history_file is not None:
                history_file.add(race.steps, records)

        # From here a signal stops only the race; anywhere else it waits until the files are whole.
        with deferred():
            started = time.perf_counter()
            keep(race.initial_records)
            interrupted = race_to_end(race, keep)
            seconds = time.perf_counter() - started
            finals = race.final_records()
            for name, final in finals.items():
                curves[name].end_with(final)
                # A loss that stopped early holds these weights to the end of the race: drawn flat there.
                if final.step < race.steps:
                    curves[name].add(replace(final, step=race.steps))
            if history_file is not None:
                history_file.finish(race.steps, finals)
    except BaseException:
        if history_file is not None:
            history_file.discard()
        raise
    with deferred():
        summary = compare_summary(prepared.train.name, race, finals, seconds, interrupted is not None)
        failure = None
        if interrupted is not None:
            failure = (f"interrupted by {interrupted.what} at step {race.steps}", interrupted.exit_code)
        if json_output:
            print_json(summary | ({"error": failure[0], "exit_code": int(failure[1])} if failure else {}))
        else:
            show_compare(stdout_console(), summary, curves, first_costs)
    if failure:
        raise fail(*failure)
