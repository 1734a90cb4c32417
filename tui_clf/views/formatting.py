"""Numbers for people: short, and never a bare nan or inf without a warning sign."""

from __future__ import annotations

import math
import re

WARNING_SIGN = "⚠"
# C0 and C1 controls, DEL, line and paragraph separators, bidirectional overrides and isolates.
CONTROL_CHARACTERS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """`text` with each control character written as its escape (\\x1b, \\r, \\u202e).

    Class names, feature names and paths come from files: an ESC or OSC sequence in one
    must reach the terminal as visible text, never as a command to the terminal.
    """
    return CONTROL_CHARACTERS.sub(lambda match: match.group().encode("unicode_escape").decode("ascii"), text)


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
