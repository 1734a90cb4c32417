"""One call from a run's settings to a Trainer whose rows live on a Dask cluster.

The client (and a local cluster it started) belongs to `resources`: it stays up while the caller
trains and closes when the caller's ExitStack closes, however the run ends.
"""

from __future__ import annotations

from contextlib import ExitStack

from engine.cluster.connect import connected
from engine.cluster.open_rows import open_cluster_rows
from engine.pipeline import PreparedData
from engine.train_config import TrainConfig
from engine.trainer import Trainer


def trainer_on_cluster(
    resources: ExitStack,
    address: str,
    path: str,
    config: TrainConfig,
    *,
    target: str | int | None = None,
    val_split: float = 0.0,
    standardize: bool = True,
    positive_class: str | None = None,
) -> tuple[PreparedData, Trainer]:
    """(what engine.pipeline.model_of needs, a Trainer on the rows) for the file at `path` on `address`."""
    client = resources.enter_context(connected(address))
    data = open_cluster_rows(client, path, config, target=target, val_split=val_split, standardize=standardize, positive_class=positive_class)
    return data.prepared, Trainer.on_rows(data.rows, data.n_classes, config, data.val)
