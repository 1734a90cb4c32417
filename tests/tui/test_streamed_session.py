"""`tui-clf tui --data big.npy --stream`: the app trains a streamed file with live curves, its views
draw a sample, and what needs all the data in memory says so."""

from __future__ import annotations

import numpy as np
from app_pilot import ready, settle, train

from tui_clf.app.widgets.compare_screen import CompareScreen
from tui_clf.app.widgets.notice_bar import NoticeBar

ROWS = 12_000


def three_class_npy(path) -> None:
    rng = np.random.default_rng(0)
    X = rng.normal(size=(ROWS, 2))
    y = (X[:, 0] > 0).astype(int) + (X[:, 1] > 0.5)
    np.save(path, np.column_stack([X, y]))


async def test_a_streamed_file_trains_with_live_curves_on_all_its_rows(make_app, tmp_path):
    path = tmp_path / "big.npy"
    three_class_npy(path)
    app = make_app(data=str(path), stream=True, loss="softmax-cross-entropy", val_split=0.0)
    async with app.run_test() as pilot:
        await ready(pilot)
        session = app.session
        assert session.streamed and session.trainer.n_train == ROWS
        assert session.dataset.n_rows == 5000  # the views' sample, not the file
        assert "12\u2009000 train rows, streamed" in str(app.query_one("#dataset-summary").content)
        await train(pilot, 5)
        assert app.progress.steps >= 5 and len(app.history) > 5
        costs = app.history.train_cost.values
        assert costs[-1] < costs[0]


async def test_a_binary_loss_on_a_streamed_three_class_file_trains_one_against_the_rest(make_app, tmp_path):
    path = tmp_path / "big.npy"
    three_class_npy(path)
    app = make_app(data=str(path), loss="hinge")
    async with app.run_test() as pilot:
        await ready(pilot)
        assert app.session.streamed and app.session.config.positive_class == "0"
        assert app.session.n_classes == 2


async def test_compare_and_editing_say_they_need_the_data_in_memory(make_app, tmp_path):
    path = tmp_path / "big.npy"
    three_class_npy(path)
    app = make_app(data=str(path), loss="softmax-cross-entropy")
    async with app.run_test() as pilot:
        await ready(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert "streams its file from disk" in app.query_one(NoticeBar).message
        await pilot.press("c")
        await settle(pilot)
        assert not isinstance(app.screen, CompareScreen)
