"""The label column of a table, and raw class labels (strings) -> integer labels y and class names."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from engine.errors import DataError
from engine.loaders.cells import is_number


def encode_labels(names: Sequence[str], codes: np.ndarray, path: str) -> tuple[np.ndarray, tuple[str, ...]]:
    """y (N,) in 0..K-1 and the K class names, from distinct raw labels and each row's code.

    names: the distinct raw labels (stripped, non-empty); codes: (N,) indices into `names`.
    When every label is a finite number the classes are sorted numerically and named
    canonically ("+1", "1" and "1.0" are all class "1"); otherwise they are sorted as strings.
    """
    numeric = all(is_number(name) and math.isfinite(float(name)) for name in names)
    keys = [_canonical(float(name)) for name in names] if numeric else list(names)
    classes = tuple(sorted(set(keys), key=float if numeric else None))
    index = {name: k for k, name in enumerate(classes)}
    remap = np.array([index[key] for key in keys], dtype=np.intp)
    return remap[np.asarray(codes, dtype=np.intp)], classes


def _canonical(value: float) -> str:
    """A numeric label as a class name: "3" for 3.0, "0.5" for 0.5."""
    return str(int(value)) if value.is_integer() else repr(value)


def label_column(header: Sequence[str], target: str | int | None, where: str, line: int | None = None) -> int:
    """Index of the label column: `target` as a column name, else as an index (negative from the end)."""
    if target is None:
        return len(header) - 1
    if isinstance(target, str):
        if target in header:  # names are unique: every reader refuses repeats
            return header.index(target)
        try:
            target = int(target)
        except ValueError:
            raise DataError(f"no column {target!r}; the columns are: {column_list(header)}", where, line) from None
    if not -len(header) <= target < len(header):
        raise DataError(
            f"no column {target}: the header has {len(header)} columns (0 to {len(header) - 1}, or -1 for the last)",
            where,
            line,
        )
    return target % len(header)


def column_list(names: Sequence[str], most: int = 12) -> str:
    """Column names for a message, cut short when there are many."""
    shown = ", ".join(names[:most])
    return shown if len(names) <= most else f"{shown}, ... ({len(names)} columns)"
