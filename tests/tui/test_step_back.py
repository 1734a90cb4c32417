"""b and f step through the kept past; space or s from a past step trains on from it, bit for bit as a run
that had stopped there; every view shows the step (status line, curves' mark, model views, gradient check)."""

import numpy as np
import pytest
from app_pilot import press_at_once, ready, settle, train

from engine.pipeline import make_trainer
from tui_clf.app.widgets.model_views import ModelViews
from tui_clf.app.widgets.status_line import StatusLine


def headless_params(app, steps: int):
    """The weights after `steps` steps of a fresh trainer on the app's session config."""
    config = app.session.config
    trainer = make_trainer(config.prepare(config.load()), config.training)
    trainer.run(steps)
    return trainer.params


def status(app) -> str:
    return str(app.query_one(StatusLine).render())


async def test_b_b_b_f_s_at_once_trains_on_from_the_step_shown_as_a_run_that_never_stopped(make_app):
    app = make_app(epochs=10**6)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await press_at_once(pilot, *["s"] * 6, "b", "b", "b", "f", "s")
        await settle(pilot)
        # 6 steps; back to 5, 4, 3; forward to 4; one step from 4: step 5.
        assert app.progress.steps == 5
        assert app.history.steps.values.tolist() == [0, 1, 2, 3, 4, 5], "the curves after the step resumed from are cut"
        assert app.history.shown_step is None and "back from" not in status(app)
        expected = headless_params(app, 5)
        assert np.array_equal(app.progress.params.W, expected.W) and np.array_equal(app.progress.params.b, expected.b)


async def test_b_shows_the_step_before_in_every_view(make_app):
    app = make_app(epochs=10**6)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await train(pilot, 10)
        await press_at_once(pilot, "b", "b")
        await settle(pilot)
        assert app.progress.steps == 10, "looking back does not move the trainer"
        numbers = app.query_one(StatusLine).numbers
        assert numbers.step == 8 and "back from 10" in status(app)
        assert numbers.train_cost == app.history.train_cost.values[8]
        assert app.history.shown_step == 8
        assert np.array_equal(app.query_one(ModelViews).shown_params.W, headless_params(app, 8).W)
        await press_at_once(pilot, "f", "f")
        await settle(pilot)
        assert app.history.shown_step is None and app.query_one(StatusLine).numbers.step == 10
        assert np.array_equal(app.query_one(ModelViews).shown_params.W, app.progress.params.W)


@pytest.mark.parametrize(
    ("optimizer", "batch_size"), [("momentum", None), ("adam", None), ("momentum", 16), ("adam", 16)]
)
async def test_resuming_from_a_past_step_keeps_the_optimiser_state_and_the_batches(make_app, optimizer, batch_size):
    app = make_app(epochs=10**6, optimizer=optimizer, batch_size=batch_size, lr=0.05)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await train(pilot, 30)
        await press_at_once(pilot, *["b"] * 7, *["s"] * 4)
        await settle(pilot)
        assert app.progress.steps == 27
        expected = headless_params(app, 27)
        assert np.array_equal(app.progress.params.W, expected.W) and np.array_equal(app.progress.params.b, expected.b)


async def test_g_on_a_past_step_checks_the_weights_shown(make_app):
    app = make_app(epochs=10**6)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await press_at_once(pilot, "s", "s", "s", "b", "g")
        await settle(pilot)
        summary = app.query_one("#gradcheck-summary").render().plain
        assert summary.startswith("Step 2:")


async def test_b_at_the_first_step_stays_there(make_app):
    app = make_app(epochs=10**6)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await press_at_once(pilot, "s", "b", "b", "b")
        await settle(pilot)
        assert app.history.shown_step == 0 and app.query_one(StatusLine).numbers.step == 0
