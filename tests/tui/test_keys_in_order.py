"""Keys pressed back to back, faster than a person types: each acts, in order, on the state before it.

The keys arrive in one burst (press_at_once), so the training thread is still busy with one
key when the next ones arrive; only then does the test settle and look.
"""

import numpy as np
from app_pilot import press_at_once, ready, settle, train

from engine.pipeline import make_trainer
from tui_clf.app.gradient_lab import check_session_gradient
from tui_clf.app.widgets.gradcheck_pane import GradCheckPane
from tui_clf.app.widgets.status_line import StatusLine
from tui_clf.views.formatting import number


def headless_weights(app, steps: int) -> np.ndarray:
    """W after `steps` steps of a fresh trainer on the app's session config, as `tui-clf train` takes them."""
    config = app.session.config
    trainer = make_trainer(config.prepare(config.load()), config.training)
    trainer.run(steps)
    return trainer.params.W


def shown_step(app) -> int:
    numbers = app.query_one(StatusLine).numbers
    return 0 if numbers is None else numbers.step


async def test_ten_quick_presses_of_s_take_ten_steps_as_the_headless_trainer_does(make_app):
    app = make_app(epochs=10**6)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await press_at_once(pilot, *["s"] * 10)
        await settle(pilot)
        assert app.progress.steps == 10
        assert shown_step(app) == 10 and len(app.history) == 11  # record 0 and ten steps
        assert "step 10/" in str(app.query_one(StatusLine).render())
        assert np.array_equal(app.progress.params.W, headless_weights(app, 10))


async def test_r_then_space_at_once_resets_and_trains(make_app):
    app = make_app(epochs=40)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await train(pilot, 15)
        await press_at_once(pilot, "r", "space")
        await settle(pilot)
        assert app.state == "done", "the space was lost"
        assert app.progress.steps == 40 and app.history.steps.values[:2].tolist() == [0.0, 1.0]
        assert np.array_equal(app.progress.params.W, headless_weights(app, 40))


async def test_space_s_r_g_ends_with_the_gradient_pane_and_the_status_at_step_0(make_app):
    app = make_app(epochs=10**6)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await press_at_once(pilot, "space", "s", "r", "g")
        await settle(pilot)
        assert not app.is_training and app.state == "idle"
        assert app.progress.steps == 0 and shown_step(app) == 0
        assert app.query_one("#gradcheck-summary").render().plain.startswith("Step 0:")
        assert np.array_equal(app.progress.params.W, app.session.initial.params.W)


async def test_s_s_g_checks_the_weights_of_step_2(make_app):
    app = make_app(epochs=10**6)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await press_at_once(pilot, "s", "s", "g")
        await settle(pilot)
        assert app.progress.steps == 2 and shown_step(app) == 2
        summary = app.query_one(GradCheckPane).query_one("#gradcheck-summary").render().plain
        assert summary.startswith("Step 2:")
        expected = check_session_gradient(app.session, app.progress.params, 2)
        shown = app.query_one("#gradcheck-table")
        analytic = [str(shown.get_row_at(i)[1]).lstrip() for i in range(shown.row_count)]
        assert analytic == [number(c.analytic, 3) for c in expected.central.worst], "the check ran on other weights"


async def test_space_space_space_while_idle_ends_up_training(make_app):
    app = make_app(epochs=10**6)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await press_at_once(pilot, "space", "space", "space")
        assert app.is_training, "start, pause, start: the last press starts"
        await press_at_once(pilot, "space")
        await settle(pilot)
        assert app.state == "paused" and not app.is_training
        assert app.progress.steps == len(app.history) - 1 == shown_step(app)
