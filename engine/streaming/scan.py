"""The one pass over a streamed file before training: everything that needs the whole file.

In a single read: the row count, the labels (hence the classes), the standardisation statistics
of the training rows (merged chunk by chunk, engine.streaming.column_moments), the validation rows
themselves while they fit in VAL_IN_MEMORY_BYTES (else they are streamed like the training rows),
and a uniform sample of at most SAMPLE_ROWS training rows for the views that draw examples: the
rows with the smallest hash u(seed', i) (a bottom-k sample), so the sample does not depend on
how the file is cut into chunks.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.errors import DataError
from engine.loaders.labels import encode_labels
from engine.row_split import uniform_of_rows
from engine.streaming.column_moments import ColumnMoments
from engine.streaming.raw_chunk import ChunkReader
from engine.streaming.row_part import RowPart

SAMPLE_ROWS = 5000
# The sample's hash uses another seed than the split's, so it is not the split's rows again.
SAMPLE_SEED_OFFSET = 0x5EED
VAL_IN_MEMORY_BYTES = 256 << 20


@dataclass(frozen=True)
class FileSummary:
    """What the pass found: rows, classes (class_of_code maps a reader's label code to a class), the
    training rows' moments, the raw validation rows (None when streamed) and a raw sample in file order."""

    n_file_rows: int
    n_train: int
    n_val: int
    classes: tuple[str, ...]
    class_of_code: np.ndarray
    moments: ColumnMoments
    val: tuple[np.ndarray, np.ndarray] | None
    sample: tuple[np.ndarray, np.ndarray]


def scan(reader: ChunkReader, part: RowPart) -> FileSummary:
    """One read of `reader`'s file, split into training and validation rows by `part` (its training side)."""
    d = len(reader.feature_names)
    moments = ColumnMoments.empty(d)
    sample = _BottomK(SAMPLE_ROWS, d, part.seed + SAMPLE_SEED_OFFSET)
    val: list[tuple[np.ndarray, np.ndarray]] | None = []  # None once the validation rows outgrow the memory allowed them
    n_file = n_val = 0
    for chunk in reader.chunks():
        n_file = chunk.end
        train = part.mask(chunk.first_row, len(chunk.codes))
        X, codes = (chunk.X, chunk.codes) if train is None else (chunk.X[train], chunk.codes[train])
        if len(X):
            moments = moments.merged(ColumnMoments.of(X))
            sample.add(chunk.first_row + (np.arange(len(X)) if train is None else np.flatnonzero(train)), X, codes)
        if train is not None:
            n_val += len(chunk.codes) - len(X)
            if n_val * d * 8 > VAL_IN_MEMORY_BYTES:
                val = None
            if val is not None:
                val.append((chunk.X[~train], chunk.codes[~train]))
    if moments.n == 0:
        raise DataError("no training rows: the file has no data rows, or all went to validation", reader.where)
    names = list(reader.labels)
    class_of_code, classes = encode_labels(names, np.arange(len(names)), reader.where)
    val_rows = None if val is None else _stacked(val, d)
    return FileSummary(n_file, moments.n, n_val, classes, class_of_code, moments, val_rows, sample.result())


def _stacked(parts: list[tuple[np.ndarray, np.ndarray]], d: int) -> tuple[np.ndarray, np.ndarray]:
    """The (X, codes) parts as one X (n, d) and codes (n,)."""
    if not parts:
        return np.empty((0, d)), np.empty(0, np.intp)
    return np.concatenate([X for X, _ in parts]), np.concatenate([codes for _, codes in parts])


class _BottomK:
    """The k rows with the smallest hash seen so far, kept with their file row index."""

    def __init__(self, k: int, d: int, seed: int) -> None:
        self.k, self.seed = k, seed
        self.rows, self.u = np.empty(0, np.int64), np.empty(0)
        self.X, self.codes = np.empty((0, d)), np.empty(0, np.intp)

    def add(self, rows: np.ndarray, X: np.ndarray, codes: np.ndarray) -> None:
        u = _hash_of(rows, self.seed)
        if len(self.u) == self.k:  # only rows that beat the largest kept hash can enter
            better = u < self.u.max()
            rows, X, codes, u = rows[better], X[better], codes[better], u[better]
        u = np.concatenate([self.u, u])
        rows, X, codes = np.concatenate([self.rows, rows]), np.concatenate([self.X, X]), np.concatenate([self.codes, codes])
        keep = np.argpartition(u, self.k)[: self.k] if len(u) > self.k else slice(None)
        self.u, self.rows, self.X, self.codes = u[keep], rows[keep], X[keep], codes[keep]

    def result(self) -> tuple[np.ndarray, np.ndarray]:
        order = np.argsort(self.rows)
        return self.X[order], self.codes[order]


def _hash_of(rows: np.ndarray, seed: int) -> np.ndarray:
    """u(seed, i) for the given file rows i, (n,)."""
    if not len(rows):
        return np.empty(0)
    return uniform_of_rows(int(rows[0]), int(rows[-1] - rows[0] + 1), seed)[rows - rows[0]]
