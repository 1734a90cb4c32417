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
from engine.loaders.labels import encode_labels
from engine.loaders.limits import check_dense_size
from engine.loaders.textfile import read_text


def read_svmlight(path: Path, *, name: str, max_bytes: int) -> Dataset:
    """The dataset in the svmlight file `path`; features are named x1..xD after their indices."""
    where = str(path)
    labels: list[str] = []
    rows, columns, values = array("q"), array("q"), array("d")  # compact: one entry per stored value
    for number, line in enumerate(read_text(path, max_bytes).split("\n"), start=1):
        tokens = line.partition("#")[0].split()
        if not tokens:
            continue
        labels.append(_label(tokens[0], line, where, number))
        previous = 0
        for k, token in enumerate(tokens[1:], start=1):
            index, value = _pair(token, previous, line, k, where, number)
            rows.append(len(labels) - 1)
            columns.append(index - 1)
            values.append(value)
            previous = index
    if not labels:
        raise DataError("no data lines, only comments or blank lines", where)
    if not columns:
        raise DataError("no feature values on any line", where)
    n_features = max(columns) + 1
    check_dense_size(len(labels), n_features, max_bytes, where)
    X = np.zeros((len(labels), n_features))
    X[np.asarray(rows), np.asarray(columns)] = np.asarray(values)
    names, codes = np.unique(labels, return_inverse=True)
    y, classes = encode_labels(names.tolist(), codes, where)
    return Dataset(name, X, y, classes, tuple(f"x{j}" for j in range(1, n_features + 1)), where)


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


def _pair(token: str, previous: int, line: str, k: int, where: str, number: int) -> tuple[int, float]:
    """(index, value) of the k-th token on line `number`; a DataError pointing at it if it is bad."""
    try:
        return _index_value(token, previous)
    except ValueError as error:
        raise DataError(str(error), where, number, _column(line, k)) from None


def _index_value(token: str, previous: int) -> tuple[int, float]:
    """(index, value) of the token `index:value` that follows index `previous` on its line."""
    index_text, colon, value_text = token.partition(":")
    if not colon:
        raise ValueError(f"{token!r} has no colon: expected index:value")
    if not (index_text.isascii() and index_text.isdigit()):
        raise ValueError(f"index {index_text!r} is not a whole number")
    index = int(index_text)
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
