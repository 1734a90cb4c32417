"""Comma-separated files: a header row, then one row per example, one column of class labels.

Reading takes two passes at most. The fast one hands the rows to NumPy's C parser
(np.loadtxt) and serves every well-formed file. If it fails, or reads a number that is not
finite, the precise one walks the cells with the csv module and raises a DataError at the
first bad one: line counted from 1 with the header as line 1, column = 1-based field number.
A file the precise pass accepts loads from it, so the two passes never disagree on what loads.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import BinaryIO

import numpy as np

from engine.dataset import Dataset
from engine.errors import DataError
from engine.loaders.cells import check_label, is_number, parse_number
from engine.loaders.labels import encode_labels
from engine.loaders.limits import check_dense_size
from engine.loaders.textfile import read_text

LABEL_HEADER = "label"  # the label column's name in files this module writes

# What a pass returns: X (N, D), the distinct raw labels, and each row's index (N,) into them.
Parsed = tuple[np.ndarray, list[str], np.ndarray]


def read_csv(path: Path, *, name: str, target: str | int | None, max_bytes: int) -> Dataset:
    """The dataset in the CSV file `path`; the label column is `target` (name or index), else the last."""
    where = str(path)
    lines = read_text(path, max_bytes).split("\n")
    header = _header(lines[0], where)
    label = _label_column(header, target, where)
    rows = [line for line in lines[1:] if line.strip()]
    if not rows:
        raise DataError("only a header row, no data rows", where)
    check_dense_size(len(rows), len(header) - 1, max_bytes, where)
    try:
        X, names, codes = _parse_fast(rows, len(header), label)
    except ValueError:
        X, names, codes = _parse_precisely(lines, header, label, where)
    y, classes = encode_labels(names, codes, where)
    features = tuple(column for j, column in enumerate(header) if j != label)
    return Dataset(name, X, y, classes, features, where)


def read_csv_features(path: Path, *, max_bytes: int) -> tuple[np.ndarray, tuple[str, ...]]:
    """X (N, D) and the column names of a CSV file with no label column (data to predict on)."""
    where = str(path)
    lines = read_text(path, max_bytes).split("\n")
    header = _header(lines[0], where)
    rows = [line for line in lines[1:] if line.strip()]
    if not rows:
        raise DataError("only a header row, no data rows", where)
    check_dense_size(len(rows), len(header), max_bytes, where)
    try:
        X, _, _ = _parse_fast(rows, len(header), None)
    except ValueError:
        X, _, _ = _parse_precisely(lines, header, None, where)
    return X, tuple(header)


def read_csv_header(path: Path, *, max_bytes: int) -> tuple[str, ...]:
    """The column names on line 1 of a CSV file."""
    return tuple(_header(read_text(path, max_bytes).split("\n", 1)[0], str(path)))


def write_csv(dataset: Dataset, file: BinaryIO) -> None:
    """Header (feature names, then "label"), then each row: repr of each float, then its class name."""
    text = io.TextIOWrapper(file, encoding="utf-8", newline="")
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow([*dataset.feature_names, LABEL_HEADER])
    for row, k in zip(dataset.X.tolist(), dataset.y.tolist(), strict=True):
        writer.writerow([*row, dataset.classes[k]])  # str(float) is the shortest repr that reads back exactly
    text.flush()
    text.detach()  # leave `file` open for the caller


def _header(line: str, where: str) -> list[str]:
    """The column names on line 1, refusing a file in another dialect or with no header."""
    fields = [field.strip() for field in _fields(line, where, 1)]
    if len(fields) < 2:
        separator = _other_separator(line)
        if separator:
            raise DataError(f"looks {separator}-separated; save the file with commas between columns", where, 1)
        raise DataError("only one column: a CSV needs feature columns and a label column", where, 1)
    if _looks_like_data(fields):
        raise DataError("no header row? the first line looks like data; add a line naming the columns", where, 1)
    for j, field in enumerate(fields):
        if not field:
            raise DataError(f"column {j + 1} has no name in the header", where, 1, j + 1)
        if field in fields[:j]:
            raise DataError(f"column name {field!r} appears twice in the header", where, 1, j + 1)
    return fields


def _looks_like_data(fields: list[str]) -> bool:
    """True when every field but at most one (the label) is a number, as on a data row.

    Numbers as column names ("0,1,2,label") are refused too: such a line cannot be told
    from a first data row, and silently losing that row is worse than asking for names.
    """
    return sum(is_number(f) for f in fields) >= len(fields) - 1


def _label_column(header: list[str], target: str | int | None, where: str) -> int:
    """Index of the label column: `target` as a column name, else as an index (negative from the end)."""
    if target is None:
        return len(header) - 1
    if isinstance(target, str):
        if target in header:  # names are unique: _header refuses repeats
            return header.index(target)
        try:
            target = int(target)
        except ValueError:
            raise DataError(f"no column {target!r}; the columns are: {_list(header)}", where, 1) from None
    if not -len(header) <= target < len(header):
        raise DataError(
            f"no column {target}: the header has {len(header)} columns (0 to {len(header) - 1}, or -1 for the last)",
            where,
            1,
        )
    return target % len(header)


def _parse_fast(rows: list[str], n_columns: int, label: int | None) -> Parsed:
    """The non-blank rows read by np.loadtxt; a ValueError at anything unusual. label None: no label column."""
    # A quoted field across lines loadtxt would join without its newline, and a stray quote
    # would swallow the rows after it: rows with an odd number of quotes go to the csv module.
    if any(row.count('"') % 2 for row in rows):
        raise ValueError("a quoted field spans lines")
    seen: dict[str, int] = {}
    table = np.loadtxt(
        rows,
        delimiter=",",
        quotechar='"',
        comments=None,
        ndmin=2,
        converters=None if label is None else {label: lambda cell: seen.setdefault(cell.strip(), len(seen))},
    )
    # Without usecols loadtxt refuses ragged rows itself; the header's width it does not know.
    if table.shape[1] != n_columns or not np.isfinite(table).all():
        raise ValueError("not a clean file: find the problem cell by cell")
    if label is None:
        return table, [], np.zeros(0, dtype=np.intp)
    names = [check_label(cell) for cell in seen]
    return np.delete(table, label, axis=1), names, table[:, label].astype(np.intp)


def _parse_precisely(lines: list[str], header: list[str], label: int | None, where: str) -> Parsed:
    """What _parse_fast returns for the lines after the header, read cell by cell; a DataError at the first bad cell."""
    reader = csv.reader(io.StringIO("\n".join(lines[1:])), strict=True)
    features, labels = [], []
    rows = 0
    start = 2  # the line where the next record begins
    try:
        for record in reader:
            if lines[start - 1].strip():  # blank lines are skipped, as in the fast pass
                _check_width(record, header, where, start)
                features.extend(_number(record, j, header, where, start) for j in range(len(header)) if j != label)
                if label is not None:
                    labels.append(_label(record, label, header, where, start))
                rows += 1
            start = reader.line_num + 2
    except csv.Error as error:
        raise DataError(f"malformed CSV: {error}", where, start) from None
    names, codes = np.unique(labels, return_inverse=True)
    return np.array(features, dtype=np.float64).reshape(rows, -1), names.tolist(), codes


def _check_width(record: list[str], header: list[str], where: str, line: int) -> None:
    if len(record) != len(header):
        separator = _other_separator(record[0]) if len(record) == 1 else None
        hint = f" (it looks {separator}-separated)" if separator else ""
        raise DataError(
            f"{len(record)} field{'s' * (len(record) != 1)}, but the header has {len(header)}{hint}",
            where,
            line,
            min(len(record), len(header)) + 1,
        )


def _number(record: list[str], j: int, header: list[str], where: str, line: int) -> float:
    try:
        return parse_number(record[j])
    except ValueError as error:
        raise DataError(f"column {header[j]!r}: {error}", where, line, j + 1) from None


def _label(record: list[str], j: int, header: list[str], where: str, line: int) -> str:
    try:
        return check_label(record[j])
    except ValueError as error:
        raise DataError(f"column {header[j]!r}: {error}", where, line, j + 1) from None


def _fields(line: str, where: str, number: int) -> list[str]:
    try:
        return next(csv.reader([line], strict=True))
    except csv.Error as error:
        raise DataError(f"malformed CSV: {error}", where, number) from None


def _other_separator(text: str) -> str | None:
    """';' or 'tab' when `text` has no comma but has one of those: a file in another dialect."""
    if "," in text:
        return None
    return ";" if ";" in text else "tab" if "\t" in text else None


def _list(names: list[str], most: int = 12) -> str:
    """Column names for a message, cut short when there are many."""
    shown = ", ".join(names[:most])
    return shown if len(names) <= most else f"{shown}, ... ({len(names)} columns)"
