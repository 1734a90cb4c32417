"""Squared error's exact optimum (lecture 2.2) as a level line on the app's cost curve."""

from app_pilot import ready, settle, wait_for
from plot_frames import boxes, inside, legend

from tui_clf.app.widgets.curve_plot import OPTIMUM_MARKER

BRAILLE = range(0x2800, 0x2900)  # the training curve's cells


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
        lines = app.query_one("#cost-plot").render().plain.splitlines()
        rows = inside(lines, boxes(lines)[0])
        assert legend(rows)["optimum"] == OPTIMUM_MARKER
        assert rows[-1].startswith(OPTIMUM_MARKER * 3)  # the lowest row: the line, left of where the curve comes down onto it


async def test_curves_that_reach_the_optimum_are_drawn_over_its_line(make_app):
    # A user's try at 80 x 24: near convergence the line hid both curves and the step shown.
    app = make_app(data="blobs", loss="squared-error", epochs=40)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("space")
        await wait_for(pilot, lambda: app.state == "done", "the end of the run")
        for _ in range(5):
            await pilot.press("b")  # step 35 shown: its vertical line crosses the optimum's row
        await settle(pilot)
        h = app.history
        # The optimum is the lowest value drawn: its line lies on the canvas's bottom row, where the curves end.
        assert h.optimum_cost <= min(h.train_cost.values.min(), h.val_cost.values.min())
        lines = app.query_one("#cost-plot").render().plain.splitlines()
        rows = inside(lines, boxes(lines)[0])
        val_marker = legend(rows)["val"]
        bottom = rows[-1]
        converged = bottom[len(bottom) // 2:]
        assert converged and all(cell == val_marker or ord(cell) in BRAILLE for cell in converged), bottom


async def test_cross_entropy_has_no_optimum_line(make_app):
    app = make_app(data="breast_cancer", loss="cross-entropy")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert app.history.optimum_cost is None


async def test_a_curve_hidden_under_later_ones_is_named_beside_them_in_the_legend(make_app):
    # A user's try: with squared error on blobs-overlap the validation cost ends within a row of the
    # training cost and the optimum, and the legend named a training curve nowhere to be seen.
    app = make_app(data="blobs-overlap", loss="squared-error")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("space")
        await wait_for(pilot, lambda: app.state == "done", "the end of the run")
        await pilot.press("2")  # the curves' section: both plots side by side
        await settle(pilot)
        lines = app.query_one("#cost-plot").render().plain.splitlines()
        rows = inside(lines, boxes(lines)[0])
        entries = legend(rows)
        assert list(entries) == ["val ≈ optimum ≈ train"], entries
        # Hidden indeed: a tenth or less of the canvas's curve cells show the training curve's braille.
        braille = sum(ord(cell) in BRAILLE for row in rows for cell in row)
        marks = sum(cell == entries["val ≈ optimum ≈ train"] for row in rows for cell in row)
        assert braille <= 0.1 * (braille + marks), (braille, marks)
