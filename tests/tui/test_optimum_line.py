"""Squared error's exact optimum (lecture 2.2) as a level line on the app's cost curve."""

from app_pilot import ready, settle, wait_for

from tui_clf.app.widgets.curve_plot import OPTIMUM_MARKER


async def test_the_cost_curve_of_squared_error_shows_the_exact_optimum_and_approaches_it(make_app):
    app = make_app(data="breast_cancer", loss="squared-error", lr=0.1, epochs=40)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        optimum = app.session.trainer.least_squares_cost()
        assert app.history.optimum_cost == optimum
        await pilot.press("space")
        await wait_for(pilot, lambda: app.state == "done", "the end of the run")
        await pilot.press("2")  # the curves' section
        await settle(pilot)
        assert min(app.history.train_cost.values) >= optimum
        cost = app.query_one("#cost-plot").render().plain
        assert "optimum" in cost and OPTIMUM_MARKER * 10 in cost


async def test_cross_entropy_has_no_optimum_line(make_app):
    app = make_app(data="breast_cancer", loss="cross-entropy")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert app.history.optimum_cost is None
