"""Numbers for people: short, and never a bare nan or inf without a warning sign."""

from __future__ import annotations

import math

WARNING_SIGN = "⚠"


def number(value: float | None, digits: int = 4) -> str:
    """`value` to `digits` significant digits; "-" when absent; nan and inf flagged with ⚠."""
    if value is None:
        return "-"
    if not math.isfinite(value):
        return f"{WARNING_SIGN} {value}"
    return f"{value:.{digits}g}"


def percent(value: float | None) -> str:
    """A fraction as a percentage with one decimal: 0.042 -> "4.2%"."""
    if value is None:
        return "-"
    if not math.isfinite(value):
        return f"{WARNING_SIGN} {value}"
    return f"{100 * value:.1f}%"


def count(value: int) -> str:
    """An integer with thin separators every three digits: 12345 -> "12 345"."""
    return f"{value:,}".replace(",", "\u2009")
