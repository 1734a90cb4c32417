"""The step cursor on the curves and the h cursor on the h sweep read the recorded numbers under them."""

import pytest
from app_pilot import press_at_once, ready, settle, train, widget_lines

from tui_clf.app.widgets.curve_plot import CurvePlot
from tui_clf.app.widgets.h_sweep_plot import HSweepPlot
from tui_clf.views.formatting import number, percent
from tui_clf.views.plot_columns import x_at_column


def readout_text(app) -> str:
    return " ".join(" ".join(widget_lines(app, app.query_one("#curves-readout"))).split())


def expected_reading(app, step: int) -> str:
    """The readout's words for the training series at `step`, from the History the plots draw."""
    h = app.history
    i = list(h.steps.values).index(step)
    return f"step {step} (cost, error) train {number(float(h.train_cost.values[i]))}, {percent(float(h.train_error.values[i]))}"


@pytest.mark.parametrize("size, keys", [((120, 40), ()), ((80, 24), ("0",))])
async def test_arrows_with_nothing_focused_read_the_curves_at_the_step_under_the_cursor(make_app, size, keys):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        await train(pilot, 40)
        assert not app.query_one("#curves-readout").display  # off until asked for
        await press_at_once(pilot, *keys, "left", "left", "shift+left", "right")
        await settle(pilot)
        cost = app.query_one("#cost-plot", CurvePlot)
        assert app.focused is cost and cost.cursor.x == 31.0  # 40, 39, 38, 30 (a coarse step to the grid of 10), 31
        assert app.query_one("#error-plot", CurvePlot).cursor == cost.cursor
        assert expected_reading(app, 31) in readout_text(app)
        h = app.history
        j = list(h.val_steps.values).index(31)  # full batch: validation measured at every step
        assert f"val {number(float(h.val_cost.values[j]))}, {percent(float(h.val_error.values[j]))}" in readout_text(app)
        await press_at_once(pilot, "escape")
        await settle(pilot)
        assert cost.cursor is None and not app.query_one("#curves-readout").display


async def test_a_click_on_the_error_plot_reads_the_nearest_step_on_both_plots(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await train(pilot, 50)
        error = app.query_one("#error-plot", CurvePlot)
        columns, low, high = error._canvas
        column = columns.start + len(columns) // 4
        await pilot.click(error, offset=(column, 3))
        await settle(pilot)
        step = round(x_at_column(column, columns, low, high))
        assert app.focused is error and error.cursor.x == step
        assert app.query_one("#cost-plot", CurvePlot).cursor.x == step
        assert expected_reading(app, step) in readout_text(app)


async def test_the_h_cursor_reads_both_methods_errors_at_the_measured_h(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await press_at_once(pilot, "g")
        await settle(pilot)
        app.query_one("#view-tabs").active = "tab-h-sweep"
        await settle(pilot)
        plot = app.query_one(HSweepPlot)
        sweep = plot.sweep
        assert app.focused is plot
        await press_at_once(pilot, "left", "left")
        await settle(pilot)
        i = plot.cursor
        assert sweep.h[i + 2] == pytest.approx(sweep.best_h_central, rel=0.2)  # it starts at the best two-sided h
        title = widget_lines(app, plot)[0]
        assert f"h = {sweep.h[i]:.1e}: one-sided {number(sweep.forward_error[i], 2)}, two-sided {number(sweep.central_error[i], 2)}" in title
        columns, low, high = plot._canvas
        await pilot.click(plot, offset=(columns.start, 5))
        await settle(pilot)
        assert plot.cursor == 0 and f"h = {sweep.h[0]:.1e}" in widget_lines(app, plot)[0]
