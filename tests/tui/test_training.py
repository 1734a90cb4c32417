"""Start, pause, step and reset: the keys drive the trainer on its worker and the app shows every step."""

import csv
import json
import time

import numpy as np
import pytest
from typer.testing import CliRunner
from app_pilot import ready, settle, train, wait_for

from engine.pipeline import make_trainer
from tui_clf.app.messages import RunEnded, StepsTaken
from tui_clf.app.widgets.notice_bar import NoticeBar
from tui_clf.app.widgets.status_line import StatusLine
from tui_clf.cli import app as cli_app
from tui_clf.config import RunConfig


async def test_the_app_opens_on_a_2d_dataset_with_cross_entropy_and_its_boundary(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert app.session.config.training.loss == "cross-entropy"
        assert app.session.data.train.n_features == 2
        assert app.state == "idle"


async def test_space_starts_and_space_pauses_keeping_every_step(make_app):
    seen = []
    app = make_app(epochs=10**6)
    async with app.run_test(size=(80, 24), message_hook=seen.append) as pilot:
        await ready(pilot)
        await pilot.press("space")
        await wait_for(pilot, lambda: len(app.history) > 50, "some steps")
        assert app.state == "running"
        await pilot.press("space")
        await wait_for(pilot, lambda: app.state == "paused", "the pause")
        await settle(pilot)
        batches = [m for m in seen if isinstance(m, StepsTaken)]
        steps = [r.step for m in batches for r in m.records]
        assert steps == list(range(1, len(steps) + 1)), "a step went missing between worker and curves"
        assert len(app.history) - 1 == len(steps) == app.progress.steps  # and record 0
        assert any(isinstance(m, RunEnded) and m.reason is None for m in seen)


async def test_s_takes_exactly_one_step(make_app):
    app = make_app()
    async with app.run_test() as pilot:
        await ready(pilot)
        await pilot.press("s")
        await wait_for(pilot, lambda: app.progress.steps == 1, "one step")
        await settle(pilot)
        await pilot.press("s")
        await wait_for(pilot, lambda: app.progress.steps == 2, "a second step")
        await settle(pilot)
        assert len(app.history) == 3  # record 0 and two steps
        assert app.state == "paused"
        assert app.query_one(StatusLine).numbers.step == 2


async def test_r_resets_to_the_same_initial_weights(make_app):
    app = make_app()
    async with app.run_test() as pilot:
        await ready(pilot)
        initial = app.session.initial.params
        await train(pilot, 20)
        assert not np.array_equal(app.progress.params.W, initial.W)
        await pilot.press("r")
        await wait_for(pilot, lambda: app.progress.steps == 0, "the reset")
        await settle(pilot)
        assert np.array_equal(app.progress.params.W, initial.W)
        assert len(app.history) == 1  # only record 0, the initial weights
        assert app.state == "idle"
        assert "initial weights" in app.query_one(NoticeBar).message


async def test_reset_while_running_stops_the_run_first(make_app):
    app = make_app(epochs=10**6)
    async with app.run_test() as pilot:
        await ready(pilot)
        await pilot.press("space")
        await wait_for(pilot, lambda: len(app.history) > 10, "some steps")
        await pilot.press("r")
        await wait_for(pilot, lambda: app.state == "idle" and app.progress.steps == 0, "the reset")
        await settle(pilot)
        assert not app.is_training
        assert len(app.history) == 1  # only record 0, the initial weights


async def test_the_app_shows_the_same_numbers_as_the_headless_trainer(make_app):
    options = dict(data="breast_cancer", loss="hinge", lr=0.05, batch_size=64, epochs=3, seed=7)
    trainer = make_trainer((config := RunConfig.from_sources(None, **options)).prepare(config.load()), config.training)
    start = trainer.current_record()
    records = trainer.run().records
    expected = [start, *records[:-1], trainer.final_record()]  # ending, as `train` does, on the whole data
    app = make_app(**options)
    async with app.run_test() as pilot:
        await ready(pilot)
        await pilot.press("space")
        await wait_for(pilot, lambda: app.state == "done", "the end of the run")
        await settle(pilot)
        assert app.history.train_cost.values.tolist() == [r.train_cost for r in expected]
        assert app.history.val_cost.values.tolist() == [r.val_cost for r in expected if r.val_cost is not None]
        assert np.array_equal(app.progress.params.W, trainer.params.W)
        assert "epochs are done" in app.query_one(NoticeBar).message


@pytest.mark.parametrize("batch", [None, 64], ids=["full-batch", "minibatch"])
async def test_with_l2_the_json_the_history_the_status_and_the_curve_tell_one_cost(make_app, tmp_path, batch):
    options = dict(data="breast_cancer", l2=0.01, epochs=40, lr=0.5, batch_size=batch)
    history = tmp_path / "run.csv"
    args = ["train", "-d", "breast_cancer", "--l2", "0.01", "--epochs", "40", "--lr", "0.5", "--history", str(history), "--json"]
    result = CliRunner().invoke(cli_app, args + (["--batch-size", str(batch)] if batch else []))
    out = json.loads(result.stdout)
    last_row = list(csv.DictReader(history.open()))[-1]
    app = make_app(**options)
    async with app.run_test() as pilot:
        await ready(pilot)
        await pilot.press("space")
        await wait_for(pilot, lambda: app.state == "done", "the end of the run")
        await settle(pilot)
        status = app.query_one(StatusLine).numbers
        shown = str(app.query_one(StatusLine).render())
        curve_end = app.history.train_cost.values[-1], app.history.val_cost.values[-1]
    assert out["train_cost"] > out["train_loss"] + 1e-3  # the L2 term counts
    assert out["train_cost"] == float(last_row["train_cost"]) == status.train_cost == curve_end[0]
    assert out["val_cost"] == float(last_row["val_cost"]) == status.val_cost == curve_end[1]
    assert out["steps"] == int(last_row["step"]) == status.step == app.history.steps.values[-1]
    assert f"cost {out['train_cost']:.4g}" in shown


async def test_a_new_learning_rate_applies_from_the_next_step_without_a_reset(make_app):
    seen = []
    app = make_app(lr=0.1)
    async with app.run_test(message_hook=seen.append) as pilot:
        await ready(pilot)
        await train(pilot, 3)
        field = app.query_one("#field-lr")
        field.focus()
        field.value = "0.5"
        await pilot.press("enter")
        await settle(pilot)
        await train(pilot, 2)
        lrs = [r.lr for m in seen if isinstance(m, StepsTaken) for r in m.records]
        assert lrs == [0.1, 0.1, 0.1, 0.5, 0.5]
        assert app.progress.steps == 5, "changing the learning rate must not reset the run"


async def test_q_quits_within_a_second_while_training(make_app):
    app = make_app(epochs=10**6)
    async with app.run_test() as pilot:
        await ready(pilot)
        await pilot.press("space")
        await wait_for(pilot, lambda: len(app.history) > 1, "training")
        started = time.monotonic()
        await pilot.press("q")
    assert time.monotonic() - started < 1.0
    assert app.return_code == 0


async def test_the_app_keys_work_while_a_number_field_has_focus(make_app):
    app = make_app()
    async with app.run_test() as pilot:
        await ready(pilot)
        app.query_one("#field-lr").focus()
        await pilot.pause()
        shown = {key for key, active in app.active_bindings.items() if active.binding.show}
        assert {"space", "s", "r", "g", "q"} <= shown, "the footer keeps the app's keys"
        await pilot.press("s")
        await wait_for(pilot, lambda: app.progress.steps == 1, "the step")
        await settle(pilot)
        assert app.query_one("#field-lr").value == "auto", "the key did not go into the field"


async def test_l_switches_the_cost_to_a_log_scale_even_with_zero_costs(make_app):
    app = make_app(data="blobs", loss="hinge", lr=1.0, epochs=200)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("l")  # before any step: an empty log-scale plot
        await pilot.pause()
        await train(pilot, 200)
        assert app.history.train_cost.values.min() == 0, "separable blobs: the hinge cost reaches 0"
        await pilot.press("l", "l")
        await pilot.pause()
        plot = app.query_one("#cost-plot")
        assert plot.log_scale
        assert "cost (log scale)" in plot.render().plain


async def test_training_the_zero_one_loss_ends_stuck_and_says_why(make_app):
    app = make_app(loss="zero-one")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("space")
        await wait_for(pilot, lambda: app.state == "stuck", "the zero-gradient stop")
        assert "0-1 loss is flat" in app.query_one(NoticeBar).message
        assert "stuck" in str(app.query_one(StatusLine).render())


async def test_when_a_run_ends_the_app_shows_what_tui_clf_train_reports(make_app):
    options = ["--data", "breast_cancer", "--loss", "hinge", "--lr", "0.05", "--epochs", "30", "--seed", "3"]
    cli = CliRunner().invoke(cli_app, ["train", *options, "--json"])
    reported = json.loads(cli.stdout)
    app = make_app(data="breast_cancer", loss="hinge", lr=0.05, epochs=30, seed=3)
    async with app.run_test() as pilot:
        await ready(pilot)
        await pilot.press("space")
        await wait_for(pilot, lambda: app.state == "done", "the end of the run")
        await settle(pilot)
        shown = app.query_one(StatusLine).numbers
        assert (shown.train_cost, shown.val_cost) == (reported["train_cost"], reported["val_cost"])
        assert 1 - shown.train_error == reported["train_accuracy"]
        line = str(app.query_one(StatusLine).render())
        assert f"cost {reported['train_cost']:.4g}" in line


async def test_reset_then_space_at_once_trains_from_the_initial_weights(make_app):
    app = make_app(epochs=10**6)
    async with app.run_test() as pilot:
        await ready(pilot)
        initial = app.progress.params.W.copy()
        await train(pilot, 20)
        await pilot.press("r", "s")  # the reset has not run when the step is asked for
        await wait_for(pilot, lambda: app.progress.steps == 1 and not app.is_training, "one step after the reset")
        await settle(pilot)
        assert app.history.steps.values.tolist() == [0.0, 1.0]
        fresh = make_trainer((config := app.session.config).prepare(config.load()), config.training)
        fresh.step()
        assert np.array_equal(app.progress.params.W, fresh.params.W)
        assert not np.array_equal(app.progress.params.W, initial)
