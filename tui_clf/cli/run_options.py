"""The run options shared by train, tui, compare, serve, gradcheck and convexity, declared once.

`@with_run_options()` adds them to a command's signature, so typer offers them (with their
help, panels and completion from options.py) exactly as if each command had listed them; the
command receives them gathered in one argument, `run_options` (name -> value, None where left
out), which `options.run_config` turns into a RunConfig. A command that declares some of them
its own way (compare's repeatable --loss) leaves those out with `without`.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any

import typer

from tui_clf.cli import options as opt

RUN_OPTIONS: dict[str, Any] = {
    "data": opt.Data,
    "target": opt.Target,
    "val_split": opt.ValSplit,
    "standardize": opt.Standardize,
    "positive_class": opt.PositiveClass,
    "stream": opt.Stream,
    "stream_above": opt.StreamAbove,
    "cluster": opt.Cluster,
    "loss": opt.Loss,
    "lr": opt.Lr,
    "schedule": opt.Schedule,
    "decay": opt.Decay,
    "step_every": opt.StepEvery,
    "step_factor": opt.StepFactor,
    "epochs": opt.Epochs,
    "batch_size": opt.BatchSize,
    "optimizer": opt.Optimizer,
    "l2": opt.L2,
    "seed": opt.Seed,
    "momentum": opt.Momentum,
    "nesterov": opt.Nesterov,
    "tol": opt.Tol,
    "patience": opt.Patience,
    "dtype": opt.Dtype,
    "threads": opt.Threads,
    "config": opt.ConfigFile,
}


# Options that keep the rows out of memory (a streamed file, a Dask cluster): only the commands
# that train through tui_clf.open_run (train, tui, serve) honour them.
ROWS_ELSEWHERE_OPTIONS = ("stream", "stream_above", "cluster")


def with_run_options(*, without: tuple[str, ...] = ()) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Give the decorated command every run option but those in `without`, handed over as `run_options`."""
    shared = {name: annotation for name, annotation in RUN_OPTIONS.items() if name not in without}

    def decorate(command: Callable[..., None]) -> Callable[..., None]:
        own = inspect.signature(command, eval_str=True)
        params = [p for p in own.parameters.values() if p.name != "run_options"]
        context = [p for p in params if p.annotation is typer.Context]  # typer's context stays first
        added = [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=a) for name, a in shared.items()]
        rest = [p.replace(kind=inspect.Parameter.KEYWORD_ONLY) for p in params if p not in context]

        @functools.wraps(command)
        def with_options(*args: Any, **kwargs: Any) -> None:
            run_options = {name: kwargs.pop(name, None) for name in shared}
            return command(*args, run_options=run_options, **kwargs)

        signature = own.replace(parameters=[*context, *added, *rest])
        with_options.__signature__ = signature  # type: ignore[attr-defined]  # what typer reads
        with_options.__annotations__ = {p.name: p.annotation for p in signature.parameters.values()}
        return with_options

    return decorate
