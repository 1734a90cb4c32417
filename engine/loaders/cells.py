"""What one cell of a text data file may hold: a finite number, or a class label.

The CSV and svmlight readers share these so both refuse the same cells in the same words.
"""

from __future__ import annotations

import math


def parse_number(text: str) -> float:
    """The finite float written in `text`, or a ValueError that says what is wrong with it."""
    cell = text.strip()
    if not cell:
        raise ValueError("empty cell (a missing value?)")
    try:
        value = float(cell)
    except ValueError:
        raise ValueError(f"{cell!r} is not a number") from None
    if math.isnan(value):
        raise ValueError(f"{cell!r} is not a number (NaN: a missing value?)")
    if math.isinf(value):
        # "1e400" parses as inf: say it overflowed rather than that it is infinite.
        spelled_out = cell.lower().lstrip("+-") in ("inf", "infinity")
        raise ValueError(f"{cell!r} is infinite" if spelled_out else f"{cell} overflows a 64-bit float")
    return value


def check_label(text: str) -> str:
    """`text` stripped, or a ValueError when it cannot name a class (empty, or NaN)."""
    label = text.strip()
    if not label:
        raise ValueError("empty label (a missing value?)")
    if label.lower() in ("nan", "-nan", "+nan"):
        raise ValueError(f"label {label!r} is a missing value")
    return label


def is_number(text: str) -> bool:
    """True when float() reads `text` (NaN and inf included)."""
    try:
        float(text)
    except ValueError:
        return False
    return True
