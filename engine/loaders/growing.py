"""Rows appended block by block into one array that grows in place, never past the memory cap.

A text file's row count is known only at its end. Growing one preallocated array (by half
again each time, with realloc, which on Linux moves pages rather than copying them) keeps
the peak near 1.5 times the final array, where lists of Python floats took about 30 bytes
per value.
"""

from __future__ import annotations

import numpy as np

from engine.loaders.limits import check_dense_size

FIRST_ROWS = 1024
GROWTH = 1.5


class GrowingRows:
    """An (n, columns) array of `dtype` built by `append`; DataError once n x columns float64 pass the cap."""

    def __init__(self, columns: int, dtype: type, max_bytes: int, where: str) -> None:
        self.columns, self.max_bytes, self.where = columns, max_bytes, where
        self.most_rows = max_bytes // (8 * max(columns, 1))  # the cap counts float64 values
        self.array = np.empty((min(FIRST_ROWS, self.most_rows), columns), dtype)
        self.n = 0

    def append(self, rows: np.ndarray) -> None:
        """Add `rows` (r, columns) after the rows so far."""
        end = self.n + len(rows)
        if end > len(self.array):
            self._grow(end)
        self.array[self.n : end] = rows
        self.n = end

    def result(self) -> np.ndarray:
        """The n rows appended, in an array of exactly that size (shrunk in place)."""
        self.array.resize((self.n, self.columns), refcheck=False)
        return self.array

    def _grow(self, rows: int) -> None:
        if rows > self.most_rows:
            check_dense_size(rows, self.columns, self.max_bytes, self.where, so_far=True)
        capacity = min(max(rows, int(len(self.array) * GROWTH)), self.most_rows)
        self.array.resize((capacity, self.columns), refcheck=False)
