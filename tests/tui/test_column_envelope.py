"""A long curve thinned per plot column keeps each column's lowest and highest point and the last one."""

import numpy as np
import pytest

from tui_clf.views.column_envelope import column_envelope


def plot_columns(x: np.ndarray, first: float, last: float, columns: int) -> np.ndarray:
    """The canvas column plotext draws each x in (plot_columns.py)."""
    return np.floor(0.5 + (columns - 1) * (x - first) / (last - first)).astype(int)


@pytest.mark.parametrize("n", [1_000, 100_000, 123_457])
@pytest.mark.parametrize("columns", [10, 110])
def test_every_column_keeps_the_min_and_the_max_of_its_original_points(n, columns):
    rng = np.random.default_rng(n + columns)
    x = np.arange(1, n + 1, dtype=float)
    y = 1 / x + 0.05 * rng.standard_normal(n)
    y[n // 3] = 1e6  # one diverging step
    dx, dy = column_envelope(x, y, columns)
    original, thinned = plot_columns(x, x[0], x[-1], columns), plot_columns(dx, x[0], x[-1], columns)
    for c in np.unique(original):
        assert dy[thinned == c].min() == y[original == c].min()
        assert dy[thinned == c].max() == y[original == c].max()
    assert 1e6 in dy
    assert (dx[-1], dy[-1]) == (x[-1], y[-1]), "the last point is where the curve is now"
    assert np.all(np.diff(dx) > 0)


@pytest.mark.parametrize("n", [300, 10_000, 1_000_000])
def test_the_points_kept_do_not_grow_with_the_history(n):
    x = np.arange(n, dtype=float)
    y = np.sin(x / 7.0)  # every column spans the same range: as many points kept as can be
    dx, _ = column_envelope(x, y, 110)
    assert len(dx) <= 2 * 110 + 1


def test_a_short_curve_is_drawn_whole():
    x, y = np.arange(10.0), np.arange(10.0)
    dx, dy = column_envelope(x, y, 80)
    assert dx is x and dy is y
