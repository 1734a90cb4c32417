"""`tui-clf train`: train headless, report a summary and curves, save the model and the history."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Annotated, Optional

import typer

from engine.model_file import save_model
from engine.pipeline import make_trainer, model_of
from tui_clf.cli import options as opt
from tui_clf.cli.exit_codes import ExitCode
from tui_clf.cli.failures import fail, reports_failures
from tui_clf.cli.history_csv import write_history
from tui_clf.cli.output import print_json
from tui_clf.cli.progress import train_to_end
from tui_clf.cli.train_report import show_train_summary, train_summary

Save = Annotated[
    Optional[Path],
    typer.Option("--save", help="Write the trained model here (.npz, atomic, no pickle).", show_default="none", rich_help_panel=opt.OUTPUT),
]
History = Annotated[
    Optional[Path],
    typer.Option("--history", help="Write every step's record here as CSV.", show_default="none", rich_help_panel=opt.OUTPUT),
]


@reports_failures
def train(
    data: opt.Data = None,
    target: opt.Target = None,
    val_split: opt.ValSplit = None,
    standardize: opt.Standardize = None,
    positive_class: opt.PositiveClass = None,
    loss: opt.Loss = None,
    lr: opt.Lr = None,
    epochs: opt.Epochs = None,
    batch_size: opt.BatchSize = None,
    optimizer: opt.Optimizer = None,
    l2: opt.L2 = None,
    seed: opt.Seed = None,
    momentum: opt.Momentum = None,
    nesterov: opt.Nesterov = None,
    tol: opt.Tol = None,
    patience: opt.Patience = None,
    dtype: opt.Dtype = None,
    config: opt.ConfigFile = None,
    save: Save = None,
    history: History = None,
    json_output: opt.Json = False,
) -> None:
    """Train a linear classifier headless: progress on stderr, then a summary and the curves."""
    run_config = opt.run_config(locals())
    dataset = run_config.load()
    prepared = run_config.prepare(dataset)
    trainer = make_trainer(prepared, run_config.training)
    for note in trainer.notes:
        print(f"tui-clf: note: {note}", file=sys.stderr)

    started = time.perf_counter()
    run = train_to_end(trainer)
    seconds = time.perf_counter() - started

    if save is not None:
        save_model(model_of(trainer, prepared), save)
    if history is not None:
        write_history(history, run.records)
    summary = train_summary(
        run_config,
        prepared.train.name,
        trainer.evaluate(),
        run.records,
        trainer.epochs_done,
        seconds,
        run.interrupted,
        str(save) if save else None,
        str(history) if history else None,
    )
    if json_output:
        print_json(summary)
    else:
        show_train_summary(summary, run.records)

    if run.interrupted:
        kept = f"; saved the last good model to {save}" if save else ""
        raise fail(f"interrupted at step {trainer.steps}{kept}", ExitCode.INTERRUPTED)
    if summary["diverged"]:
        raise fail(summary["message"], ExitCode.DIVERGED)
