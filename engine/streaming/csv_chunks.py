"""A CSV file streamed in blocks of lines, parsed exactly as engine.loaders.csv_format parses a
file it loads whole: the same fast and precise passes, cells and messages (file, line, column).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from itertools import chain
from pathlib import Path

from engine.loaders.csv_format import header_and_rest, parsed_blocks
from engine.loaders.labels import label_column
from engine.loaders.textfile import text_blocks
from engine.streaming.raw_chunk import RawChunk

# Streaming holds one block at a time, so the text may be as long as the disk allows.
NO_TEXT_CAP = sys.maxsize


class CsvChunks:
    """The rows of a CSV file with a header and a label column (`target`, else the last), block by block."""

    def __init__(self, path: Path, target: str | int | None) -> None:
        self.path, self.where = path, str(path)
        with text_blocks(path, NO_TEXT_CAP) as blocks:
            self.header, rest = header_and_rest(blocks, self.where)
            self.label = label_column(self.header, target, self.where, rest[0] - 1)
        self.feature_names = tuple(column for j, column in enumerate(self.header) if j != self.label)
        self.labels: dict[str, int] = {}

    def chunks(self, start_row: int = 0) -> Iterator[RawChunk]:
        """The rows from data row `start_row` on (the file is read from its start: text has no row index)."""
        with text_blocks(self.path, NO_TEXT_CAP) as blocks:
            _, rest = header_and_rest(blocks, self.where)
            first = 0
            for X, codes in parsed_blocks(chain([rest], blocks), self.header, self.label, self.where, self.labels):
                if first + len(X) > start_row and len(X):
                    yield RawChunk(first, X, codes).from_row(start_row)
                first += len(X)
