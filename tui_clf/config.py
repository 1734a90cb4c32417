"""One run configuration shared by the CLI's options, the app's form and TOML config files.

A TOML file uses the option names as keys (`batch-size = 32` or `batch_size = 32`);
options given on the command line override the file, which overrides the defaults.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from engine import DEFAULT_DATASET, Dataset, load_dataset
from engine.errors import ConfigError
from engine.pipeline import PreparedData, prepare
from engine.train_config import TrainConfig

TRAIN_KEYS = tuple(f.name for f in fields(TrainConfig))
DATA_KEYS = ("data", "target", "val_split", "standardize", "positive_class", "stream", "stream_above", "cluster")
NUMBER = (int, float)
KEY_TYPES: dict[str, type | tuple[type, ...]] = {
    "data": str,
    "target": (str, int),
    "val_split": NUMBER,
    "standardize": bool,
    "positive_class": str,
    "stream": bool,
    "stream_above": (str, int),
    "cluster": str,
    "loss": str,
    "optimizer": str,
    "lr": (int, float, str),  # a number or "auto", which TrainConfig checks
    "epochs": int,
    "batch_size": int,
    "l2": NUMBER,
    "seed": int,
    "momentum": NUMBER,
    "nesterov": bool,
    "tol": NUMBER,
    "patience": int,
    "dtype": str,
    "init_scale": NUMBER,
    "schedule": str,
    "decay": NUMBER,
    "step_every": int,
    "step_factor": NUMBER,
    "threads": int,
}


class ConfigFileError(Exception):
    """A config file that cannot be read or holds keys we do not know."""


@dataclass(frozen=True)
class RunConfig:
    """Where the data comes from, how it is prepared, and the training hyper-parameters."""

    data: str = DEFAULT_DATASET
    target: str | None = None
    val_split: float = 0.2
    standardize: bool = True
    positive_class: str | None = None
    stream: bool | None = None  # None: stream a file larger than stream_above (tui_clf/open_run.py)
    stream_above: str | int | None = None  # a size (2GiB, bytes); None: the memory cap
    # "local" or a Dask scheduler's address: train on the cluster (engine.cluster) instead of in memory.
    cluster: str | None = None
    training: TrainConfig = field(default_factory=TrainConfig)

    def __post_init__(self) -> None:
        if not 0 <= self.val_split < 1:
            raise ConfigError(f"the validation split must be in [0, 1), got {self.val_split}")

    @classmethod
    def from_sources(
        cls, file: str | os.PathLike | None = None, *, defaults: dict[str, Any] | None = None, **options: Any
    ) -> RunConfig:
        """The class's defaults, then a command's own `defaults`, then the TOML `file`, then every option that is not None."""
        values = dict(defaults or {})
        values.update(read_config_file(file) if file is not None else {})
        values.update({key: value for key, value in options.items() if value is not None})
        return cls().updated(**values)

    def updated(self, **values: Any) -> RunConfig:
        """A copy with some data or training settings changed (keys as in DATA_KEYS and TRAIN_KEYS)."""
        data = {key: values.pop(key) for key in DATA_KEYS if key in values}
        unknown = set(values) - set(TRAIN_KEYS)
        if unknown:
            raise ValueError(f"unknown settings: {', '.join(sorted(unknown))}")
        return replace(self, **data, training=replace(self.training, **values))

    def as_dict(self) -> dict[str, Any]:
        """Every setting by its key, as a config file or `--json` would show it."""
        out = {key: getattr(self, key) for key in DATA_KEYS}
        out.update({key: getattr(self.training, key) for key in TRAIN_KEYS})
        return out

    def load(self) -> Dataset:
        """The dataset this config names (a bundled name or a path)."""
        return load_dataset(self.data, target=self.target)

    def prepare(self, dataset: Dataset, *, overwrite: bool = False) -> PreparedData:
        """Split and standardise `dataset` as this config says, seeded by its seed.

        overwrite: `dataset` is not needed afterwards, so its memory is reused (engine.pipeline.prepare).
        """
        return prepare(
            dataset,
            val_split=self.val_split,
            standardize=self.standardize,
            seed=self.training.seed,
            positive_class=self.positive_class,
            overwrite=overwrite,
            dtype=self.training.dtype,
        )


def read_config_file(path: str | os.PathLike) -> dict[str, Any]:
    """The settings in a TOML file, keys normalised to DATA_KEYS / TRAIN_KEYS spelling."""
    path = Path(path)
    try:
        with path.open("rb") as f:
            raw = tomllib.load(f)
    except OSError as e:
        raise ConfigFileError(f"{path}: cannot read the config file: {e.strerror}") from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigFileError(f"{path}: not valid TOML: {e}") from None
    values = {key.replace("-", "_"): value for key, value in raw.items()}
    unknown = sorted(set(values) - set(DATA_KEYS) - set(TRAIN_KEYS))
    if unknown:
        known = ", ".join(k.replace("_", "-") for k in DATA_KEYS + TRAIN_KEYS)
        raise ConfigFileError(f"{path}: unknown key {unknown[0].replace('_', '-')!r}; the keys are: {known}")
    for key, value in values.items():
        # bool is an int to Python, but `epochs = true` is a mistake, not 1 epoch.
        if not isinstance(value, KEY_TYPES[key]) or (isinstance(value, bool) and KEY_TYPES[key] is not bool):
            raise ConfigFileError(f"{path}: {key.replace('_', '-')} = {value!r} has the wrong type")
    if isinstance(values.get("target"), int):
        values["target"] = str(values["target"])
    return values
