"""What a streamed file hands over: its rows, a chunk at a time, raw (not standardised).

A reader knows its feature names and yields chunks from any row on; each chunk's labels are
codes into the reader's `labels` (raw label text -> code, in order of appearance), a dict that
grows during the first pass and stays the same afterwards, since the file does not change.
A chunk's X may live in a buffer the reader reuses: use it before asking for the next chunk.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

import numpy as np

# Rows per chunk: about this many bytes of float64 features.
CHUNK_BYTES = 8 << 20


@dataclass(frozen=True)
class RawChunk:
    """Rows first_row .. first_row + n - 1 of a file: features X (n, D) float64 and label codes (n,)."""

    first_row: int
    X: np.ndarray
    codes: np.ndarray

    def from_row(self, row: int) -> RawChunk:
        """The part of this chunk from file row `row` on (the whole chunk when it starts there or later)."""
        skip = max(0, row - self.first_row)
        return self if not skip else RawChunk(self.first_row + skip, self.X[skip:], self.codes[skip:])

    def until(self, row: int) -> RawChunk:
        """The part of this chunk before file row `row`."""
        keep = max(0, row - self.first_row)
        return RawChunk(self.first_row, self.X[:keep], self.codes[:keep])

    @property
    def end(self) -> int:
        """The file row just after this chunk."""
        return self.first_row + len(self.codes)


class ChunkReader(Protocol):
    """A data file read chunk by chunk (engine.streaming.{npy,csv,parquet}_chunks)."""

    where: str
    feature_names: tuple[str, ...]
    labels: dict[str, int]

    def chunks(self, start_row: int = 0) -> Iterator[RawChunk]: ...


def chunk_rows(n_features: int) -> int:
    """Rows per chunk for n_features float64 columns: about CHUNK_BYTES, at least 256."""
    return max(256, CHUNK_BYTES // (8 * max(1, n_features)))
