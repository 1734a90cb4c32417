"""A data file as Dask partitions: Parquet (a file or a folder of files), CSV, or a 2-D .npy array.

Each partition becomes a RawBlock (engine.cluster.blocks) on a worker; nothing of the data passes
through the client. Partitions follow the file: Parquet row groups and files, CSV blocks of
CSV_BLOCK_BYTES, .npy runs of about NPY_PARTITION_BYTES. The label column is `target` (a name or
a 0-based index, negative from the end; the last column if None), every other column a feature.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from engine.errors import DataError
from engine.loaders.labels import label_column

CSV_BLOCK_BYTES = 64 << 20
NPY_PARTITION_BYTES = 64 << 20
SUFFIXES = (".parquet", ".csv", ".npy")


@dataclass(frozen=True)
class PartitionedFile:
    """A file's partitions as dask.delayed RawBlocks, and the names of its features."""

    name: str
    source: str
    feature_names: tuple[str, ...]
    raw_blocks: list[Any]


def partitioned_file(path: str | Path, target: str | int | None) -> PartitionedFile:
    """The partitions of the Parquet, CSV or .npy file (or Parquet folder) at `path`."""
    import dask

    from engine.cluster.blocks import raw_block_of_frame, raw_block_of_npy

    path = Path(path)
    where = str(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise DataError(f"a cluster reads {', '.join(SUFFIXES)} data; {path.name!r} is none of these", where)
    if not path.exists():
        raise DataError("no such file", where)
    if suffix == ".npy":
        rows, columns = _npy_shape(path)
        label = label_column([str(j) for j in range(columns)], target, where)
        step = max(1, NPY_PARTITION_BYTES // (8 * columns))
        blocks = [dask.delayed(raw_block_of_npy)(str(path), start, min(start + step, rows), label) for start in range(0, rows, step)]
        return PartitionedFile(path.stem, where, tuple(f"x{j}" for j in range(1, columns)), blocks)
    frame = _frame(path, suffix)
    header = [str(name) for name in frame.columns]
    label = header[label_column(header, target, where)]
    features = tuple(name for name in header if name != label)
    for name in features:
        if frame.dtypes[name].kind not in "biuf":
            raise DataError(f"column {name!r} holds {frame.dtypes[name]} values, not numbers: every column but the label column must hold numbers", where)
    blocks = [dask.delayed(raw_block_of_frame)(part, label) for part in frame.to_delayed()]
    return PartitionedFile(path.stem, where, features, blocks)


def _frame(path: Path, suffix: str) -> Any:
    """The file as a dask DataFrame (partitions not read yet)."""
    import dask.dataframe as dd

    try:
        if suffix == ".csv":
            return dd.read_csv(str(path), blocksize=CSV_BLOCK_BYTES)
        return dd.read_parquet(str(path), split_row_groups=True)
    except (OSError, ValueError) as error:
        raise DataError(f"not a readable {suffix[1:]} file ({str(error).strip().splitlines()[0]})", str(path)) from None


def _npy_shape(path: Path) -> tuple[int, int]:
    """(rows, columns) of a 2-D numeric .npy file, from its header alone."""
    try:
        table = np.load(path, mmap_mode="r", allow_pickle=False)
    except (OSError, ValueError) as error:
        raise DataError(f"not a readable .npy file ({error})", str(path)) from None
    if table.ndim != 2 or table.shape[1] < 2 or table.dtype.kind not in "biuf":
        raise DataError(f"a .npy file must hold a 2-D numeric table with a label column, got {table.dtype} {table.shape}", str(path))
    return table.shape
