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


def envelope_by_columns(x: np.ndarray, y: np.ndarray, columns: int) -> np.ndarray:
    """The rows kept, column by column in Python: each column's first lowest and first highest point, and the last."""
    column = plot_columns(x, x[0], x[-1], columns) if columns > 1 else np.zeros(len(x), int)
    rows = {len(x) - 1}
    for c in np.unique(column):
        mine = np.flatnonzero(column == c)
        rows |= {mine[np.argmin(y[mine])], mine[np.argmax(y[mine])]}  # argmin/argmax: the first of equals
    return np.array(sorted(rows))


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("columns", [1, 2, 7, 110])
def test_the_rows_kept_are_those_of_a_column_by_column_search_on_uneven_steps_and_ties(seed, columns):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(3 * columns + 1, 5000))
    # Uneven gaps (validation every few steps, a long pause) leave columns empty; rounded values tie.
    x = np.cumsum(rng.choice([1.0, 1.0, 3.0, 0.1, 250.0], size=n)) + rng.integers(0, 10**6)
    y = np.round(rng.standard_normal(n), 1)
    dx, dy = column_envelope(x, y, columns)
    rows = envelope_by_columns(x, y, columns)
    np.testing.assert_array_equal(dx, x[rows])
    np.testing.assert_array_equal(dy, y[rows])


@pytest.mark.parametrize(("columns", "first", "span"), [(143, 123456.789, 1443.0261271963375), (247, 1e9, 249414.0)])
def test_points_a_rounding_away_from_a_column_edge_go_to_the_column_plotext_draws_them_in(columns, first, span):
    # Each edge (where 0.5 + (W - 1)(x - x_0)/span reaches the next integer) and its float neighbours:
    # the binary search's threshold and plotext's formula round differently at some of them.
    edges = first + (np.arange(1, columns) - 0.5) * span / (columns - 1)
    x = np.unique(np.concatenate([[first], edges, np.nextafter(edges, -np.inf), np.nextafter(edges, np.inf), [first + span]]))
    y = np.random.default_rng(columns).standard_normal(len(x))
    dx, dy = column_envelope(x, y, columns)
    rows = envelope_by_columns(x, y, columns)
    np.testing.assert_array_equal(dx, x[rows])
    np.testing.assert_array_equal(dy, y[rows])
