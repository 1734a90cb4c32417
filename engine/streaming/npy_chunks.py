"""A .npy file streamed in chunks of rows: one 2-D numeric array whose label column is the last
column (or the `--target` index), as a CSV's is.

The header is read with numpy.lib.format (no pickle: object arrays are refused); then each
chunk's bytes are read straight into one buffer reused for the whole pass. The file is not
memory-mapped: a mapping of the whole file counts against a process's address-space limit
(RLIMIT_AS) and its pages show up in the resident size, and the point of streaming is that
neither grows with the file. Labels are the label column's distinct values (numbers, so the
classes sort numerically as for any numeric label column).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np

from engine.errors import DataError
from engine.loaders.regular_file import open_data_file
from engine.streaming.raw_chunk import RawChunk, chunk_rows

NUMERIC_KINDS = "biuf"


class NpyChunks:
    """The rows of a C-ordered 2-D numeric .npy file, features and labels, a chunk at a time."""

    def __init__(self, path: Path, target: str | int | None) -> None:
        self.path, self.where = path, str(path)
        with open_data_file(path) as file:
            self.shape, self.dtype, self.offset = _header(file, self.where)
            size = file.seek(0, 2)
        n_rows, n_columns = self.shape
        if size < self.offset + n_rows * n_columns * self.dtype.itemsize:
            raise DataError(f"the file is cut short: its header declares {n_rows} x {n_columns} values", self.where)
        self.label = _label_index(target, n_columns, self.where)
        self.feature_names = tuple(f"x{j}" for j in range(1, n_columns))
        self.labels: dict[str, int] = {}

    def chunks(self, start_row: int = 0) -> Iterator[RawChunk]:
        n_rows, n_columns = self.shape
        rows = chunk_rows(n_columns)
        raw = np.empty((rows, n_columns), self.dtype)
        X = np.empty((rows, n_columns - 1))
        row_bytes = n_columns * self.dtype.itemsize
        with open_data_file(self.path) as file:
            file.seek(self.offset + start_row * row_bytes)
            for first in range(start_row, n_rows, rows):
                n = min(rows, n_rows - first)
                if file.readinto(memoryview(raw[:n]).cast("B")) != n * row_bytes:
                    raise DataError(f"the file is cut short at row {first}", self.where)
                yield RawChunk(first, self._features(raw[:n], X[:n], first), self._codes(raw[:n, self.label], first))

    def _features(self, raw: np.ndarray, out: np.ndarray, first: int) -> np.ndarray:
        """The columns but the label's, as float64 in `out`; DataError at the first one not finite."""
        out[:, : self.label] = raw[:, : self.label]
        out[:, self.label :] = raw[:, self.label + 1 :]
        if np.isfinite(out).all():
            return out
        i, j = np.argwhere(~np.isfinite(out))[0]
        column = j + (j >= self.label)
        raise DataError(f"row {first + i}, column {column}: {out[i, j]} (every feature must be a finite number)", self.where)

    def _codes(self, column: np.ndarray, first: int) -> np.ndarray:
        """Each row's code in self.labels, new label values added: shape (n,)."""
        values, inverse = np.unique(column, return_inverse=True)
        remap = np.empty(len(values), dtype=np.intp)
        for k, value in enumerate(values.tolist()):
            if not np.isfinite(value):
                row = first + int(np.argmax(inverse == k))
                raise DataError(f"row {row}, column {self.label}: label {value} is not a finite number", self.where)
            remap[k] = self.labels.setdefault(repr(value), len(self.labels))
        return remap[inverse.reshape(-1)]


def _header(file, where: str) -> tuple[tuple[int, int], np.dtype, int]:
    """(shape, dtype, offset of the data) from an .npy header; DataError for anything but a C-ordered 2-D numeric array."""
    try:
        major, _ = np.lib.format.read_magic(file)
        read = np.lib.format.read_array_header_1_0 if major == 1 else np.lib.format.read_array_header_2_0
        shape, fortran_order, dtype = read(file)
    except (ValueError, OSError, EOFError) as error:
        raise DataError(f"not a readable .npy file ({error})", where) from None
    if dtype.hasobject or dtype.kind not in NUMERIC_KINDS or dtype.names is not None:
        raise DataError(f"the array must hold numbers, but its dtype is {dtype}", where)
    if len(shape) != 2 or shape[0] == 0 or shape[1] < 2:
        raise DataError(f"the array must be 2-D, rows x (features and a label column), but its shape is {shape}", where)
    if fortran_order:
        raise DataError("the array is stored column by column (Fortran order); save it in C order to stream its rows", where)
    return shape, dtype, file.tell()


def _label_index(target: str | int | None, n_columns: int, where: str) -> int:
    """The label column's index: `target` (a 0-based index, negative from the end), else the last column."""
    if target is None:
        return n_columns - 1
    try:
        index = int(target)
    except ValueError:
        raise DataError(f"a .npy file has no column names: give --target as a column index, not {target!r}", where) from None
    if not -n_columns <= index < n_columns:
        raise DataError(f"no column {index}: the array has {n_columns} columns", where)
    return index % n_columns
