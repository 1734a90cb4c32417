"""No point of a curve hides under plotext's legend: the y axis gets room for it when a curve runs there."""

import numpy as np
import plotext as plt
import pytest
from plot_frames import boxes, inside

from tui_clf.views.legend_room import legend_top

WIDTH, HEIGHT = 40, 18


def canvas(curves, labels, top) -> list[str]:
    """The canvas rows of a plotext plot of `curves` (labelled or not), without colour, its top at `top`."""
    plt.clear_figure()
    plt.plotsize(WIDTH, HEIGHT)
    plt.theme("clear")
    for (x, y), label in zip(curves, labels):
        plt.plot(x.tolist(), y.tolist(), marker="dot", label=label)
    if top is not None:
        plt.ylim(None, top)
    lines = plt.build().splitlines()
    plt.clear_figure()
    return inside(lines, boxes(lines)[0])


def falling_cost(steps: int = 100) -> tuple[np.ndarray, np.ndarray]:
    x = np.arange(steps, dtype=float)
    return x, 0.1 + 0.6 * np.exp(-x / 10)


@pytest.mark.parametrize(
    "curves",
    [[falling_cost()], [falling_cost(), (np.arange(100.0), 0.15 + 0.55 * np.exp(-np.arange(100.0) / 12))]],
)
def test_every_point_of_a_falling_curve_stays_in_sight_of_the_legend(curves):
    labels = ["train", "validation"][: len(curves)]
    bare = canvas(curves, [None] * len(curves), None)
    columns, rows = len(bare[0]), len(bare)
    top = legend_top(curves, labels, columns, rows)
    assert top is not None and top > max(float(y.max()) for _, y in curves)
    drawn_bare = canvas(curves, [None] * len(curves), top)
    drawn = canvas(curves, labels, top)
    legend_width = 5 + max(map(len, labels))
    for row in range(len(labels)):
        # Under the legend's cells the unlabelled plot has nothing: the legend covers no point.
        assert drawn_bare[row][:legend_width].strip() == "", (row, drawn_bare[row])
        assert labels[row] in drawn[row]
    # The same top without the room: step 0's point (the highest) would lie under the legend.
    lowest_top = canvas(curves, [None] * len(curves), None)
    assert lowest_top[0][:legend_width].strip() != ""


def test_a_curve_clear_of_the_legend_keeps_every_row():
    x = np.arange(100.0)
    rising = (x, 0.1 + 0.005 * x)  # low on the left, high on the right: nothing under the legend
    assert legend_top([rising], ["train"], 30, 10) is None


def test_a_plot_too_short_to_spare_the_rows_keeps_its_legend_over_the_data():
    # Two legend rows need 6 rows of data below them, and the row plotext's rounding takes.
    assert legend_top([falling_cost()], ["train", "val"], 30, 8) is None
    assert legend_top([falling_cost()], ["train", "val"], 30, 9) is not None


def test_an_error_rate_axis_is_not_raised_past_one():
    x, y = falling_cost()
    assert legend_top([(x, y)], ["train"], 30, 12) > 0.7
    assert legend_top([(x, y)], ["train"], 30, 12, highest=0.7) is None


def test_on_a_log_axis_the_top_is_in_the_data_units():
    x, y = falling_cost()
    top = legend_top([(x, y)], ["train"], 30, 10, log=True)
    assert top is not None
    # Raised by 1 of 8 data rows in log10: from 0.7 to 0.7 * (0.7 / 0.1) ** (1 / 8).
    assert top == pytest.approx(y.max() * (y.max() / y.min()) ** (1 / 8), rel=1e-6)
