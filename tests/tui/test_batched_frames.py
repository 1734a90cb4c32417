"""While frames are costly the worker hands the UI longer batches of steps: the screen still ends on
exactly the headless numbers with every step on the curves, and a pause mid-batch shows the step it
paused at. The boundary is redrawn only when a step changes what it shows."""

import itertools

import numpy as np
from textual.geometry import Region
from app_pilot import ready, settle, wait_for

from engine.pipeline import make_trainer
from tui_clf.app.frame_budget import FrameBudget
from tui_clf.app.training_loop import FLUSH_SECONDS
from tui_clf.app.widgets.boundary_plot import BoundaryPlot
from tui_clf.app.widgets.model_views import ModelViews
from tui_clf.app.widgets.status_line import StatusLine


def costly_frames() -> FrameBudget:
    """A budget that reads the UI's CPU as all the process's: frames so costly that it asks for ever longer batches."""
    ticks = itertools.count()

    def clock() -> float:  # read as both the UI's CPU and the process's: the UI took it all
        return float(next(ticks))

    return FrameBudget(ui_cpu=clock, process_cpu=clock)


def headless(app, steps: int):
    """A fresh trainer of the app's session config after `steps` steps, and its records."""
    config = app.session.config
    trainer = make_trainer(config.prepare(config.load()), config.training)
    return trainer, trainer.run(steps).records


def assert_screen_shows_headless_run(app, steps: int) -> None:
    """Curves, status line and model views show the headless run of `steps` steps, every step on the curves."""
    trainer, records = headless(app, steps)
    assert app.history.steps.values.tolist() == list(range(steps + 1)), "a step is missing from the curves"
    expected = [app.session.start.train_cost] + [r.train_cost for r in records]
    np.testing.assert_allclose(app.history.train_cost.values, expected, rtol=1e-12)
    np.testing.assert_allclose(app.history.val_cost.values[1:], [r.val_cost for r in records], rtol=1e-12)
    final = trainer.final_record()
    numbers = app.query_one(StatusLine).numbers
    assert numbers.step == steps
    np.testing.assert_allclose([numbers.train_cost, numbers.val_cost], [final.train_cost, final.val_cost], rtol=1e-12)
    shown = app.query_one(ModelViews).shown_params
    np.testing.assert_allclose(shown.W, trainer.params.W, rtol=1e-12)
    np.testing.assert_allclose(shown.b, trainer.params.b, rtol=1e-12)


async def test_with_costly_frames_the_screen_ends_on_the_headless_numbers_with_every_step(make_app):
    app = make_app(epochs=4000, val_split=0.2)  # long enough for several batches on a fast machine
    app.frame_budget = costly_frames()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("space")
        await wait_for(pilot, lambda: app.state == "done", "the run to finish its epochs")
        await settle(pilot)
        assert app.controls.flush_seconds > 2 * FLUSH_SECONDS, "the batches were not stretched"
        assert_screen_shows_headless_run(app, 4000)


async def test_a_pause_in_the_middle_of_a_long_batch_shows_the_step_it_paused_at(make_app):
    app = make_app(epochs=10**6, val_split=0.2)
    app.controls.flush_seconds = 3600.0  # one batch that only the pause ends
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("space")
        await wait_for(pilot, lambda: app.session.trainer.steps >= 5, "some steps on the worker")
        assert len(app.history) == 1, "a batch reached the screen before the pause"
        await pilot.press("space")
        await wait_for(pilot, lambda: app.state == "paused", "the pause")
        await settle(pilot)
        paused_at = app.session.trainer.steps
        assert app.progress.steps == paused_at
        assert_screen_shows_headless_run(app, paused_at)


async def test_a_step_that_moves_no_cell_or_point_does_not_redraw_the_boundary(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        plot = app.query_one("#boundary-plot", BoundaryPlot)
        renders = []
        draw = plot.render
        plot.render = lambda: renders.append(1) or draw()
        params = app.progress.params
        plot.show(app.session, params)
        await pilot.pause()
        assert renders == [], "the same weights were drawn again"
        moved = type(params)(params.W * 1.0000001, params.b)  # far less than a cell
        plot.show(app.session, moved)
        await pilot.pause()
        assert renders == [], "a change too small to see was drawn again"
        flipped = type(params)(-params.W, -params.b)  # every region changes class
        plot.show(app.session, flipped)
        await pilot.pause()
        assert renders, "a boundary that moved was not drawn"


async def test_after_training_the_boundary_on_screen_is_a_fresh_drawing_of_the_weights(make_app):
    app = make_app(epochs=10**6)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("space")
        await wait_for(pilot, lambda: app.progress.steps >= 300, "some batches of steps")
        await pilot.press("space")
        await wait_for(pilot, lambda: app.state == "paused", "the pause")
        await settle(pilot)
        plot = app.query_one("#boundary-plot", BoundaryPlot)
        region = Region(0, 0, *plot.size)
        on_screen = [strip.text for strip in plot.render_lines(region)]
        plot.refresh()
        assert [strip.text for strip in plot.render_lines(region)] == on_screen
