"""Editing 2-D data in the boundary view: add a point, remove or relabel the nearest; training goes on
from the next step with the split and the standardisation kept; w writes the edited set in the file's units.
The lecture's y = 9 case made by hand: one far, correctly labelled point tilts squared error's boundary."""

import csv

import numpy as np
from app_pilot import press_at_once, ready, settle, train

from engine.data import load_dataset
from engine.pipeline import make_trainer
from tui_clf.app.widgets.boundary_plot import BoundaryPlot
from tui_clf.app.widgets.notice_bar import NoticeBar
from tui_clf.config import RunConfig
from tui_clf.views.data_edit import EditableSet
from tui_clf.views.plot_frame import plot_frame


def editable(config: RunConfig) -> EditableSet:
    dataset = config.load()
    return EditableSet(config.prepare(dataset), config.updated(standardize=False).prepare(dataset))


def boundary_angle(W: np.ndarray) -> float:
    """The direction of the boundary's normal w, in degrees."""
    return float(np.degrees(np.arctan2(W[0, 1], W[0, 0])))


def test_an_added_point_is_standardised_with_the_existing_statistics_and_joins_the_training_rows():
    rows = editable(RunConfig.from_sources(None, data="blobs"))
    point = np.array([3.0, -2.0])
    edited = rows.added(point, 1)
    s = rows.prepared.standardizer
    assert edited.prepared.standardizer is s and edited.prepared.val is rows.prepared.val
    assert edited.train.n_rows == rows.train.n_rows + 1 and edited.train.y[-1] == 1
    np.testing.assert_array_equal(edited.train.X[-1], point)
    np.testing.assert_allclose(edited.raw.train.X[-1], s.mean + point * s.scale)
    np.testing.assert_array_equal(edited.train.X[:-1], rows.train.X)


def test_removing_and_relabelling_act_on_the_nearest_point_only():
    rows = editable(RunConfig.from_sources(None, data="blobs"))
    target = rows.train.X[17] + 1e-3
    assert rows.nearest(target) == 17
    removed = rows.removed(17)
    assert removed.train.n_rows == rows.train.n_rows - 1 and not (removed.raw.train.X == rows.raw.train.X[17]).all(axis=1).any()
    flipped = rows.relabelled(17, 1 - rows.train.y[17])
    assert (flipped.train.y != rows.train.y).sum() == 1


def test_the_whole_set_in_file_units_is_the_file_with_the_edits():
    config = RunConfig.from_sources(None, data="blobs")
    rows = editable(config)
    whole = rows.added(np.zeros(2), 0).whole_in_file_units()
    original = config.load()
    assert whole.n_rows == original.n_rows + 1 and whole.feature_names == original.feature_names
    assert sorted(map(tuple, original.X.tolist())) == sorted(map(tuple, np.delete(whole.X, rows.train.n_rows, axis=0).tolist()))


def test_one_far_correctly_labelled_point_tilts_the_squared_error_boundary():
    """Lecture 2.2: squared error pulls z = 9 back to 1, so a far point of class 1 turns the boundary."""
    config = RunConfig.from_sources(None, data="blobs", loss="squared-error", lr=0.5, epochs=10**6)
    rows = editable(config)
    trainer = make_trainer(rows.prepared, config.training)
    trainer.run(2000)
    before = boundary_angle(trainer.params.W)
    far = np.array([12.0, 12.0])  # standardised units: about ten spreads out, past class 1's blob
    assert trainer.params.W[0] @ far + trainer.params.b[0] > 5, "z far past its target 1: correctly labelled, confidently"
    edited = rows.added(far, 1)
    trainer.use_training_data(edited.train.X, edited.train.y)
    trainer.run(2000)
    after = boundary_angle(trainer.params.W)
    assert abs(after - before) > 10, f"the boundary turned by {after - before:.1f} degrees only"
    cross_entropy = RunConfig.from_sources(None, data="blobs", loss="cross-entropy", lr=0.5, epochs=10**6)
    ce = make_trainer(rows.prepared, cross_entropy.training)
    ce.run(2000)
    ce_before = boundary_angle(ce.params.W)
    ce.use_training_data(edited.train.X, edited.train.y)
    ce.run(2000)
    assert abs(boundary_angle(ce.params.W) - ce_before) < abs(after - before) / 3, "cross-entropy barely cares"


async def test_a_point_added_with_the_cursor_is_trained_on_from_the_next_step(make_app):
    app = make_app(data="blobs", loss="squared-error", epochs=10**6)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await train(pilot, 3)
        n = app.session.data.train.n_rows
        await pilot.press("e")
        plot = app.query_one(BoundaryPlot)
        assert plot.has_focus and plot.cursor is not None
        start = plot.cursor.copy()
        await press_at_once(pilot, *["right"] * 80, "a", "s")
        await settle(pilot)
        assert app.session.data.train.n_rows == app.session.trainer.n_train == n + 1
        np.testing.assert_allclose(app.session.data.train.X[-1], plot.cursor)
        assert plot.cursor[0] > start[0] + 1.5 and app.session.data.train.y[-1] == plot.add_class
        assert app.progress.steps == 4 and app.history.steps.values.tolist() == [0, 1, 2, 3, 4]
        assert app.state == "paused"


async def test_d_and_i_remove_and_relabel_the_nearest_point_and_w_writes_the_set_in_the_file_units(make_app, tmp_path):
    app = make_app(data="blobs", epochs=10**6)
    app.save_data_path = tmp_path / "edited.csv"
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("e")
        await settle(pilot)
        notice = str(app.query_one(NoticeBar).render())
        assert "a adds" in notice or "arrows" in notice
        labels_before = app.session.data.train.y.copy()
        await press_at_once(pilot, "i")
        await settle(pilot)
        assert (app.session.data.train.y != labels_before).sum() == 1
        assert "standardis" in str(app.query_one(NoticeBar).render())
        await press_at_once(pilot, "d", "d", "w")
        await settle(pilot)
        assert app.session.data.train.n_rows == len(labels_before) - 2
        with open(tmp_path / "edited.csv", newline="") as file:
            rows = list(csv.reader(file))
        original = load_dataset("blobs")
        assert rows[0] == ["x1", "x2", "label"] and len(rows) - 1 == original.n_rows - 2
        saved = np.array([[float(a), float(b)] for a, b, _ in rows[1:]])
        assert set(map(tuple, saved.tolist())) <= set(map(tuple, original.X.tolist())), "file units, exactly"


async def test_an_edit_from_a_past_step_trains_on_from_that_step(make_app):
    app = make_app(data="blobs", epochs=10**6)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await train(pilot, 6)
        await pilot.press("e")
        await press_at_once(pilot, "b", "b", "a", "s")
        await settle(pilot)
        assert app.progress.steps == 5 and app.history.steps.values.tolist() == [0, 1, 2, 3, 4, 5]


def test_a_cell_inside_the_plot_frame_maps_to_the_data_limits():
    lines = [
        "      title      ",
        "   ┌─────────┐   ",
        " 1 ┤         │   ",
        "   │         │   ",
        " 0 ┤         │   ",
        "   └┬───────┬┘   ",
    ]
    frame = plot_frame(lines)
    assert (frame.left, frame.right, frame.top, frame.bottom) == (4, 12, 2, 4)
    assert frame.data_point(4, 4, (-1.0, 1.0), (0.0, 2.0)) == (-1.0, 0.0)
    assert frame.data_point(12, 2, (-1.0, 1.0), (0.0, 2.0)) == (1.0, 2.0)
    assert frame.data_point(8, 3, (-1.0, 1.0), (0.0, 2.0)) == (0.0, 1.0)
    assert frame.data_point(3, 3, (-1.0, 1.0), (0.0, 2.0)) is None, "the axis is not data"


async def test_a_click_adds_a_point_where_it_lands_and_a_right_click_removes_the_nearest(make_app):
    app = make_app(data="blobs", epochs=10**6)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        plot = app.query_one(BoundaryPlot)
        n = app.session.data.train.n_rows
        frame = plot._frame
        column, row = frame.left + 2, frame.top + 1  # top left: no blob there
        expected = frame.data_point(column, row, *plot._limits)
        await pilot.click(BoundaryPlot, offset=(column, row))
        await settle(pilot)
        assert app.session.data.train.n_rows == n + 1
        np.testing.assert_allclose(app.session.data.train.X[-1], expected)
        await pilot.click(BoundaryPlot, offset=(column, row), button=3)
        await settle(pilot)
        assert app.session.data.train.n_rows == n
        assert not (app.session.data.train.X == np.array(expected)).all(axis=1).any(), "the new point was the nearest"
