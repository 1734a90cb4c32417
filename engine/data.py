"""load_dataset and save_dataset: a dataset from a bundled name or a file, and back to a file.

The format of a file comes from its name: .csv (+ .gz), svmlight (.svm, .svmlight, .libsvm,
.txt; + .gz), .npz, or .parquet, .feather and .arrow (through pyarrow, the extra tui-clf[arrow]). A string that names a bundled dataset (`iris`, `blobs`) loads that
dataset rather than a file.
"""

from __future__ import annotations

import gzip
import os
from dataclasses import replace
from difflib import get_close_matches
from functools import partial
from pathlib import Path
from typing import BinaryIO

import numpy as np

from engine.atomic import write_atomically
from engine.bundled import BUNDLED, bundled_name, load_bundled
from engine.dataset import Dataset
from engine.errors import DataError
from engine.loaders.arrow_format import read_arrow, write_arrow
from engine.loaders.csv_format import read_csv, read_csv_features, read_csv_header, write_csv
from engine.loaders.limits import memory_cap
from engine.loaders.npz import read_npz, write_npz
from engine.loaders.regular_file import MissingDataFile
from engine.loaders.svmlight import read_svmlight, write_svmlight

FORMATS = {
    ".csv": "csv",
    ".svm": "svmlight",
    ".svmlight": "svmlight",
    ".libsvm": "svmlight",
    ".txt": "svmlight",
    ".npz": "npz",
    ".parquet": "parquet",
    ".feather": "arrow",
    ".arrow": "arrow",
}
# Formats that keep their own compression: a .gz around them is refused.
SELF_COMPRESSED = ("npz", "parquet", "arrow")
WRITERS = {
    "csv": write_csv,
    "svmlight": write_svmlight,
    "npz": write_npz,
    "parquet": partial(write_arrow, kind="parquet"),
    "arrow": partial(write_arrow, kind="arrow"),
}


def load_dataset(
    spec: str | os.PathLike,
    *,
    target: str | int | None = None,
    max_bytes: int | None = None,
    min_classes: int = 2,
) -> Dataset:
    """The dataset `spec` names: a bundled dataset, or a file in one of FORMATS.

    target: the label column of a CSV, Parquet or Arrow file, by name or 0-based index (negative
    from the end); the last column if None. max_bytes: the memory cap (None: engine.loaders.limits.memory_cap());
    a file whose features would take more as float64 (or whose text is longer, or that
    declares anything larger) is refused before that much is allocated. min_classes:
    how many distinct labels the data must hold (2 to train; 1 to score a model on it).
    Every unusable file raises a DataError naming it, and the line and column where it applies.
    """
    dataset = _load(spec, target, memory_cap() if max_bytes is None else max_bytes)
    present = np.unique(dataset.y)
    if present.size < min_classes:
        raise DataError(
            f"only one class ({dataset.classes[present[0]]!r}): a classifier needs at least two", dataset.source
        )
    return dataset


def _load(spec: str | os.PathLike, target: str | int | None, max_bytes: int) -> Dataset:
    if isinstance(spec, str) and bundled_name(spec) is not None:
        return load_bundled(spec, target=target)
    path = Path(spec)
    where = str(path)
    try:
        kind, name, _ = _readable_format(path)
        if kind == "csv":
            return read_csv(path, name=name, target=target, max_bytes=max_bytes)
        if kind in ("parquet", "arrow"):
            return read_arrow(path, kind=kind, name=name, target=target, max_bytes=max_bytes)
        if target is not None:
            raise DataError(f"a target column applies to CSV, Parquet and Arrow files; in {kind} files the labels have their place", where)
        read = read_svmlight if kind == "svmlight" else read_npz
        return read(path, name=name, max_bytes=max_bytes)
    except MissingDataFile:
        raise _missing(path) from None


def _readable_format(path: Path) -> tuple[str, str, bool]:
    """_format(path) for a file to read: a name of no known format that is a directory, or that
    does not exist (a mistyped dataset name), is refused as such rather than by its ending."""
    try:
        return _format(path)
    except DataError:
        if path.is_dir():
            raise DataError("a directory, not a regular file", str(path)) from None
        if not os.path.lexists(path):
            raise _missing(path) from None
        raise


def _missing(path: Path) -> DataError:
    """No file at `path` and no bundled dataset of that name; the bundled name it resembles, if any."""
    close = get_close_matches(path.name, BUNDLED, n=1)
    meant = f"did you mean {close[0]}? " if close else ""
    return DataError(f"no such file, nor a bundled dataset ({meant}there are: {', '.join(BUNDLED)})", str(path))


def load_features(
    spec: str | os.PathLike,
    feature_names: tuple[str, ...],
    *,
    target: str | int | None = None,
    max_bytes: int | None = None,
) -> np.ndarray:
    """The columns `feature_names`, in that order, of a dataset with or without labels: (N, D).

    A CSV file whose header holds exactly these names has no label column (data to predict
    on); any other spec is loaded as load_dataset does and its labels are ignored.
    """
    path = Path(spec)
    max_bytes = memory_cap() if max_bytes is None else max_bytes
    plain_csv = bundled_name(str(spec)) is None and FORMATS.get(_plain_name(path).suffix.lower()) == "csv"
    if plain_csv and set(_header_or_none(path, max_bytes)) == set(feature_names):
        X, header = read_csv_features(path, max_bytes=max_bytes)
        return X[:, [header.index(name) for name in feature_names]]
    return load_dataset(spec, target=target, max_bytes=max_bytes, min_classes=1).columns(feature_names)


def save_dataset(dataset: Dataset, path: str | os.PathLike) -> None:
    """Write `dataset` in the format path's name says, atomically (see engine.atomic)."""
    path = Path(path)
    kind, _, compressed = _format(path)

    def write(file: BinaryIO) -> None:
        if not compressed:
            WRITERS[kind](dataset, file)
            return
        with gzip.GzipFile(fileobj=file, mode="wb", filename="", mtime=0) as packed:  # mtime 0: same bytes every time
            WRITERS[kind](dataset, packed)

    try:
        write_atomically(path, write)
    except DataError as error:
        raise replace(error, path=str(path)) from None
    except OSError as error:
        raise DataError(f"cannot write the file: {error.strerror or error}", str(path)) from None


def _header_or_none(path: Path, max_bytes: int) -> tuple[str, ...]:
    """The CSV header of `path`, or () when it has none (load_dataset then says what is wrong)."""
    try:
        return read_csv_header(path, max_bytes=max_bytes)
    except DataError:
        return ()


def _plain_name(path: Path) -> Path:
    """The file name without a .gz ending: data.csv for data.csv.gz."""
    return Path(path.name[:-3] if path.name.lower().endswith(".gz") else path.name)


def _format(path: Path) -> tuple[str, str, bool]:
    """(format, dataset name, gzip-compressed?) from a file name such as data.csv.gz."""
    compressed = path.name.lower().endswith(".gz")
    plain = _plain_name(path)
    kind = FORMATS.get(plain.suffix.lower())
    if kind is None or (compressed and kind in SELF_COMPRESSED):
        raise DataError(
            f"unknown format {path.name!r}: use .csv, .csv.gz, .svm/.svmlight/.libsvm/.txt, .npz, .parquet, .feather or .arrow",
            str(path),
        )
    return kind, plain.stem, compressed
