"""A run that diverges pauses with the reason and the fix; an exception in a worker is shown, not raised."""

import math
import re

import numpy as np
from app_pilot import ready, settle, wait_for

import tui_clf.app.jobs
from engine.trainer import Trainer
from tui_clf.app.widgets.curve_plot import DIVERGED_MARKER
from tui_clf.app.widgets.curves_pane import CurvesPane
from tui_clf.app.widgets.notice_bar import NoticeBar
from tui_clf.app.widgets.status_line import StatusLine


async def test_a_learning_rate_of_100_diverges_and_keeps_the_last_good_weights(make_app):
    app = make_app(loss="squared-error", lr=100)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("space")
        await wait_for(pilot, lambda: app.state == "diverged", "the divergence")
        await settle(pilot)
        notice = app.query_one(NoticeBar).message
        assert "diverged" in notice and "learning rate 100 is too large" in notice and "stable below 2/L" in notice
        assert np.isfinite(app.progress.params.W).all(), "the weights shown are the last good ones"
        assert not app.is_training


async def test_the_naive_cross_entropy_on_unscaled_data_diverges_and_says_to_use_the_stable_form(make_app):
    app = make_app(data="breast_cancer", loss="cross-entropy-naive", standardize=False, lr=0.1)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("space")
        await wait_for(pilot, lambda: app.state == "diverged", "the divergence")
        await settle(pilot)
        notice = app.query_one(NoticeBar).message
        assert "use cross-entropy, the stable form" in notice and "the cost became inf" in notice
        # The status line shows the weights kept: those of the last good step, as `tui-clf train` reports them.
        shown = app.query_one(StatusLine).numbers
        assert shown.step == app.progress.steps == app.history.kept_step
        line = str(app.query_one(StatusLine).render())
        for value in (shown.train_cost, shown.val_cost):
            assert math.isfinite(value) or "⚠" in line, "a non-finite cost is never shown without a warning"


async def test_after_lowering_the_learning_rate_space_trains_on_from_the_last_good_weights(make_app):
    app = make_app(loss="squared-error", lr=100)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("space")
        await wait_for(pilot, lambda: app.state == "diverged", "the divergence")
        await settle(pilot)
        kept = app.progress.steps
        app.choose(lr=0.1)
        await settle(pilot)
        app.start_training(max_steps=5)
        await wait_for(pilot, lambda: app.progress.steps == kept + 5, "five more steps")
        await settle(pilot)
        assert app.state == "paused"
        assert app.history.steps.values.tolist() == list(range(0, kept + 6)), "the diverged steps gave way to the new ones"
        assert app.history.kept_step is None and app.query_one(CurvesPane).border_subtitle == ""


async def test_a_divergence_is_drawn_and_the_status_names_the_step_of_the_weights_kept(make_app):
    app = make_app(loss="squared-error", lr=100)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("space")
        await wait_for(pilot, lambda: app.state == "diverged", "the divergence")
        await pilot.press("2")  # the curves' section
        await settle(pilot)
        notice = app.query_one(NoticeBar).message
        diverged_at = int(re.search(r"at step (\d+)", notice).group(1))
        kept = app.progress.steps
        assert app.history.steps.values.tolist() == list(range(0, diverged_at + 1)), "every step that ran is drawn, from the initial weights"
        cost = app.query_one("#cost-plot").render().plain
        assert "space trains" not in cost
        assert DIVERGED_MARKER in cost, "the diverging point is marked"
        assert f"diverged at {diverged_at} · │ kept {kept}" in app.query_one(CurvesPane).border_subtitle
        assert f"kept step {kept}/" in str(app.query_one(StatusLine).render())
        assert f"weights kept are those of step {kept}" in notice


async def test_an_exception_in_the_training_worker_is_shown_and_the_app_keeps_running(make_app, monkeypatch):
    def broken_step(self):
        raise RuntimeError("the step broke")

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        monkeypatch.setattr(Trainer, "step", broken_step)
        await pilot.press("space")
        await wait_for(pilot, lambda: app.state == "failed", "the failure to show")
        await settle(pilot)
        assert "Training failed: RuntimeError: the step broke" in app.query_one(NoticeBar).message
        monkeypatch.undo()
        await pilot.press("s")
        await wait_for(pilot, lambda: app.progress.steps == 1, "a step after the failure")
        assert app.is_running


async def test_an_exception_in_the_gradient_check_is_shown(make_app, monkeypatch):
    def broken_check(*args):
        raise ValueError("no check today")

    monkeypatch.setattr(tui_clf.app.jobs, "check_session_gradient", broken_check)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("g")
        await wait_for(pilot, lambda: "no check today" in app.query_one(NoticeBar).message, "the error")
        assert app.is_running
