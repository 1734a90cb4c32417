"""Which curves of a live plot lie under later ones, from the cells plotext fills."""

import numpy as np

from tui_clf.views.hidden_curves import Covered, covered_curves, curve_cells, line_cells, merged_labels

X = np.arange(100.0)


def test_a_line_between_two_points_fills_every_cell_between_them():
    columns, rows = line_cells(np.array([0, 4]), np.array([0, 2]))
    assert list(zip(columns.tolist(), rows.tolist())) == [(0, 0), (1, 0), (2, 1), (3, 2), (4, 2)]


def test_a_braille_curve_fills_a_cell_per_2_by_4_dots():
    # A level line at the bottom: every column's bottom cell, on a 10 x 5 canvas.
    cells = curve_cells(X, np.zeros(100), "braille", (0, 99), (0, 1), 10, 5)
    assert cells.tolist() == [column * 5 for column in range(10)]


def test_a_curve_drawn_over_by_a_later_one_in_the_same_cells_is_covered_and_a_distinct_one_is_not():
    falling = 0.3 - 0.001 * X  # gentle: a row every few columns, as a cost near its end
    curves = [(X, falling, "dot"), (X, falling + 1e-4, "dot"), (X, 0.5 + 0.002 * X, "braille")]
    assert covered_curves(curves, (0, 99), (0.1, 0.7), 40, 12) == [Covered(0, 1)]
    assert merged_labels(["train", "val", "other"], [Covered(0, 1)]) == [None, "val ≈ train", "other"]
