"""The one place a run's data is opened, for `tui-clf train` and the app alike: a trainer, and the
data in memory that the views and the saved model need.

Rows in memory: the dataset is loaded, split and standardised (engine.pipeline) and the trainer
holds it all. Rows not in memory: a file read chunk by chunk for every pass (engine.streaming),
when --stream asks, when the file is larger than --stream-above (default: the memory cap, above
which loading it whole would be refused), and always for .npy files, which only stream; then
`dataset` and `data` hold a bounded sample of the training rows (engine.streaming.scan), which the
views draw, while the trainer reads the whole file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from engine.dataset import Dataset
from engine.errors import ConfigError
from engine.loaders.limits import memory_cap, parse_size
from engine.pipeline import PreparedData, make_trainer
from engine.streaming.open_stream import READERS, file_kind, open_streamed
from engine.trainer import Trainer
from tui_clf.config import RunConfig


@dataclass(frozen=True)
class OpenRun:
    """A trainer and the data in memory: all of it, or a bounded sample when `streamed`."""

    dataset: Dataset
    data: PreparedData
    trainer: Trainer
    streamed: bool


def open_run(config: RunConfig, *, overwrite: bool = False) -> OpenRun:
    """The trainer and the data of `config`; overwrite: the loaded X may be reused (engine.pipeline.prepare)."""
    if streams(config):  # rows not in memory: the trainer reads the file for every pass
        run = open_streamed(
            config.data,
            config.training,
            target=config.target,
            val_split=config.val_split,
            standardize=config.standardize,
            positive_class=config.positive_class,
        )
        return OpenRun(run.sample, run.prepared, run.trainer, streamed=True)
    dataset = config.load()
    data = config.prepare(dataset, overwrite=overwrite)
    return OpenRun(dataset, data, make_trainer(data, config.training), streamed=False)


def streams(config: RunConfig) -> bool:
    """Whether `config`'s data is streamed from disk rather than loaded whole."""
    kind = file_kind(config.data)
    if config.stream and kind is None:
        raise ConfigError(f"--stream reads {', '.join(READERS)} files; {config.data!r} is none of them")
    if config.stream is not None or kind is None:
        return bool(config.stream)
    return kind == ".npy" or (os.path.isfile(config.data) and os.path.getsize(config.data) > stream_above(config))


def stream_above(config: RunConfig) -> int:
    """The file size in bytes above which a streamable file streams by itself."""
    if config.stream_above is None:
        return memory_cap()
    size = parse_size(str(config.stream_above))
    if size is None:
        raise ConfigError(f"--stream-above {config.stream_above!r} is not a size: write bytes, or 512M, 8G, 1.5GiB")
    return size
