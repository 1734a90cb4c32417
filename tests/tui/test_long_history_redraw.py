"""A redraw's work does not grow with the history: plotext gets ~2 points a column, and the notes count as records arrive."""

import math

import numpy as np
from app_pilot import ready

from engine.records import StepRecord
from tui_clf.app.widgets.curve_plot import AXIS_COLUMNS, CurvePlot
from tui_clf.app.widgets.curves_pane import curve_notes
from tui_clf.views.history import History


def records(first: int, count: int, spike_every: int = 0) -> list[StepRecord]:
    """A falling, noisy cost from step `first` on; every `spike_every`-th cost is inf (a step that overflowed)."""
    rng = np.random.default_rng(first)
    out = []
    for i in range(first, first + count):
        cost = math.inf if spike_every and i % spike_every == 0 else 1.0 / i + 0.01 * rng.random()
        out.append(StepRecord(i, i, cost, 0.1, 0.1, cost, 0.1, 0.12, 1.0 / i, 0.0, 0.1))
    return out


async def test_the_points_handed_to_plotext_are_bounded_by_the_columns_not_the_steps(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        plot = app.query_one("#cost-plot", CurvePlot)
        drawn = {}
        for total in (1_000, 100_000):
            app.history.extend(records(len(app.history), total - len(app.history)))
            plot.render()
            drawn[total] = plot.points_drawn
        columns = plot.size.width - AXIS_COLUMNS
        assert drawn[100_000] <= 2 * (2 * columns + 1), "train and validation: each at most 2 points a column and the last"
        assert drawn[1_000] > 2 * columns, "1000 steps already fill every column"


def test_the_costs_not_drawn_are_counted_as_records_arrive_and_forgotten_with_them():
    history = History()
    history.extend(records(1, 1000, spike_every=100))
    history.extend(records(1001, 1000, spike_every=100))
    assert history.costs_not_drawn == 2 * 20  # training and validation, 10 + 10 of each
    assert "40 costs not drawn" in curve_notes(history)
    history.extend(records(1500, 10))  # training went on from step 1499: the steps after it are dropped
    assert history.costs_not_drawn == 2 * 14
    history.clear()
    assert history.costs_not_drawn == 0 and curve_notes(history) == ""
