"""Parquet, Feather and Arrow IPC files, read with pyarrow (the optional extra `tui-clf[arrow]`).

A table of named columns: one holds the class labels (`target`, by name or 0-based index;
the last if None), every other one is a feature and must hold integers or floats. pyarrow
is imported only here, when such a file is read. The row count the file declares (Parquet
metadata, the Arrow file's record batches) is checked against the memory cap before any
data is read; then the record batches are copied one by one into X (N, D) float64, so the
peak is X plus one batch. A null, NaN or infinite cell is refused naming its row (counted
from 0, as in pandas) and column.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np

from engine.dataset import Dataset
from engine.errors import DataError
from engine.loaders.cells import check_label
from engine.loaders.csv_format import LABEL_HEADER
from engine.loaders.labels import encode_labels, label_column
from engine.loaders.limits import check_dense_size
from engine.loaders.regular_file import open_data_file

KIND_NAMES = {"parquet": "Parquet", "arrow": "Feather/Arrow"}
INSTALL = "pip install 'tui-clf[arrow]'"
BATCH_ROWS = 65_536  # Parquet rows decoded at a time: about 10 MB at 20 columns


def read_arrow(path: Path, *, kind: str, name: str, target: str | int | None, max_bytes: int) -> Dataset:
    """The dataset in the Parquet (`kind` "parquet") or Feather/Arrow IPC ("arrow") file `path`."""
    where = str(path)
    pa = pyarrow_module(kind, where)
    with open_data_file(path) as file:
        try:
            schema, n_rows, batches = _open(pa, file, kind)
            header = schema.names
            check_names(header, where)
            label = label_column(header, target, where)
            features = [j for j in range(len(header)) if j != label]
            check_types(pa, schema, label, where)
            check_dense_size(n_rows, len(features), max_bytes, where)
            if n_rows == 0:
                raise DataError("no data rows", where)
            X = np.empty((n_rows, len(features)))
            codes = np.empty(n_rows, dtype=np.intp)
            seen: dict[str, int] = {}  # raw label -> its code, in order of appearance
            start = 0
            for batch in batches:
                end = start + batch.num_rows
                if end > n_rows:
                    raise DataError(f"more rows than the {n_rows} the file declares", where)
                for out, j in enumerate(features):
                    X[start:end, out] = feature_numbers(batch.column(j), header[j], start, where)
                codes[start:end] = label_codes(pa, batch.column(label), header[label], start, seen, where)
                start = end
        except pa.ArrowException as error:
            raise DataError(f"not a readable {KIND_NAMES[kind]} file ({first_line(error)})", where) from None
    if start != n_rows:
        raise DataError(f"{start} rows, fewer than the {n_rows} the file declares", where)
    y, classes = encode_labels(list(seen), codes, where)
    return Dataset(name, X, y, classes, tuple(header[j] for j in features), where)


def write_arrow(dataset: Dataset, file: BinaryIO, *, kind: str) -> None:
    """The features as float64 columns named as in the dataset, then a string column "label"."""
    pa = pyarrow_module(kind, None)
    columns = {name: dataset.X[:, j] for j, name in enumerate(dataset.feature_names)}
    columns[LABEL_HEADER] = np.array(dataset.classes, dtype=object)[dataset.y]
    table = pa.table(columns)
    if kind == "parquet":
        import pyarrow.parquet as pq

        pq.write_table(table, file)
        return
    with pa.ipc.new_file(file, table.schema) as writer:
        writer.write_table(table)


def pyarrow_module(kind: str, where: str | None) -> Any:
    """The pyarrow module, imported now; a DataError saying how to install it when it is missing."""
    try:
        import pyarrow
        import pyarrow.ipc  # noqa: F401  (the submodules used below)
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        raise DataError(f"{KIND_NAMES[kind]} files need pyarrow, which is not installed: {INSTALL}", where) from None
    return pyarrow


def _open(pa: Any, file: BinaryIO, kind: str) -> tuple[Any, int, Iterator[Any]]:
    """(schema, declared row count, record batches) of an open Parquet or Arrow IPC file."""
    if kind == "parquet":
        parquet = pa.parquet.ParquetFile(file)
        return parquet.schema_arrow, parquet.metadata.num_rows, parquet.iter_batches(batch_size=BATCH_ROWS)
    reader = pa.ipc.open_file(file)  # count_rows (pyarrow 26+) reads each batch's metadata, not its data
    batches = (reader.get_batch(i) for i in range(reader.num_record_batches))
    return reader.schema, reader.count_rows(), batches


def check_names(header: list[str], where: str) -> None:
    if len(header) < 2:
        raise DataError(f"{len(header)} column{'s' * (len(header) != 1)}: a table needs feature columns and a label column", where)
    for j, name in enumerate(header):
        if name in header[:j]:
            raise DataError(f"column name {name!r} appears twice", where)


def check_types(pa: Any, schema: Any, label: int, where: str) -> None:
    """Refuse, from the schema alone, a feature column that is not numeric or a label column that cannot name classes."""
    types = pa.types
    for j, field in enumerate(schema):
        kind = field.type.value_type if types.is_dictionary(field.type) else field.type
        if j == label:
            if not (types.is_integer(kind) or types.is_floating(kind) or types.is_boolean(kind) or types.is_string(kind) or types.is_large_string(kind)):
                raise DataError(f"label column {field.name!r} holds {field.type} values, which cannot name classes", where)
        elif not (types.is_integer(field.type) or types.is_floating(field.type)):
            raise DataError(
                f"column {field.name!r} holds {field.type} values, not numbers: every column but the label column "
                "must hold integers or floats",
                where,
            )


def feature_numbers(column: Any, name: str, start: int, where: str) -> np.ndarray:
    """A feature column of one batch as numbers; a DataError at its first null, NaN or infinite cell."""
    if column.null_count:
        raise DataError(f"row {start + _first(column.is_null())}, column {name!r}: null (a missing value)", where)
    values = column.to_numpy()
    if values.dtype.kind == "f":
        bad = np.flatnonzero(~np.isfinite(values))
        if bad.size:
            i = int(bad[0])
            raise DataError(f"row {start + i}, column {name!r}: {values[i]} (every feature must be a finite number)", where)
    return values


def label_codes(pa: Any, column: Any, name: str, start: int, seen: dict[str, int], where: str) -> np.ndarray:
    """Each row's code in `seen` (new labels added, checked where they first appear): shape (rows,)."""
    if column.null_count:
        raise DataError(f"row {start + _first(column.is_null())}, column {name!r}: null (a missing label)", where)
    encoded = column if pa.types.is_dictionary(column.type) else column.dictionary_encode()
    indices = encoded.indices.to_numpy()
    remap = np.empty(len(encoded.dictionary), dtype=np.intp)
    for k, value in enumerate(encoded.dictionary.to_pylist()):
        text = str(value)
        if text not in seen:
            try:
                check_label(text)
            except ValueError as error:
                raise DataError(f"row {start + int(np.argmax(indices == k))}, column {name!r}: {error}", where) from None
            seen[text] = len(seen)
        remap[k] = seen[text]
    return remap[indices]


def _first(mask: Any) -> int:
    """The index of the first True in a pyarrow boolean array."""
    return int(np.argmax(mask.to_numpy(zero_copy_only=False)))


def first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
