"""What the landscape and convexity views compute: planes in weight space, J on a grid, the path, J along a chord."""

import numpy as np
import pytest

from engine.jensen import jensen_probe
from engine.losses import LOSSES
from engine.objective import Params, cost
from tui_clf.app.session import build_session
from tui_clf.config import RunConfig
from tui_clf.views.chord import cost_along, segment_to_draw
from tui_clf.views.landscape import cost_grid, cost_levels, needs_new_plane, window_around
from tui_clf.views.landscape_plane import landscape_plane
from tui_clf.views.reference_weights import cross_entropy_reference
from tui_clf.views.weight_path import MAX_POINTS, WeightPath
from tui_clf.views.weight_plane import Direction, feature_plane, flatten, plane_through, towards


def session_after(data: str, loss: str, steps: int):
    session = build_session(1, RunConfig.from_sources(None, data=data, loss=loss))
    session.trainer.run(steps)
    return session


def three_points(session):
    train = session.data.train
    reference = cross_entropy_reference(train.X, train.y, train.n_classes, session.config.training)
    return session.initial.params, session.trainer.params, reference


def plane_of(session):
    initial, current, reference = three_points(session)
    train = session.data.train
    plane = landscape_plane(initial, current, reference.params, reference.label, train.X, session.train_targets, session.loss)
    return plane, (initial, current, reference.params)


def weights_at(plane, alpha: float, beta: float) -> Params:
    """theta = o + alpha u + beta v, unflattened here by hand (not by the code under test)."""
    theta = plane.origin + alpha * plane.u + beta * plane.v
    k, d = plane.shape
    return Params(theta[: k * d].reshape(k, d), theta[k * d :])


def assert_on_plane(plane, params: Params) -> None:
    back = plane.params_at(*plane.coordinates(params))
    scale = max(1.0, float(np.linalg.norm(flatten(params))))
    np.testing.assert_allclose(flatten(back), flatten(params), rtol=0, atol=1e-12 * scale)
    assert plane.distance(params) <= 1e-12 * scale


@pytest.mark.parametrize("data, loss", [("breast_cancer", "cross-entropy"), ("blobs-overlap", "hinge"), ("iris", "softmax-cross-entropy")])
def test_every_grid_value_is_the_engines_cost_at_the_weights_of_its_cell(data, loss):
    session = session_after(data, loss, 20)
    plane, points = plane_of(session)
    window = window_around(np.array([plane.coordinates(p) for p in points]))
    X, T = session.data.train.X, session.train_targets
    grid = cost_grid(plane, window, 5, 4, X, T, session.loss)
    for i, beta in enumerate(grid.beta):
        for j, alpha in enumerate(grid.alpha):
            assert abs(grid.cost[i, j] - cost(weights_at(plane, alpha, beta), X, T, session.loss)) <= 1e-12


def test_the_w1_w2_plane_holds_b_at_its_value_and_reads_w1_and_w2_off_its_axes():
    session = session_after("blobs-overlap", "cross-entropy", 30)
    params = session.trainer.params
    plane = feature_plane(params)
    assert plane.coordinates(params) == pytest.approx(tuple(params.W[0]), abs=1e-15)
    X, T = session.data.train.X, session.train_targets
    grid = cost_grid(plane, window_around(np.array([[-1.0, -1.0], [1.0, 2.0]])), 4, 3, X, T, session.loss)
    w1, w2 = grid.alpha[1], grid.beta[2]
    assert abs(grid.cost[2, 1] - cost(Params(np.array([[w1, w2]]), params.b), X, T, session.loss)) <= 1e-12


def test_the_plane_through_three_points_contains_them_and_its_axes_are_orthonormal():
    plane, points = plane_of(session_after("breast_cancer", "cross-entropy", 25))
    assert plane.note == ""
    for point in points:
        assert_on_plane(plane, point)
    assert plane.u @ plane.u == pytest.approx(1) and plane.v @ plane.v == pytest.approx(1)
    assert abs(plane.u @ plane.v) < 1e-12


def test_a_point_of_the_plane_projects_onto_itself():
    plane, _ = plane_of(session_after("wine", "softmax-cross-entropy", 5))
    for alpha, beta in [(0.0, 0.0), (1.5, -2.0), (-3.25, 0.5)]:
        assert plane.coordinates(plane.params_at(alpha, beta)) == pytest.approx((alpha, beta), abs=1e-12)
        assert plane.distance(plane.params_at(alpha, beta)) < 1e-12


def test_before_the_first_step_the_second_axis_is_the_first_step_gradient_descent_would_take():
    session = session_after("breast_cancer", "cross-entropy", 0)
    plane, points = plane_of(session)
    assert plane.axis_names[1] == "-grad J at the start"
    assert "now: no new direction" in plane.note
    for point in points:
        assert_on_plane(plane, point)
    session.trainer.run(1)  # one step of full-batch gradient descent lies in that plane
    assert_on_plane(plane, session.trainer.params)


def test_for_the_0_1_loss_whose_gradient_is_0_the_second_axis_is_a_seeded_random_direction():
    plane, points = plane_of(session_after("breast_cancer", "zero-one", 3))
    assert plane.axis_names[1].startswith("a random direction")
    for point in points:
        assert_on_plane(plane, point)


def test_collinear_points_are_skipped_and_the_plane_still_holds_all_three():
    start = Params(np.array([[0.0, 0.0, 0.0]]), np.array([0.0]))
    far = Params(np.array([[2.0, 2.0, 0.0]]), np.array([2.0]))
    middle = Params(np.array([[1.0, 1.0, 0.0]]), np.array([1.0]))
    spare = Direction("spare", np.array([0.0, 0.0, 1.0, 0.0]))
    plane = plane_through(start, [towards("far", far, start), towards("middle", middle, start), spare])
    assert plane.axis_names == ("far", "spare") and plane.note == "middle: no new direction, so spare"
    for point in (start, far, middle):
        assert_on_plane(plane, point)
    with pytest.raises(ValueError):
        plane_through(start, [towards("far", far, start), towards("middle", middle, start)])


def test_the_0_1_landscape_takes_finitely_many_values_the_error_rates_k_over_n():
    session = session_after("breast_cancer", "zero-one", 1)
    plane, points = plane_of(session)
    window = window_around(np.array([plane.coordinates(p) for p in points]))
    grid = cost_grid(plane, window, 24, 12, session.data.train.X, session.train_targets, session.loss)
    n = session.data.train.n_rows
    counts = grid.cost * n
    np.testing.assert_allclose(counts, np.round(counts), atol=1e-9)
    assert len(np.unique(np.round(counts))) < grid.cost.size / 2  # flat steps: many cells share a value


@pytest.mark.parametrize("data", ["breast_cancer", "blobs-overlap"])
def test_the_cross_entropy_landscape_is_convex_along_every_grid_line(data):
    session = session_after(data, "cross-entropy", 20)
    plane, points = plane_of(session) if data == "breast_cancer" else (feature_plane(session.trainer.params), ())
    corners = np.array([plane.coordinates(p) for p in points]) if points else np.array([[-3.0, -3.0], [3.0, 3.0]])
    grid = cost_grid(plane, window_around(corners), 20, 16, session.data.train.X, session.train_targets, session.loss)
    tolerance = 1e-12 * np.abs(grid.cost).max()
    assert (np.diff(grid.cost, 2, axis=1) >= -tolerance).all()
    assert (np.diff(grid.cost, 2, axis=0) >= -tolerance).all()


def test_logistic_squared_error_is_not_convex_along_some_grid_line():
    """The same check fails where the lecture says it must: the test above has teeth."""
    session = session_after("breast_cancer", "logistic-squared-error", 20)
    plane, points = plane_of(session)
    window = window_around(np.array([plane.coordinates(p) for p in points]))
    grid = cost_grid(plane, window, 20, 16, session.data.train.X, session.train_targets, session.loss)
    assert (np.diff(grid.cost, 2, axis=1) < -1e-6).any() or (np.diff(grid.cost, 2, axis=0) < -1e-6).any()


def test_a_computation_cancelled_between_rows_returns_nothing():
    session = session_after("blobs", "cross-entropy", 0)
    rows_done = []
    plane = feature_plane(session.initial.params)

    def cancelled() -> bool:
        rows_done.append(1)
        return len(rows_done) > 2

    grid = cost_grid(plane, window_around(np.zeros((1, 2))), 8, 8, session.data.train.X, session.train_targets, session.loss, 0.0, cancelled)
    assert grid is None and len(rows_done) == 3


def test_levels_keep_a_plateau_in_one_level_and_mark_what_is_not_finite():
    values = np.array([0.0, 0.01, 0.5, 0.5000001, 0.4999999, 1.0, np.inf, np.nan])
    levels, edges = cost_levels(values, 9)
    assert levels[2] == levels[3] == levels[4] and levels[0] == 0 and levels[5] == 8
    assert levels[6] == levels[7] == -1
    assert edges[0] == 0.0 and edges[-1] == 1.0 and (np.diff(edges) > 0).all()
    assert (cost_levels(np.full(4, 0.3), 9)[0] == 0).all()


def test_weights_off_the_plane_or_outside_the_window_call_for_a_new_plane():
    session = session_after("blobs-overlap", "cross-entropy", 0)
    plane = feature_plane(session.initial.params)
    grid = cost_grid(plane, window_around(np.array([[-1.0, -1.0], [1.0, 1.0]])), 3, 3, session.data.train.X, session.train_targets, session.loss)
    inside = Params(np.array([[0.5, 0.5]]), session.initial.params.b)
    assert not needs_new_plane(grid, inside)
    assert needs_new_plane(grid, Params(np.array([[5.0, 0.5]]), inside.b))  # outside the window
    assert needs_new_plane(grid, Params(inside.W, inside.b + 0.2 * grid.window.span))  # b moved: off the plane
    assert not needs_new_plane(grid, Params(np.array([[np.inf, 0.0]]), inside.b))  # diverged: no plane holds it


def test_the_path_adds_each_new_weight_once_starts_again_at_the_start_and_stays_bounded():
    start = Params(np.zeros((1, 2)), np.zeros(1))
    path = WeightPath()
    path.restart(start)
    step = Params(np.ones((1, 2)), np.zeros(1))
    assert path.add(step, 1) and not path.add(step, 1) and len(path) == 2
    assert path.add(start, 0) and len(path) == 1  # a reset
    for k in range(1, 3 * MAX_POINTS):
        path.add(Params(np.full((1, 2), float(k)), np.zeros(1)), k)
    assert len(path) <= MAX_POINTS
    assert path.thetas[0].tolist() == [0.0, 0.0, 0.0] and path.latest.tolist() == [3 * MAX_POINTS - 1.0] * 2 + [0.0]


def test_a_past_step_cuts_the_path_after_it_and_training_on_grows_it_from_there():
    path = WeightPath()
    path.restart(Params(np.zeros((1, 2)), np.zeros(1)))
    for k in (3, 6, 9, 12):  # one point per screen update
        path.add(Params(np.full((1, 2), float(k)), np.zeros(1)), k)
    back = Params(np.full((1, 2), 7.5), np.zeros(1))  # b: the kept weights of step 7
    assert path.add(back, 7)
    assert [theta[0] for theta in path.thetas] == [0.0, 3.0, 6.0, 7.5]
    path.add(Params(np.full((1, 2), 10.0), np.zeros(1)), 10)  # space trains on from step 7
    assert [theta[0] for theta in path.thetas] == [0.0, 3.0, 6.0, 7.5, 10.0]


def test_the_chord_view_draws_the_probes_counterexample_above_its_chord():
    session = session_after("blobs-overlap", "logistic-squared-error", 0)
    X, T, loss = session.data.train.X, session.train_targets, LOSSES["logistic-squared-error"]
    probe = jensen_probe(X, T, loss)
    example = probe.counterexample
    assert example is not None
    along = cost_along(segment_to_draw(probe, session.initial.params, None), X, T, loss, also=(example.lam,))
    at = int(np.flatnonzero(along.lam == example.lam)[0])
    assert along.cost[at] == pytest.approx(example.f_lambda, rel=1e-12)
    assert along.cost[at] - along.chord[at] == pytest.approx(example.violation, rel=1e-9)
    assert along.above[at] and along.cost[0] == pytest.approx(example.f0, rel=1e-12)


def test_the_chord_of_a_convex_cost_lies_above_it_everywhere_along_the_line_drawn():
    session = session_after("breast_cancer", "cross-entropy", 0)
    initial, _, reference = three_points(session)
    X, T, loss = session.data.train.X, session.train_targets, session.loss
    probe = jensen_probe(X, T, loss, segments=30)
    assert probe.convex
    along = cost_along(segment_to_draw(probe, initial, reference), X, T, loss)
    assert not along.above.any()
    assert along.cost[len(along.lam) // 2] < min(along.cost[0], along.cost[-1])  # down into the valley and up again
