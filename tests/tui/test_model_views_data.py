"""What the model views compute: decision regions, margins and gradient sizes, numbers for people."""

import numpy as np
import pytest

from engine import TrainConfig, Trainer
from engine.data import load_dataset
from engine.losses import LOSSES
from engine.objective import Params
from tui_clf.views.boundary import decision_grid, plot_limits
from tui_clf.views.formatting import number, percent
from tui_clf.views.margins import example_gradients


def test_the_boundary_of_w_equals_1_0_is_the_vertical_line_x_equals_0():
    grid = decision_grid(LOSSES["cross-entropy"], Params(np.array([[1.0, 0.0]]), np.array([0.0])), (-1, 1), (-1, 1), 21, 5)
    assert (grid.classes[:, :10] == 0).all() and (grid.classes[:, 11:] == 1).all()
    assert grid.boundary[:, 11].all() and grid.boundary.sum() == 5


def test_squared_error_predicts_with_its_threshold_of_one_half():
    grid = decision_grid(LOSSES["squared-error"], Params(np.array([[1.0, 0.0]]), np.array([0.0])), (-1, 1), (-1, 1), 21, 3)
    assert grid.classes[0, 12] == 0 and grid.classes[0, 16] == 1  # x = 0.2 -> z < 1/2; x = 0.6 -> z > 1/2


def test_softmax_regions_meet_where_two_logits_tie():
    W = np.array([[1.0, 0.0], [-1.0, 0.0], [0.0, 1.0]])
    grid = decision_grid(LOSSES["softmax-cross-entropy"], Params(W, np.zeros(3)), (-2, 2), (-2, 2), 41, 41)
    assert set(np.unique(grid.classes)) == {0, 1, 2}
    assert grid.boundary.any()


def test_plot_limits_hold_every_point_with_some_room():
    X = np.array([[0.0, 5.0], [10.0, 5.0]])
    (x0, x1), (y0, y1) = plot_limits(X)
    assert x0 < 0 and x1 > 10 and y0 < 5 < y1


def test_logistic_squared_error_gives_a_badly_wrong_example_almost_no_gradient():
    loss = LOSSES["logistic-squared-error"]
    X = np.array([[-5.0], [0.0]])  # z = -5 for a positive example: the lecture's badly wrong case
    view = example_gradients(loss, Params(np.array([[1.0]]), np.array([0.0])), X, np.array([1, 1]), np.array([1.0, 1.0]))
    assert view.margin.tolist() == [-5.0, 0.0]
    assert view.grad_size[0] < 0.01 < view.grad_size[1]
    assert not view.correct[0]


def test_hinge_gives_zero_gradient_beyond_the_margin():
    loss = LOSSES["hinge"]
    X = np.array([[2.0], [0.5], [-2.0]])
    labels = np.array([1, 1, 0])
    view = example_gradients(loss, Params(np.array([[1.0]]), np.array([0.0])), X, labels, loss.encode(labels))
    assert view.margin.tolist() == [2.0, 0.5, 2.0]
    assert view.grad_size.tolist() == [0.0, 1.0, 0.0]


@pytest.mark.parametrize("name", ["blobs", "blobs-overlap"])
def test_the_margin_is_positive_exactly_for_the_examples_squared_error_classifies_right(name):
    # Squared error predicts class 1 where z > 1/2: measured from z = 0, right answers read as negative.
    data = load_dataset(name)
    loss = LOSSES["squared-error"]
    trainer = Trainer(data.X, data.y, 2, TrainConfig(loss="squared-error", lr=0.1, epochs=200))
    trainer.run()
    view = example_gradients(loss, trainer.params, data.X, data.y, loss.encode(data.y))
    assert ((view.margin > 0) == view.correct).all() and view.correct.mean() > 0.8


def test_squared_error_margins_are_measured_from_one_half():
    loss = LOSSES["squared-error"]
    X = np.array([[-1.0], [0.6], [0.4], [2.0]])
    labels = np.array([1, 1, 0, 0])
    view = example_gradients(loss, Params(np.array([[1.0]]), np.array([0.0])), X, labels, loss.encode(labels))
    assert view.correct.tolist() == [False, True, True, False]
    np.testing.assert_allclose(view.margin, [-1.5, 0.1, 0.1, -1.5])


def test_softmax_margin_is_the_true_logit_minus_the_best_other():
    loss = LOSSES["softmax-cross-entropy"]
    X = np.eye(3)
    labels = np.array([0, 1, 2])
    W = np.array([[3.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 2.0, 0.5]])
    view = example_gradients(loss, Params(W, np.zeros(3)), X, labels, loss.encode(labels, 3))
    assert view.margin.tolist() == [3.0, -1.0, 0.5]
    assert view.correct.tolist() == [True, False, True]


def test_nan_and_inf_are_never_shown_without_a_warning():
    assert number(float("nan")) == "⚠ nan"
    assert number(float("inf")) == "⚠ inf"
    assert percent(float("nan")).startswith("⚠")
    assert number(0.123456) == "0.1235" and number(None) == "-"
