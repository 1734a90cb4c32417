"""Lecture 3, "plug in K = 2": softmax-cross-entropy with two classes is cross-entropy at twice the learning rate."""

import numpy as np
import pytest

from engine import DataError, TrainConfig, load_dataset, prepare
from engine.softmax_pair import softmax_pair

STEPS = 200


def relative_gap(pair, X) -> float:
    softmax_z, cross_entropy_z = pair.decision_values(X)
    return float(np.max(np.abs(softmax_z - cross_entropy_z)) / np.max(np.abs(cross_entropy_z)))


@pytest.fixture(scope="module")
def data():
    return prepare(load_dataset("blobs-noisy"), val_split=0.2, seed=0)


@pytest.mark.parametrize("l2", [0.0, 0.01])
@pytest.mark.parametrize("optimizer", ["gd", "momentum"])
def test_softmax_with_two_classes_takes_cross_entropys_steps_at_twice_the_learning_rate(data, l2, optimizer):
    pair = softmax_pair(data, TrainConfig(lr=0.05, l2=l2, optimizer=optimizer))
    for _ in range(STEPS):
        pair.step()
    assert relative_gap(pair, data.train.X) <= 1e-12
    assert relative_gap(pair, data.val.X) <= 1e-12
    W = pair.softmax.params.W
    assert np.allclose(W[0], -W[1], rtol=1e-12, atol=0) and np.any(W != 0)  # still antisymmetric, and it moved
    assert pair.softmax.evaluate().train_error == pair.cross_entropy.evaluate().train_error


def test_at_the_same_learning_rate_they_part(data):
    """The factor 2 is the point: cross-entropy at the softmax's own lr ends somewhere else."""
    pair = softmax_pair(data, TrainConfig(lr=0.05))
    pair.cross_entropy.lr = 0.05
    for _ in range(20):
        pair.step()
    assert relative_gap(pair, data.train.X) > 0.1


def test_the_reason_names_the_numbers_it_matched(data):
    reason = softmax_pair(data, TrainConfig(lr=0.05, l2=0.01)).reason
    assert "z1 - z0" in reason
    assert "learning rate 0.05 (l2 0.01)" in reason and "2 x 0.05 = 0.1 (l2 0.01 / 2 = 0.005)" in reason


def test_three_classes_are_refused():
    with pytest.raises(DataError, match="two classes"):
        softmax_pair(prepare(load_dataset("iris")), TrainConfig())
