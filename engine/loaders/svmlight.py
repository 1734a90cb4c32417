"""svmlight / libsvm files: one example per line, `label index:value index:value ... # comment`.

Indices are 1-based and strictly increasing; features left out are 0. The label must be a
number. The width D is the largest index in the file, so the writer always writes feature D
on each line, zero or not, so that a dataset whose last features are zero reads back whole.
Errors point at the line and at the column (in characters) where the bad token starts.
"""

from __future__ import annotations

import re
from array import array
from pathlib import Path
from typing import BinaryIO

import numpy as np

from engine.dataset import Dataset
from engine.errors import DataError
from engine.loaders.cells import is_number, parse_number
from engine.loaders.growing import GrowingRows
from engine.loaders.labels import encode_labels
from engine.loaders.limits import check_dense_size, over_cap
from engine.loaders.textfile import text_blocks

FILL_VALUES = 1 << 20  # the dense matrix is filled this many stored values at a time


def read_svmlight(path: Path, *, name: str, max_bytes: int) -> Dataset:
    """The dataset in the svmlight file `path`; features are named x1..xD after their indices.

    The values are kept as the file stores them (value and index per entry, the end of each
    row) until the end, when the width D is known; every index and the running N x D are
    checked against the memory cap as they are read.
    """
    where = str(path)
    index_type = np.int32 if max_bytes // 8 < 2**31 else np.int64  # no index passes max_bytes // 8
    values, columns = GrowingRows(1, np.float64, max_bytes, where), GrowingRows(1, index_type, max_bytes, where)
    row_ends, codes = GrowingRows(1, np.intp, max_bytes, where), GrowingRows(1, np.intp, max_bytes, where)
    seen: dict[str, int] = {}  # raw label -> its code, in order of appearance
    n_features = 0
    with text_blocks(path, max_bytes) as blocks:
        for first, lines in blocks:
            block_values, block_columns, block_ends, block_codes = array("d"), array("q"), array("q"), array("q")
            for number, line in enumerate(lines, start=first):
                tokens = line.partition("#")[0].split()
                if not tokens:
                    continue
                block_codes.append(seen.setdefault(_label(tokens[0], line, where, number), len(seen)))
                previous = 0
                for k, token in enumerate(tokens[1:], start=1):
                    index, value = _pair(token, previous, max_bytes, line, k, where, number)
                    block_columns.append(index - 1)
                    block_values.append(value)
                    previous = index
                n_features = max(n_features, previous)
                n_rows = codes.n + len(block_codes)
                if n_rows * n_features * 8 > max_bytes:
                    check_dense_size(n_rows, n_features, max_bytes, where, so_far=True)
                block_ends.append(values.n + len(block_values))
            values.append(np.frombuffer(block_values, dtype=np.float64)[:, None])
            columns.append(np.frombuffer(block_columns, dtype=np.int64)[:, None])
            row_ends.append(np.frombuffer(block_ends, dtype=np.int64)[:, None])
            codes.append(np.frombuffer(block_codes, dtype=np.int64)[:, None])
    if not codes.n:
        raise DataError("no data lines, only comments or blank lines", where)
    if not n_features:
        raise DataError("no feature values on any line", where)
    X = _dense(values.result()[:, 0], columns.result()[:, 0], row_ends.result()[:, 0], n_features)
    y, classes = encode_labels(list(seen), codes.result()[:, 0], where)
    return Dataset(name, X, y, classes, tuple(f"x{j}" for j in range(1, n_features + 1)), where)


def _dense(values: np.ndarray, columns: np.ndarray, row_ends: np.ndarray, n_features: int) -> np.ndarray:
    """The (N, D) matrix with values[e] at (row of entry e, columns[e]), zeros elsewhere, filled in chunks."""
    X = np.zeros((len(row_ends), n_features))
    flat = X.reshape(-1)
    rows_of = np.searchsorted(row_ends, np.arange(0, len(values), FILL_VALUES), side="right")
    for start, first_row in zip(range(0, len(values), FILL_VALUES), rows_of.tolist()):
        entries = np.arange(start, min(start + FILL_VALUES, len(values)))
        rows = first_row + np.searchsorted(row_ends[first_row:], entries, side="right")
        flat[rows * n_features + columns[entries]] = values[entries]
    return X


def write_svmlight(dataset: Dataset, file: BinaryIO) -> None:
    """One line per row: the class name (a number) then index:value for each non-zero feature and feature D."""
    not_numbers = [c for c in dataset.classes if not is_number(c)]
    if not_numbers:
        raise DataError(f"svmlight labels are numbers; class {not_numbers[0]!r} is not: save as .csv or .npz")
    last = dataset.n_features - 1
    for row, k in zip(dataset.X.tolist(), dataset.y.tolist(), strict=True):
        pairs = " ".join(f"{j + 1}:{v!r}" for j, v in enumerate(row) if v != 0 or j == last)
        file.write(f"{dataset.classes[k]} {pairs}\n".encode())


def _label(token: str, line: str, where: str, number: int) -> str:
    try:
        parse_number(token)
    except ValueError as error:
        raise DataError(f"label: {error}", where, number, _column(line, 0)) from None
    return token


def _pair(token: str, previous: int, max_bytes: int, line: str, k: int, where: str, number: int) -> tuple[int, float]:
    """(index, value) of the k-th token on line `number`; a DataError pointing at it if it is bad."""
    try:
        return _index_value(token, previous, max_bytes)
    except ValueError as error:
        raise DataError(str(error), where, number, _column(line, k)) from None


def _index_value(token: str, previous: int, max_bytes: int) -> tuple[int, float]:
    """(index, value) of the token `index:value` that follows index `previous`; a row that wide must fit the cap."""
    index_text, colon, value_text = token.partition(":")
    if not colon:
        raise ValueError(f"{token!r} has no colon: expected index:value")
    if not (index_text.isascii() and index_text.isdigit()):
        raise ValueError(f"index {index_text!r} is not a whole number")
    digits = index_text.lstrip("0") or "0"
    if len(digits) > len(str(max_bytes // 8)) or int(digits) > max_bytes // 8:
        shown = digits if len(digits) <= 30 else f"{digits[:12]}... ({len(digits)} digits)"
        needs = f"feature index {shown}: a row of that many features needs over {{size}} as float64"
        raise ValueError(over_cap(needs, max_bytes + 1, max_bytes))
    index = int(digits)
    if index == 0:
        raise ValueError("index 0: svmlight indices start at 1")
    if index == previous:
        raise ValueError(f"index {index} appears twice")
    if index < previous:
        raise ValueError(f"index {index} after index {previous}: indices must increase along a line")
    try:
        return index, parse_number(value_text)
    except ValueError as error:
        raise ValueError(f"feature {index}: {error}") from None


def _column(line: str, k: int) -> int:
    """1-based column where the k-th whitespace-separated token of `line` starts."""
    return [match.start() for match in re.finditer(r"\S+", line)][k] + 1
