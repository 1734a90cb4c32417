"""A stop's start: the badly-wrong weights, and trainers that begin from them."""

import numpy as np
import pytest

from engine.errors import ConfigError
from engine.losses import LOSSES
from engine.objective import scores
from tui_clf.views.tour import Setup, Start, badly_wrong_start, start_trainer, train_side_by_side
from tui_clf.views.tour.side_by_side import prepared

SETUP = Setup(data="blobs", losses=("logistic-squared-error", "cross-entropy"), lr=1.0, epochs=3, view="margins")


def test_the_badly_wrong_start_scores_each_class_mean_at_z_on_the_wrong_side():
    data = prepared(SETUP)
    X, y = data.train.X, data.train.y
    params = badly_wrong_start(X, y, -5.0)
    means = np.stack([X[y == 1].mean(axis=0), X[y == 0].mean(axis=0)])
    assert scores(params, means, LOSSES["cross-entropy"]) == pytest.approx([-5.0, 5.0])


def test_a_trainer_starts_from_the_start_it_is_given():
    data = prepared(SETUP)
    start = Start("badly-wrong", z=-5.0)
    trainer = start_trainer(data, SETUP.config("cross-entropy"), start)
    expected = badly_wrong_start(data.train.X, data.train.y, -5.0)
    assert np.array_equal(trainer.params.W, expected.W) and np.array_equal(trainer.params.b, expected.b)
    assert trainer.current_record().train_error > 0.9  # badly wrong indeed


def test_softmax_from_the_logistic_start_holds_the_logistic_weights_in_its_second_row():
    setup = Setup(data="blobs", losses=("cross-entropy", "softmax-cross-entropy"), lr=0.5, epochs=1, view="compare", start=Start("logistic"))
    runs = train_side_by_side(setup)
    w, soft = runs["cross-entropy"].initial, runs["softmax-cross-entropy"].initial
    assert np.array_equal(soft.W[0], np.zeros_like(w.W[0])) and np.array_equal(soft.W[1], w.W[0])


def test_losses_side_by_side_share_data_split_and_start():
    runs = train_side_by_side(replace_start(SETUP, Start("badly-wrong", z=-5.0)))
    first = [run.initial for run in runs.values()]
    assert np.array_equal(first[0].W, first[1].W)
    assert [run.steps for run in runs.values()] == [3, 3]


def replace_start(setup: Setup, start: Start) -> Setup:
    from dataclasses import replace

    return replace(setup, start=start)


def test_a_setup_refuses_an_unknown_view_loss_or_start():
    with pytest.raises(ConfigError):
        Setup(data="blobs", losses=("cross-entropy",), lr=0.1, epochs=1, view="nowhere")
    with pytest.raises(ConfigError):
        Setup(data="blobs", losses=("logistic",), lr=0.1, epochs=1, view="curves")
    with pytest.raises(ConfigError):
        Start("badly-wrong")
