"""Changing the loss, the dataset or a hyper-parameter makes a new trainer, and the app says so."""

from pathlib import Path

import pytest
from app_pilot import ready, settle, train, wait_for
from textual.command import CommandList
from textual.widgets import Input, Select

from engine.bundled import BUNDLED
from engine.losses import LOSSES
from tui_clf.app.messages import StepsTaken
from tui_clf.app.session import build_session
from tui_clf.app.training_loop import RunControls, run_in_batches
from tui_clf.app.widgets.notice_bar import NoticeBar
from tui_clf.app.widgets.open_file_screen import OpenFileScreen
from tui_clf.config import RunConfig


async def choose(pilot, select_id: str, value: str) -> None:
    """Pick `value` in a Select as a person would, then wait for the app to apply it."""
    pilot.app.query_one(select_id, Select).value = value
    await settle(pilot)


async def test_changing_the_loss_resets_and_says_so(make_app):
    app = make_app()
    async with app.run_test() as pilot:
        await ready(pilot)
        await train(pilot, 10)
        await choose(pilot, "#loss", "hinge")
        assert app.session.config.training.loss == "hinge"
        assert app.progress.steps == 0 and len(app.history) == 1  # the new start's record 0
        notice = app.query_one(NoticeBar).message
        assert "Loss hinge" in notice and "10 steps so far were dropped" in notice


async def test_changing_the_dataset_resets_and_describes_the_new_data(make_app):
    app = make_app()
    async with app.run_test() as pilot:
        await ready(pilot)
        await train(pilot, 5)
        await choose(pilot, "#dataset", "iris")
        assert app.session.dataset.name == "iris"
        assert app.progress.steps == 0
        assert "Dataset iris" in app.query_one(NoticeBar).message
        summary = str(app.query_one("#dataset-summary").content)
        assert "150 rows · 4 features · 3 classes" in summary


async def test_a_binary_loss_on_three_classes_trains_one_class_against_the_rest(make_app):
    app = make_app(data="iris", loss="hinge")
    async with app.run_test() as pilot:
        await ready(pilot)
        assert app.session.config.positive_class == "setosa"
        assert "against the rest" in app.query_one(NoticeBar).message
        await choose(pilot, "#positive-class", "virginica")
        assert app.session.config.positive_class == "virginica"
        await choose(pilot, "#loss", "softmax-cross-entropy")
        assert app.session.n_classes == 2, "a positive class chosen by hand stays chosen"
        await choose(pilot, "#positive-class", "auto")
        assert app.session.n_classes == 3


@pytest.mark.parametrize("loss", list(LOSSES))
@pytest.mark.parametrize("data", list(BUNDLED))
def test_every_loss_trains_on_every_bundled_dataset(loss, data):
    # The app's own path from a config to steps, without the screen: 70 pairs in well under a second.
    session = build_session(1, RunConfig.from_sources(None, data=data, loss=loss))
    stop = run_in_batches(
        session.trainer, max_steps=3, interrupted=lambda: False, controls=RunControls(), publish=lambda *batch: None
    )
    assert session.trainer.steps >= 1 or stop is not None, f"{loss} on {data} neither stepped nor said why"


async def test_the_dataset_list_opens_every_bundled_dataset_in_the_app(make_app):
    app = make_app(loss="hinge")
    async with app.run_test() as pilot:
        await ready(pilot)
        for data in BUNDLED:
            await choose(pilot, "#dataset", data)
            assert app.session.dataset.name == data
            await train(pilot, 2)
            assert app.progress.steps == 2, f"hinge on {data}"


async def test_a_learning_rate_the_engine_refuses_is_explained_and_undone(make_app):
    app = make_app(lr=0.1)
    async with app.run_test() as pilot:
        await ready(pilot)
        field = app.query_one("#field-lr", Input)
        field.focus()
        field.value = "0"
        await pilot.press("enter")
        await settle(pilot)
        assert "learning rate must be auto or a positive number" in app.query_one(NoticeBar).message
        assert field.value == "0.1"
        assert app.config.training.lr == 0.1


async def test_a_bad_file_shows_the_loaders_error_and_the_app_keeps_running(make_app, tmp_path: Path):
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b,label\n1,2,x\n3,oops,y\n")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("o")
        assert isinstance(app.screen, OpenFileScreen)
        app.screen.query_one("#open-path", Input).value = str(bad)
        await pilot.press("enter")
        await wait_for(pilot, lambda: "oops" in str(app.screen.query_one("#open-error").content), "the loader's error")
        error = str(app.screen.query_one("#open-error").content)
        assert f"{bad}:3:2" in error, "the error names the file, line and column"
        await pilot.press("escape")
        assert not isinstance(app.screen, OpenFileScreen)
        assert app.session.dataset.name == "blobs-overlap"


async def test_a_good_file_becomes_the_dataset(make_app, tmp_path: Path):
    good = tmp_path / "points.csv"
    good.write_text("a,b,label\n" + "".join(f"{i},{i % 3},{'xy'[i % 2]}\n" for i in range(20)))
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("o")
        app.screen.query_one("#open-path", Input).value = str(good)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.session.dataset.name == "points", "the new dataset")
        await settle(pilot)
        assert app.config.data == str(good)
        assert app.session.dataset.classes == ("x", "y")


async def test_the_command_palette_chooses_a_loss(make_app):
    app = make_app()
    async with app.run_test() as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"loss: hinge")
        await wait_for(pilot, lambda: app.screen.query_one(CommandList).option_count > 0, "the palette's hits")
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.session.config.training.loss == "hinge", "the loss change")


async def test_the_speed_list_sets_the_pace_of_the_training_worker(make_app):
    app = make_app()
    async with app.run_test() as pilot:
        await ready(pilot)
        await choose(pilot, "#pace", 10)
        assert app.controls.pace == 10
        await choose(pilot, "#pace", 0)
        assert app.controls.pace is None, "max: as fast as the machine goes"


async def test_a_bad_file_on_the_command_line_leaves_the_app_running_to_pick_another(make_app, tmp_path: Path):
    app = make_app(data=str(tmp_path / "missing.csv"))
    async with app.run_test() as pilot:
        await wait_for(pilot, lambda: "no such file" in app.query_one(NoticeBar).message, "the loader's error")
        assert app.session is None
        await choose(pilot, "#dataset", "iris")
        await wait_for(pilot, lambda: app.session is not None, "the bundled dataset")
        assert app.session.dataset.name == "iris"


async def test_after_enter_in_a_number_field_the_digit_keys_switch_sections_again(make_app):
    app = make_app(lr=0.1)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("1")
        field = app.query_one("#field-lr", Input)
        field.focus()
        field.value = "0.9"
        await pilot.press("enter")
        await settle(pilot)
        assert app.config.training.lr == 0.9 and app.focused is not field
        await pilot.press("2")
        assert app.section == "curves" and field.value == "0.9"


async def test_choosing_the_loss_already_in_use_keeps_the_run(make_app):
    app = make_app()
    async with app.run_test() as pilot:
        await ready(pilot)
        await train(pilot, 10)
        app.choose(loss="cross-entropy")
        await settle(pilot)
        assert app.progress.steps == 10 and len(app.history) == 11


async def test_a_learning_rate_typed_while_the_new_trainer_is_built_is_the_one_it_trains_with(make_app):
    seen = []
    app = make_app()
    async with app.run_test(message_hook=seen.append) as pilot:
        await ready(pilot)
        app.choose(loss="hinge")
        app.choose(lr=0.5)  # before the hinge session is ready
        await settle(pilot)
        await train(pilot, 3)
        assert app.session.config.training.loss == "hinge"
        assert app.query_one("#field-lr", Input).value == "0.5"
        records = [r for m in seen if isinstance(m, StepsTaken) for r in m.records]
        assert [r.lr for r in records] == [0.5, 0.5, 0.5]


async def test_a_refused_change_keeps_a_learning_rate_changed_mid_run(make_app):
    app = make_app()
    async with app.run_test() as pilot:
        await ready(pilot)
        app.choose(lr=0.5)
        await settle(pilot)
        app.choose(val_split=5.0)  # refused
        await settle(pilot)
        assert app.config.training.lr == 0.5
        assert app.query_one("#field-lr", Input).value == "0.5"
