"""open_cluster_rows: a data file on a Dask cluster, prepared as the in-memory pipeline prepares it.

1. Read each partition on the workers (engine.cluster.reading); count its rows and labels.
2. Classes from every label seen, named and ordered as the in-memory loaders name them
   (engine.loaders.labels.encode_labels); one-vs-rest if a positive class is given.
3. The validation split: engine.row_split's hash of the global row index and the seed (so a
   cluster run and a streamed run split alike; unlike the in-memory split it is not stratified).
4. Standardisation statistics of the training rows in two passes on the cluster, column sums
   then squared deviations from the mean, as engine.column_stats computes them in memory.
5. Training and validation partitions standardised, cast to the run's dtype and kept in the
   workers' memory: a DaskRows for each.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import dask
import numpy as np
from distributed import Client

from engine.cluster.blocks import BlockFacts, Split, block_facts, column_sums, prepared_block, squared_deviations
from engine.cluster.dask_rows import DaskRows
from engine.cluster.reading import partitioned_file
from engine.dataset import Dataset, Standardizer
from engine.errors import DataError
from engine.loaders.labels import encode_labels
from engine.pipeline import PreparedData
from engine.train_config import TrainConfig

# Rows of the training data copied to the client, for views that need points (a boundary plot).
SAMPLE_ROWS = 2000


@dataclass(frozen=True)
class ClusterData:
    """Training (and validation) rows on a cluster, with what a model and the views need in memory.

    `prepared.train` is a sample of at most SAMPLE_ROWS standardised training rows that carries
    the dataset's name, classes and feature names; `prepared.standardizer` is the whole training
    part's, so engine.pipeline.model_of(trainer, prepared) saves a model like any other.
    """

    rows: DaskRows
    val: DaskRows | None
    n_classes: int
    prepared: PreparedData

    def close(self) -> None:
        self.rows.close()
        if self.val is not None:
            self.val.close()


def open_cluster_rows(
    client: Client,
    path: str,
    config: TrainConfig,
    *,
    target: str | int | None = None,
    val_split: float = 0.0,
    standardize: bool = True,
    positive_class: str | None = None,
) -> ClusterData:
    """The file at `path` as rows on the cluster `client` speaks to; see the module docstring."""
    source = partitioned_file(path, target)
    raw = client.compute(source.raw_blocks)
    try:
        facts: list[BlockFacts] = client.gather(client.map(block_facts, raw))
        for p, fact in enumerate(facts):
            if not fact.finite:
                raise DataError(f"partition {p} holds a missing or non-finite feature value", source.source)
        first_rows = np.concatenate([[0], np.cumsum([fact.n_rows for fact in facts])[:-1]]).tolist()
        classes, codes = _classes(facts, positive_class, source.source)
        splits = {
            part: [Split(first, config.seed, val_split, part == "val") for first in first_rows] for part in ("train", "val")
        }
        counts, mean, std = _column_stats(client, raw, splits["train"], len(source.feature_names), source.source)
        standardizer = Standardizer(mean, np.where(std > 0, std, 1.0)) if standardize else Standardizer.identity(len(mean))
        sizes = {"train": counts, "val": [fact.n_rows - count for fact, count in zip(facts, counts)]}
        # The prepared columns' spreads, std / scale: 1 for every varying column once standardised.
        spread = std[std > 0] / standardizer.scale[std > 0]
        feature_scales = (float(spread.min()), float(spread.max())) if spread.size else (1.0, 1.0)
        if not sum(sizes["train"]):
            raise DataError("no training rows: lower the validation split", source.source)

        def rows_of(part: str) -> DaskRows:
            recipe = [
                dask.delayed(prepared_block)(block, split, standardizer.mean, standardizer.scale, codes, config.loss, len(classes), config.dtype)
                for block, split, size in zip(source.raw_blocks, splits[part], sizes[part])
                if size
            ]
            return DaskRows(client, recipe, [size for size in sizes[part] if size], len(source.feature_names), feature_scales)

        rows = rows_of("train")
        val = rows_of("val") if sum(sizes["val"]) else None
    finally:
        # Released, not cancelled: a cancel would cancel the prepared partitions computed from them too.
        for future in raw:
            future.release()
    sample = _sample(rows, Dataset(source.name, np.empty((0, rows.n_features)), np.empty(0, np.intp), classes, source.feature_names, source.source))
    return ClusterData(rows, val, len(classes), PreparedData(sample, None, standardizer, positive_class))


def _classes(facts: list[BlockFacts], positive_class: str | None, where: str) -> tuple[tuple[str, ...], dict[str, int]]:
    """The class names and each raw label's class, as the in-memory loaders and one-vs-rest give them."""
    names = sorted({name for fact in facts for name in fact.label_names})
    y, classes = encode_labels(names, np.arange(len(names)), where)
    codes = dict(zip(names, y.tolist()))
    if positive_class is None:
        if len(classes) < 2:
            raise DataError(f"only one class ({classes[0]!r}): a classifier needs at least two", where)
        return classes, codes
    if positive_class not in classes:
        raise DataError(f"no class {positive_class!r}; the classes are: {', '.join(classes)}", where)
    positive = classes.index(positive_class)
    return (f"not {positive_class}", positive_class), {name: int(code == positive) for name, code in codes.items()}


def _column_stats(client: Client, raw: list, splits: list[Split], n_features: int, where: str) -> tuple[list[int], np.ndarray, np.ndarray]:
    """The kept rows per partition, and their column means (D,) and standard deviations (D,), in two passes."""
    sums = client.gather(client.map(column_sums, raw, splits))
    counts = [count for _, count in sums]
    n = max(sum(counts), 1)
    mean = sum((total for total, _ in sums), np.zeros(n_features)) / n
    squares = sum(client.gather(client.map(squared_deviations, raw, splits, mean=mean)), np.zeros(n_features))
    std = np.sqrt(squares / n)
    if not (np.isfinite(mean).all() and np.isfinite(std).all()):
        raise DataError("a column's values are too large to standardise (its mean or standard deviation overflows a 64-bit float)", where)
    return counts, mean, std


def _sample(rows: DaskRows, empty: Dataset) -> Dataset:
    """Up to SAMPLE_ROWS prepared training rows from the first partitions, as a Dataset like `empty`."""
    head = rows.head(SAMPLE_ROWS)
    return replace(empty, X=np.asarray(head.X, dtype=np.float64), y=head.y)
