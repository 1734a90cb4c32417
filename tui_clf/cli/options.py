"""The command-line options shared by several commands, with their help text.

Training and data options default to None, meaning "not given": the value then comes from
--config or from RunConfig's defaults, so a config file can set what the command line omits.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from engine import LOSSES
from engine.optim import OPTIMIZERS
from engine.train_config import DTYPES
from tui_clf.config import DATA_KEYS, TRAIN_KEYS, RunConfig

DATA = "Data"
TRAINING = "Training"
OUTPUT = "Output"

Data = Annotated[
    Optional[str],
    typer.Option("--data", "-d", help="A bundled dataset name (see `tui-clf datasets`) or a file: .csv, .csv.gz, svmlight, .npz.", rich_help_panel=DATA),
]
Target = Annotated[
    Optional[str],
    typer.Option("--target", help="The label column of a CSV: its name or 0-based index. [default: last column]", rich_help_panel=DATA),
]
ValSplit = Annotated[
    Optional[float],
    typer.Option("--val-split", min=0.0, max=0.99, help="Fraction held out for validation, stratified and seeded. [default: 0.2]", rich_help_panel=DATA),
]
Standardize = Annotated[
    Optional[bool],
    typer.Option("--standardize/--no-standardize", help="Standardise features with the training part's mean and std. [default: standardize]", rich_help_panel=DATA),
]
PositiveClass = Annotated[
    Optional[str],
    typer.Option("--positive-class", help="Train a binary loss one-vs-rest: this class against all others.", rich_help_panel=DATA),
]
Loss = Annotated[
    Optional[str],
    typer.Option("--loss", "-l", help=f"One of: {', '.join(LOSSES)}. [default: cross-entropy]", rich_help_panel=TRAINING),
]
Lr = Annotated[Optional[float], typer.Option("--lr", help="Learning rate. [default: 0.1]", rich_help_panel=TRAINING)]
Epochs = Annotated[Optional[int], typer.Option("--epochs", help="Passes over the training data. [default: 100]", rich_help_panel=TRAINING)]
BatchSize = Annotated[
    Optional[int],
    typer.Option("--batch-size", help="Rows per step (minibatch SGD). [default: full batch]", rich_help_panel=TRAINING),
]
Optimizer = Annotated[
    Optional[str],
    typer.Option("--optimizer", help=f"One of: {', '.join(OPTIMIZERS)}. [default: gd]", rich_help_panel=TRAINING),
]
L2 = Annotated[Optional[float], typer.Option("--l2", help="L2 penalty (l2/2)·||W||²; the bias is not penalised. [default: 0]", rich_help_panel=TRAINING)]
Seed = Annotated[Optional[int], typer.Option("--seed", help="Seed of the initial weights, the split and the shuffling. [default: 0]", rich_help_panel=TRAINING)]
Momentum = Annotated[Optional[float], typer.Option("--momentum", help="Momentum coefficient for --optimizer momentum. [default: 0.9]", rich_help_panel=TRAINING)]
Nesterov = Annotated[Optional[bool], typer.Option("--nesterov/--heavy-ball", help="Nesterov or heavy-ball momentum. [default: heavy-ball]", rich_help_panel=TRAINING)]
Tol = Annotated[
    Optional[float],
    typer.Option("--tol", help="Stop when the gradient norm (full batch) or the epoch cost change (minibatch) falls below this. [default: 0, off]", rich_help_panel=TRAINING),
]
Patience = Annotated[
    Optional[int],
    typer.Option("--patience", help="Early stopping: validation evaluations without improvement before stopping. [default: off]", rich_help_panel=TRAINING),
]
Dtype = Annotated[Optional[str], typer.Option("--dtype", help=f"One of: {', '.join(DTYPES)}. [default: float64]", rich_help_panel=TRAINING)]
ConfigFile = Annotated[
    Optional[Path],
    typer.Option("--config", help="A TOML file whose keys are these options' names; options given here override it.", rich_help_panel=TRAINING),
]
Json = Annotated[bool, typer.Option("--json", help="Print exactly one JSON object on stdout and nothing else there.", rich_help_panel=OUTPUT)]


def run_config(options: dict[str, object]) -> RunConfig:
    """The RunConfig a command's options describe: `options` is the command's locals().

    Only the data and training options are read (and `config`, the TOML file), so a command
    that declares some of the options above passes them on by name without repeating them.
    """
    settings = {key: value for key, value in options.items() if key in DATA_KEYS + TRAIN_KEYS}
    return RunConfig.from_sources(options.get("config"), **settings)
