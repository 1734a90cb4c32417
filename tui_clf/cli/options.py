"""The command-line options shared by several commands, with their help text.

Training and data options default to None, meaning "not given": the value then comes from
--config or from RunConfig's defaults, so a config file can set what the command line omits.
--help shows those defaults through `show_default` (typer writes a described default in
parentheses: `[default: (0.1)]`); a "[default: ...]" inside the help text itself would be
taken for rich markup and vanish. Names to choose from are Enums, so --help lists them and
shell completion offers them; --data completes to dataset names and data files (completion.py).
"""

from __future__ import annotations

from enum import Enum, StrEnum
from pathlib import Path
from typing import Annotated, Optional

import typer

from engine import LOSSES
from engine.errors import ConfigError
from engine.learning_rate import parse_learning_rate
from engine.optim import OPTIMIZERS
from engine.schedules import SCHEDULES
from engine.train_config import DTYPES
from tui_clf.cli.completion import complete_data
from tui_clf.config import DATA_KEYS, TRAIN_KEYS, RunConfig

DATA = "Data"
TRAINING = "Training"
OUTPUT = "Output"

LossName = StrEnum("LossName", {name: name for name in LOSSES})
OptimizerName = StrEnum("OptimizerName", {name: name for name in OPTIMIZERS})
DtypeName = StrEnum("DtypeName", {name: name for name in DTYPES})
ScheduleName = StrEnum("ScheduleName", {name: name for name in SCHEDULES})

DEFAULTS = RunConfig().as_dict()  # what an option left out means, unless --config sets it


def default(key: str) -> str:
    """RunConfig's default for `key` as --help shows it (typer puts it in brackets)."""
    return str(DEFAULTS[key])


Data = Annotated[
    Optional[str],
    typer.Option("--data", "-d", help="A bundled dataset name (see `tui-clf datasets`) or a file: .csv, .csv.gz, svmlight, .npz, .parquet, .feather, .arrow.", show_default=default("data"), rich_help_panel=DATA, autocompletion=complete_data),
]
Target = Annotated[
    Optional[str],
    typer.Option("--target", help="The label column of a CSV, Parquet or Arrow file: its name or 0-based index.", show_default="last column", rich_help_panel=DATA),
]
ValSplit = Annotated[
    Optional[float],
    typer.Option("--val-split", min=0.0, max=0.99, help="Fraction held out for validation, stratified and seeded.", show_default=default("val_split"), rich_help_panel=DATA),
]
Standardize = Annotated[
    Optional[bool],
    typer.Option(
        "--standardize/--no-standardize", help="Standardise features with the training part's mean and std.",
        show_default="standardize" if DEFAULTS["standardize"] else "no-standardize", rich_help_panel=DATA,
    ),
]
PositiveClass = Annotated[
    Optional[str],
    typer.Option("--positive-class", help="Train a binary loss one-vs-rest: this class against all others.", show_default="none, the data's classes", rich_help_panel=DATA),
]
Stream = Annotated[
    Optional[bool],
    typer.Option(
        "--stream/--in-memory",
        help="Read the data from disk chunk by chunk for every pass (.npy, .csv, .csv.gz, .parquet), in flat memory, "
        "or load it whole. Left out: stream files larger than --stream-above, and .npy files always.",
        show_default="by size", rich_help_panel=DATA,
    ),
]
StreamAbove = Annotated[
    Optional[str],
    typer.Option("--stream-above", metavar="SIZE", help="Stream a data file larger than this (bytes, or 512M, 8G, 1.5GiB) unless --stream or --in-memory says.", show_default="the memory cap, TUI_CLF_MAX_BYTES or 2GiB", rich_help_panel=DATA),
]
Cluster = Annotated[
    Optional[str],
    typer.Option(
        "--cluster", metavar="local|ADDRESS",
        help="Train on a Dask cluster (extra tui-clf[dask]): `local` starts workers on this machine, tcp://host:8786 joins a running scheduler. Reads .parquet, .csv or .npy.",
        show_default="none, in memory", rich_help_panel=DATA,
    ),
]
Loss = Annotated[
    Optional[LossName],
    typer.Option(
        "--loss", "-l", metavar="NAME", help=f"The loss to minimise: {', '.join(LossName)} (`tui-clf losses` draws them).",
        show_default=default("loss"), rich_help_panel=TRAINING,
    ),
]


def learning_rate(text: str) -> float | str:
    """--lr's value: auto or a positive number (a usage error, exit 2, otherwise)."""
    try:
        return parse_learning_rate(text)
    except ConfigError as error:
        raise typer.BadParameter(str(error)) from None


Lr = Annotated[
    Optional[str],
    typer.Option(
        "--lr", metavar="auto|NUMBER", parser=learning_rate,
        help="Learning rate, or auto: 1/L from the data's curvature for gd and momentum (2/L is where gradient descent "
        "starts to diverge), a safe constant from L and the batch size for minibatches, 1/L of the smoothed hinge for "
        "hinge, 1/(1 + l2) for zero-one (its gradient is 0: any rate), 0.01 for adam.",
        show_default=default("lr"), rich_help_panel=TRAINING,
    ),
]
Schedule = Annotated[
    Optional[ScheduleName],
    typer.Option(
        "--schedule", help="How the learning rate changes with the epoch e: constant; inverse-time lr/(1 + decay·e); "
        "cosine from lr to 0 over the epochs; step: times the step factor every k epochs (for minibatch SGD).",
        show_default=default("schedule"), rich_help_panel=TRAINING,
    ),
]
Decay = Annotated[Optional[float], typer.Option("--decay", min=0.0, help="Decay per epoch of the inverse-time schedule.", show_default=default("decay"), rich_help_panel=TRAINING)]
StepEvery = Annotated[Optional[int], typer.Option("--step-every", min=1, help="Epochs k between the drops of the step schedule.", show_default=default("step_every"), rich_help_panel=TRAINING)]
StepFactor = Annotated[
    Optional[float], typer.Option("--step-factor", help="What the step schedule multiplies the rate by, in (0, 1].", show_default=default("step_factor"), rich_help_panel=TRAINING)
]
Epochs = Annotated[Optional[int], typer.Option("--epochs", help="Passes over the training data.", show_default=default("epochs"), rich_help_panel=TRAINING)]
BatchSize = Annotated[
    Optional[int],
    typer.Option("--batch-size", help="Rows per step (minibatch SGD).", show_default="full batch", rich_help_panel=TRAINING),
]
Optimizer = Annotated[
    Optional[OptimizerName],
    typer.Option("--optimizer", help="How each step moves the weights.", show_default=default("optimizer"), rich_help_panel=TRAINING),
]
L2 = Annotated[Optional[float], typer.Option("--l2", help="L2 penalty (l2/2)·||W||²; the bias is not penalised.", show_default=default("l2"), rich_help_panel=TRAINING)]
Seed = Annotated[Optional[int], typer.Option("--seed", help="Seed of the initial weights, the split and the shuffling.", show_default=default("seed"), rich_help_panel=TRAINING)]
Momentum = Annotated[Optional[float], typer.Option("--momentum", help="Momentum coefficient for --optimizer momentum.", show_default=default("momentum"), rich_help_panel=TRAINING)]
Nesterov = Annotated[
    Optional[bool],
    typer.Option(
        "--nesterov/--heavy-ball", help="Nesterov or heavy-ball momentum.",
        show_default="nesterov" if DEFAULTS["nesterov"] else "heavy-ball", rich_help_panel=TRAINING,
    ),
]
Tol = Annotated[
    Optional[float],
    typer.Option("--tol", help="Stop when the gradient norm (full batch) or the epoch cost change (minibatch) falls below this; 0 is off.", show_default=default("tol"), rich_help_panel=TRAINING),
]
Patience = Annotated[
    Optional[int],
    typer.Option("--patience", help="Early stopping: validation evaluations without improvement before stopping.", show_default="off", rich_help_panel=TRAINING),
]
Dtype = Annotated[Optional[DtypeName], typer.Option("--dtype", help="Floating-point precision of the data and the weights.", show_default=default("dtype"), rich_help_panel=TRAINING)]
Threads = Annotated[
    Optional[int],
    typer.Option("--threads", min=1, help="Threads that share each pass over large data; 1 runs it on one.", show_default=default("threads"), rich_help_panel=TRAINING),
]
ConfigFile = Annotated[
    Optional[Path],
    typer.Option("--config", help="A TOML file whose keys are these options' names; options given here override it.", show_default="none", rich_help_panel=TRAINING),
]
Json = Annotated[bool, typer.Option("--json", help="Print exactly one JSON object on stdout and nothing else there.", rich_help_panel=OUTPUT)]


def run_config(options: dict[str, object], defaults: dict[str, object] | None = None) -> RunConfig:
    """The RunConfig a command's options describe: `options` holds them by name (run_options.py).

    Only the data and training options are read (and `config`, the TOML file).
    `defaults`: the command's own defaults, which a config file and the options override.
    """
    settings = {key: _plain(value) for key, value in options.items() if key in DATA_KEYS + TRAIN_KEYS}
    return RunConfig.from_sources(options.get("config"), defaults=defaults, **settings)


def _plain(value: object) -> object:
    # A choice arrives as its Enum member; the config and the engine speak the names.
    return value.value if isinstance(value, Enum) else value
