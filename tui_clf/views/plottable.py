"""Which values plotext can draw: finite ones well inside the float range.

plotext works out spans, ticks and labels in floats: data near 1e308 makes a span of inf
and ticks of nan (`ValueError: cannot convert float NaN to integer`, or an OverflowError),
and on a log axis it overflows on values near 1e250. Every value within +-PLOT_LIMIT (on a
log axis, from 1/PLOT_LIMIT to PLOT_LIMIT) draws at any plot size. The plots leave the
other values out, never move them (a drawn point is always where it belongs), and say so.
"""

from __future__ import annotations

import numpy as np

PLOT_LIMIT = 1e200


def drawable(values: np.ndarray, *, log: bool = False) -> np.ndarray:
    """Mask of `values` (any shape) that plotext can place: finite, |v| <= PLOT_LIMIT, and
    on a log axis (`log`) also >= 1/PLOT_LIMIT."""
    values = np.asarray(values, dtype=float)
    with np.errstate(invalid="ignore"):
        inside = np.abs(values) <= PLOT_LIMIT  # False for nan and inf
        if log:
            inside &= values >= 1 / PLOT_LIMIT
    return inside


def drawable_rows(points: np.ndarray) -> np.ndarray:
    """Mask of the rows of `points` (N, D) whose every coordinate is drawable."""
    return drawable(points).all(axis=1)


def not_drawn(count: int, what: str) -> str:
    """The note on `count` values left out ("" when none is), e.g. "⚠ 3 points not drawn (inf, nan or beyond ±1e+200)"."""
    return f"⚠ {count} {what} not drawn (inf, nan or beyond ±{PLOT_LIMIT:.0e})" if count else ""
