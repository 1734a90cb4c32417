"""The one place a run's data is opened, for `tui-clf train` and the app alike: a trainer, and the
data in memory that the views and the saved model need.

Rows on a Dask cluster (--cluster, engine.cluster): the trainer sums the partitions' passes, and
`dataset` and `data` hold a bounded sample of the training rows.
Rows in memory: the dataset is loaded, split and standardised (engine.pipeline) and the trainer
holds it all. Rows not in memory: a file read chunk by chunk for every pass (engine.streaming),
when --stream asks, when the file is larger than --stream-above (default: the memory cap, above
which loading it whole would be refused), and always for .npy files, which only stream; then
`dataset` and `data` hold a bounded sample of the training rows (engine.streaming.scan), which the
views draw, while the trainer reads the whole file.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass

from engine.dataset import Dataset
from engine.errors import ConfigError
from engine.loaders.limits import memory_cap, parse_size
from engine.pipeline import PreparedData, make_trainer
from engine.streaming.open_stream import READERS, file_kind, scan_file, streamed_run
from engine.trainer import Trainer
from tui_clf.config import RunConfig


@dataclass(frozen=True)
class OpenRun:
    """The config in force (after `fit`), a trainer and the data in memory: all of it, or a bounded
    sample when `streamed`."""

    config: RunConfig
    dataset: Dataset
    data: PreparedData
    trainer: Trainer
    streamed: bool


def open_run(
    config: RunConfig,
    *,
    dataset: Dataset | None = None,
    fit: Callable[[RunConfig, Dataset], RunConfig] | None = None,
    overwrite: bool = False,
    resources: ExitStack | None = None,
) -> OpenRun:
    """The trainer and the data of `config`.

    dataset: the data already in memory for `config` (not loaded again). fit(config, dataset):
    settings decided from the data before the trainer is made (the app's one-vs-rest), given the
    whole dataset or the streamed file's sample. overwrite: the loaded X may be reused
    (engine.pipeline.prepare). resources: owns a Dask client (and the local cluster it started) for
    `config.cluster`, closed when the caller closes it.
    """
    if config.cluster:  # rows on a Dask cluster: the trainer sums the partitions' passes
        return _on_cluster(config, resources)
    if dataset is None and streams(config):  # rows not in memory: the trainer reads the file for every pass
        scanned = scan_file(config.data, target=config.target, val_split=config.val_split, seed=config.training.seed)
        config = fit(config, scanned.sample) if fit is not None else config
        run = streamed_run(scanned, config.training, standardize=config.standardize, positive_class=config.positive_class)
        return OpenRun(config, run.sample, run.prepared, run.trainer, streamed=True)
    dataset = config.load() if dataset is None else dataset
    config = fit(config, dataset) if fit is not None else config
    data = config.prepare(dataset, overwrite=overwrite)
    return OpenRun(config, dataset, data, make_trainer(data, config.training), streamed=False)


def _on_cluster(config: RunConfig, resources: ExitStack | None) -> OpenRun:
    """A trainer on rows a Dask cluster holds; `dataset` and `data` hold a bounded sample of them."""
    if resources is None:
        raise ConfigError("--cluster needs a place to keep the cluster open; this command cannot train on one")
    try:
        from engine.cluster.session import trainer_on_cluster  # Dask loads only for a cluster run
    except ImportError:
        raise ConfigError("--cluster needs Dask, which is not installed: pip install 'tui-clf[dask]'") from None
    data, trainer = trainer_on_cluster(
        resources,
        config.cluster,
        config.data,
        config.training,
        target=config.target,
        val_split=config.val_split,
        standardize=config.standardize,
        positive_class=config.positive_class,
    )
    return OpenRun(config, data.train, data, trainer, streamed=True)


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
