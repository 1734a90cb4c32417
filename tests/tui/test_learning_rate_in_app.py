"""The app's learning rate: auto by default, its value and the stability limit 2/L on screen, typed by hand."""

import numpy as np
import pytest
from app_pilot import ready, settle, train
from textual.widgets import Input, Select, Static

from tui_clf.app.widgets.notice_bar import NoticeBar


def exact_limit(app) -> float:
    """2/L of the session's training cost, from a dense eigvalsh of X1^T X1 / N (cross-entropy: c = 1/4)."""
    X = app.session.data.train.X
    X1 = np.hstack([X, np.ones((len(X), 1))])
    return 2 / (0.25 * np.linalg.eigvalsh(X1.T @ X1 / len(X))[-1] + app.config.training.l2)


def lr_note(app) -> str:
    return str(app.query_one("#lr-note", Static).content)


async def test_the_app_trains_at_auto_and_shows_its_value_and_two_over_l(make_app):
    app = make_app(data="blobs-overlap")
    async with app.run_test() as pilot:
        await ready(pilot)
        limit = exact_limit(app)
        assert app.query_one("#field-lr", Input).value == "auto"
        assert lr_note(app) == f"lr {limit / 2:.3g} (auto = 1/L; stable below 2/L = {limit:.3g})"
        await train(pilot, 3)
        assert app.session.trainer.scheduled_lr() == pytest.approx(limit / 2, rel=1e-3)


async def test_typing_a_rate_above_the_limit_is_flagged_and_typing_auto_brings_it_back(make_app):
    app = make_app(data="blobs-overlap")
    async with app.run_test() as pilot:
        await ready(pilot)
        limit = exact_limit(app)
        field = app.query_one("#field-lr", Input)
        field.focus()
        field.value = "50"
        await pilot.press("enter")
        await settle(pilot)
        assert app.config.training.lr == 50.0
        assert lr_note(app) == f"lr 50 (above 2/L = {limit:.3g}: gradient descent may diverge)"
        field.focus()
        await pilot.press(*"auto", "enter")  # t is the tour key elsewhere; in this field it is typed
        await settle(pilot)
        assert app.config.training.lr == "auto"
        assert "Learning rate auto (" in app.query_one(NoticeBar).message
        await train(pilot, 1)
        assert app.session.trainer.scheduled_lr() == pytest.approx(limit / 2, rel=1e-3)


async def test_a_hinge_at_auto_trains_and_says_it_has_no_two_over_l(make_app):
    app = make_app(data="blobs-overlap", loss="hinge")
    async with app.run_test() as pilot:
        await ready(pilot)
        assert lr_note(app).startswith("lr ") and "(auto = 1/L of the smoothed hinge)" in lr_note(app)
        await train(pilot, 3)
        assert app.progress.steps == 3


async def test_choosing_a_schedule_makes_a_new_trainer_whose_records_follow_it(make_app):
    app = make_app(data="blobs-overlap", batch_size=40, lr=0.5)
    async with app.run_test() as pilot:
        await ready(pilot)
        app.query_one("#schedule", Select).value = "inverse-time"
        await settle(pilot)
        assert app.session.config.training.schedule == "inverse-time"
        assert "inverse-time schedule" in lr_note(app)
        await train(pilot, 8)  # 160 training rows: 4 steps per epoch, so step 9 starts 2 epochs in
        assert app.session.trainer.scheduled_lr() == pytest.approx(0.5 / (1 + 0.1 * 2))
