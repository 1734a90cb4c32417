"""`tui-clf train`: train headless, report a summary and curves, save the model and the history."""

from __future__ import annotations

import sys
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from engine.atomic import check_writable
from engine.errors import ModelFileError
from engine.model_file import save_model
from engine.pipeline import PreparedData, make_trainer, model_of
from engine.trainer import Trainer
from tui_clf.cli import options as opt
from tui_clf.cli.run_options import with_run_options
from tui_clf.cli.exit_codes import ExitCode
from tui_clf.cli.failures import fail, reports_failures
from tui_clf.cli.history_csv import HistoryWriter
from tui_clf.cli.output import print_json
from tui_clf.cli.progress import train_to_end
from tui_clf.cli.train_report import show_train_summary, train_summary
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


@reports_failures
@with_run_options()
def train(
    save: Save = None,
    history: History = None,
    json_output: opt.Json = False,
    *,
    run_options: dict[str, Any],
) -> None:
    """Train a linear classifier headless: progress on stderr, then a summary and the curves."""
    with ExitStack() as resources:  # a cluster the run opens is closed however the run ends
        _train(save, history, json_output, opt.run_config(run_options), resources)


def _train(save: Path | None, history: Path | None, json_output: bool, run_config: RunConfig, resources: ExitStack) -> None:
    # Refuse an output that cannot be written before any training, so that no run is lost at its end.
    if save is not None:
        check_writable(save, ModelFileError)
    history_file = HistoryWriter(history) if history is not None else None
    try:
        if run_config.cluster:
            prepared, trainer = _trainer_on_cluster(run_config, resources)
        else:
            # The loaded X is not needed once split: reusing it keeps one copy of the data in memory.
            prepared = run_config.prepare(run_config.load(), overwrite=True)
            trainer = make_trainer(prepared, run_config.training)
        for note in trainer.notes:
            print(f"tui-clf: note: {note}", file=sys.stderr)
        # From here a signal stops only the training loop; anywhere else it waits until the files are whole.
        with deferred():
            started = time.perf_counter()
            curves = RunCurves()
            keep = curves.add if history_file is None else (lambda r: (curves.add(r), history_file.add(r)))
            keep(trainer.current_record())
            run = train_to_end(trainer, keep)
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
            show_train_summary(summary, curves)
    if failure:
        raise fail(*failure)


def _trainer_on_cluster(run_config: RunConfig, resources: ExitStack) -> tuple[PreparedData, Trainer]:
    """The prepared data's metadata and a Trainer on rows kept by the Dask cluster `run_config.cluster`."""
    try:
        from engine.cluster.session import trainer_on_cluster
    except ImportError:
        raise fail("--cluster needs Dask, which is not installed: pip install 'tui-clf[dask]'", ExitCode.USAGE) from None
    return trainer_on_cluster(
        resources,
        run_config.cluster,
        run_config.data,
        run_config.training,
        target=run_config.target,
        val_split=run_config.val_split,
        standardize=run_config.standardize,
        positive_class=run_config.positive_class,
    )
