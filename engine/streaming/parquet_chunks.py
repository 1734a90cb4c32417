"""A Parquet file streamed a record batch at a time through pyarrow (the `arrow` extra, imported
only when such a file is streamed), with the column checks and messages of
engine.loaders.arrow_format. A start row is reached by skipping whole row groups unread.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np

from engine.errors import DataError
from engine.loaders.arrow_format import check_names, check_types, feature_numbers, first_line, label_codes, pyarrow_module
from engine.loaders.labels import label_column
from engine.loaders.regular_file import open_data_file
from engine.streaming.raw_chunk import RawChunk, chunk_rows


class ParquetChunks:
    """The rows of a Parquet file with a label column (`target`, else the last), batch by batch."""

    def __init__(self, path: Path, target: str | int | None) -> None:
        self.path, self.where = path, str(path)
        self.pa = pyarrow_module("parquet", self.where)
        with open_data_file(path) as file:
            try:
                parquet = self.pa.parquet.ParquetFile(file)
                schema, metadata = parquet.schema_arrow, parquet.metadata
            except self.pa.ArrowException as error:
                raise DataError(f"not a readable Parquet file ({first_line(error)})", self.where) from None
        self.header = schema.names
        check_names(self.header, self.where)
        self.label = label_column(self.header, target, self.where)
        check_types(self.pa, schema, self.label, self.where)
        self.features = [j for j in range(len(self.header)) if j != self.label]
        self.feature_names = tuple(self.header[j] for j in self.features)
        sizes = [metadata.row_group(g).num_rows for g in range(metadata.num_row_groups)]
        self.group_starts = np.concatenate([[0], np.cumsum(sizes, dtype=np.int64)])
        self.labels: dict[str, int] = {}

    def chunks(self, start_row: int = 0) -> Iterator[RawChunk]:
        first_group = int(np.searchsorted(self.group_starts, start_row, side="right")) - 1
        groups = list(range(max(first_group, 0), len(self.group_starts) - 1))
        rows = chunk_rows(len(self.features))
        X = np.empty((rows, len(self.features)))
        with open_data_file(self.path) as file:
            try:
                batches = self.pa.parquet.ParquetFile(file).iter_batches(batch_size=rows, row_groups=groups)
                first = int(self.group_starts[groups[0]]) if groups else 0
                for batch in batches:
                    n = batch.num_rows
                    for out, j in enumerate(self.features):
                        X[:n, out] = feature_numbers(batch.column(j), self.header[j], first, self.where)
                    codes = label_codes(self.pa, batch.column(self.label), self.header[self.label], first, self.labels, self.where)
                    if first + n > start_row:
                        yield RawChunk(first, X[:n], codes).from_row(start_row)
                    first += n
            except self.pa.ArrowException as error:
                raise DataError(f"not a readable Parquet file ({first_line(error)})", self.where) from None
