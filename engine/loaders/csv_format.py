"""Comma-separated files: a header row, then one row per example, one column of class labels.

The text is read in blocks of about a megabyte (engine.loaders.textfile), each parsed into
one growing float64 array, so loading needs little more memory than the array itself. Each
block goes to the fast pass, which hands its rows to NumPy's C parser (np.loadtxt) and
serves every well-formed file. From the first block where it fails, or reads a number that
is not finite, the precise pass walks the cells with the csv module and raises a DataError
at the first bad one: line counted from 1 with the header as line 1, column = 1-based field
number. A file the precise pass accepts loads from it, so the two never disagree on what loads.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from itertools import chain
from pathlib import Path
from typing import BinaryIO

import numpy as np

from engine.dataset import Dataset
from engine.errors import DataError
from engine.loaders.cells import check_label, is_number, parse_number
from engine.loaders.growing import GrowingRows
from engine.loaders.labels import encode_labels, label_column
from engine.loaders.textfile import Block, text_blocks

LABEL_HEADER = "label"  # the label column's name in files this module writes
FLUSH_ROWS = 4096  # the precise pass hands rows to the growing array this many at a time


# What a parse returns: X (N, D), the distinct raw labels, and each row's index (N,) into them.
Parsed = tuple[np.ndarray, list[str], np.ndarray]


def read_csv(path: Path, *, name: str, target: str | int | None, max_bytes: int) -> Dataset:
    """The dataset in the CSV file `path`; the label column is `target` (name or index), else the last."""
    where = str(path)
    with text_blocks(path, max_bytes) as blocks:
        header, rest = header_and_rest(blocks, where)
        label = label_column(header, target, where, rest[0] - 1)
        X, names, codes = _parse(chain([rest], blocks), header, label, where, max_bytes)
    y, classes = encode_labels(names, codes, where)
    features = tuple(column for j, column in enumerate(header) if j != label)
    return Dataset(name, X, y, classes, features, where)


def read_csv_features(path: Path, *, max_bytes: int) -> tuple[np.ndarray, tuple[str, ...]]:
    """X (N, D) and the column names of a CSV file with no label column (data to predict on)."""
    where = str(path)
    with text_blocks(path, max_bytes) as blocks:
        header, rest = header_and_rest(blocks, where)
        X, _, _ = _parse(chain([rest], blocks), header, None, where, max_bytes)
    return X, tuple(header)


def read_csv_header(path: Path, *, max_bytes: int) -> tuple[str, ...]:
    """The column names on the first line of a CSV file."""
    with text_blocks(path, max_bytes) as blocks:
        return tuple(header_and_rest(blocks, str(path))[0])


def write_csv(dataset: Dataset, file: BinaryIO) -> None:
    """Header (feature names, then "label"), then each row: repr of each float, then its class name."""
    text = io.TextIOWrapper(file, encoding="utf-8", newline="")
    text.write(",".join(_field(name) for name in (*dataset.feature_names, LABEL_HEADER)) + "\n")
    classes = [_field(name) for name in dataset.classes]
    for row, k in zip(dataset.X.tolist(), dataset.y.tolist(), strict=True):
        text.write(",".join(map(repr, row)) + f",{classes[k]}\n")  # repr: the shortest text that reads back exactly
    text.flush()
    text.detach()  # leave `file` open for the caller


def _field(name: str) -> str:
    """`name` as one CSV field: quoted when it holds a comma, a quote or a line break ("\r" too)."""
    text = io.StringIO()
    csv.writer(text, lineterminator="\r\n").writerow([name])  # quotes what holds either character of "\r\n"
    return text.getvalue()[:-2]


def header_and_rest(blocks: Iterator[Block], where: str) -> tuple[list[str], Block]:
    """The column names on the first record (a quoted name may hold a line break), and the lines after it."""
    first, lines = next(blocks)  # text_blocks raises "empty file" rather than yield nothing
    reader = csv.reader(lines, strict=True)
    try:
        record = next(reader)
    except csv.Error as error:
        raise DataError(f"malformed CSV: {error}", where, first) from None
    return _header(record, where, first), (first + reader.line_num, lines[reader.line_num :])


def _parse(blocks: Iterator[Block], header: list[str], label: int | None, where: str, max_bytes: int) -> Parsed:
    """X (N, D), the distinct raw labels and each row's index into them, gathered from parsed_blocks."""
    X = GrowingRows(len(header) - (label is not None), np.float64, max_bytes, where)
    codes = GrowingRows(1, np.intp, max_bytes, where)
    seen: dict[str, int] = {}  # raw label -> its code, in order of appearance
    for features, block_codes in parsed_blocks(blocks, header, label, where, seen):
        X.append(features)
        if label is not None:
            codes.append(block_codes[:, np.newaxis])
    if X.n == 0:
        raise DataError("only a header row, no data rows", where)
    return X.result(), list(seen), codes.result()[:, 0]


def parsed_blocks(
    blocks: Iterator[Block], header: list[str], label: int | None, where: str, seen: dict[str, int]
) -> Iterator[tuple[np.ndarray, np.ndarray | None]]:
    """(features (n, D), label codes (n,) into `seen`, None without a label column), block by block.

    Each block goes to the fast pass; from the first block it fails on, the precise pass
    reads the rest of the file (a quoted field may then span blocks). New raw labels are
    added to `seen` (raw label -> code, in order of appearance).
    """
    for first, lines in blocks:
        known = len(seen)
        try:
            table = _parse_fast([line for line in lines if line.strip()], len(header), label, seen, known)
        except ValueError:
            for key in list(seen)[known:]:  # labels of the failed block: the precise pass sees them again
                del seen[key]
            lines_left = chain(lines, chain.from_iterable(rest for _, rest in blocks))
            yield from _parse_precisely(lines_left, first, header, label, where, seen)
            return
        if label is None:
            yield table, None
        else:
            yield np.delete(table, label, axis=1), table[:, label].astype(np.intp)


def _header(record: list[str], where: str, number: int) -> list[str]:
    """The column names in the record on line `number`, refusing a file in another dialect or with no header."""
    fields = [field.strip() for field in record]
    if len(fields) < 2:
        separator = _other_separator(",".join(record))
        if separator:
            raise DataError(f"looks {separator}-separated; save the file with commas between columns", where, number)
        raise DataError("only one column: a CSV needs feature columns and a label column", where, number)
    if _looks_like_data(fields):
        raise DataError("no header row? the first line looks like data; add a line naming the columns", where, number)
    for j, field in enumerate(fields):
        if not field:
            raise DataError(f"column {j + 1} has no name in the header", where, number, j + 1)
        if field in fields[:j]:
            raise DataError(f"column name {field!r} appears twice in the header", where, number, j + 1)
    return fields


def _looks_like_data(fields: list[str]) -> bool:
    """True when every field but at most one (the label) is a number, as on a data row.

    Numbers as column names ("0,1,2,label") are refused too: such a line cannot be told
    from a first data row, and silently losing that row is worse than asking for names.
    """
    return sum(is_number(f) for f in fields) >= len(fields) - 1


def _parse_fast(rows: list[str], n_columns: int, label: int | None, seen: dict[str, int], known: int) -> np.ndarray:
    """The non-blank rows read by np.loadtxt, labels coded through `seen`; a ValueError at anything unusual.

    The table is (rows, n_columns), the label column (None: there is none) holding codes.
    known: how many labels `seen` held before this block; only the new ones are checked.
    """
    if not rows:
        return np.empty((0, n_columns))
    # A quoted field across lines loadtxt would join without its newline, and a stray quote
    # would swallow the rows after it: rows with an odd number of quotes go to the csv module.
    if any(row.count('"') % 2 for row in rows):
        raise ValueError("a quoted field spans lines")
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
    for name in list(seen)[known:]:
        check_label(name)
    return table


def _parse_precisely(
    lines: Iterator[str], first: int, header: list[str], label: int | None, where: str, seen: dict[str, int]
) -> Iterator[tuple[np.ndarray, np.ndarray | None]]:
    """The records in `lines` (from line `first` on) read cell by cell, FLUSH_ROWS at a time as
    parsed_blocks yields them; a DataError at the first bad cell."""
    source = _RecordLines(lines)
    reader = csv.reader(source, strict=True)
    features: list[list[float]] = []
    codes: list[int] = []
    start = first  # the line where the next record begins
    try:
        for record in reader:
            if source.first_line.strip():  # blank lines are skipped, as in the fast pass
                _check_width(record, header, where, start)
                features.append([_number(record, j, header, where, start) for j in range(len(header)) if j != label])
                if label is not None:
                    codes.append(seen.setdefault(_label(record, label, header, where, start), len(seen)))
                if len(features) == FLUSH_ROWS:
                    yield _flushed(features, codes, label)
            source.first_line = None
            start = first + reader.line_num
    except csv.Error as error:
        raise DataError(f"malformed CSV: {error}", where, start) from None
    if features:
        yield _flushed(features, codes, label)


def _flushed(features: list[list[float]], codes: list[int], label: int | None) -> tuple[np.ndarray, np.ndarray | None]:
    """The rows gathered so far as arrays, the lists emptied for the next ones."""
    out = np.array(features), np.array(codes, dtype=np.intp) if label is not None else None
    features.clear()
    codes.clear()
    return out


class _RecordLines:
    """The lines handed to csv.reader, remembering the first line of the record being read."""

    def __init__(self, lines: Iterator[str]) -> None:
        self.lines = lines
        self.first_line: str | None = None

    def __iter__(self) -> _RecordLines:
        return self

    def __next__(self) -> str:
        line = next(self.lines)
        if self.first_line is None:
            self.first_line = line
        return line


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


def _other_separator(text: str) -> str | None:
    """';' or 'tab' when `text` has no comma but has one of those: a file in another dialect."""
    if "," in text:
        return None
    return ";" if ";" in text else "tab" if "\t" in text else None
