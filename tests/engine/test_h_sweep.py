"""The error of finite differences against the step h (lecture Figure 5)."""

import json
from functools import cache

import numpy as np
import pytest

from engine import LOSSES, Params, TrainConfig, Trainer
from engine.data import load_dataset
from engine.h_sweep import h_sweep
from engine.pipeline import prepare


@cache
def sweep(name: str, dtype: str, seed: int):
    """The sweep on standardised breast_cancer (iris for softmax) at seeded weights, scores of std ~1."""
    loss = LOSSES[name]
    data = prepare(load_dataset("iris" if loss.multiclass else "breast_cancer")).train
    k = data.n_classes if loss.multiclass else 1
    rng = np.random.default_rng(seed)
    params = Params(rng.normal(0, 1 / np.sqrt(data.n_features), (k, data.n_features)), rng.normal(0, 1, k))
    return h_sweep(params, data.X, loss.encode(data.y, data.n_classes), loss, seed=seed, dtype=dtype)


@cache
def sweep_after_training(name: str, dataset: str, l2: float):
    """The sweep at weights trained to convergence: the whole cost's gradient is ~1e-9 or less there."""
    loss = LOSSES[name]
    data = prepare(load_dataset(dataset)).train
    trainer = Trainer(data.X, data.y, data.n_classes, TrainConfig(loss=name, lr=1.0, epochs=3000, l2=l2))
    trainer.run()
    return h_sweep(trainer.params, data.X, loss.encode(data.y, data.n_classes), loss, l2)


TRAINED = [
    ("cross-entropy", "blobs-overlap", 0.0),
    ("cross-entropy", "breast_cancer", 0.01),
    ("logistic-squared-error", "blobs-overlap", 0.0),
    ("softmax-cross-entropy", "iris", 0.01),
]


@pytest.mark.parametrize("name,dataset,l2", TRAINED)
def test_after_training_the_sweep_still_finds_the_best_steps_of_theory(name, dataset, l2):
    # `gradcheck --at trained --h-sweep` on blobs-overlap reported a best h of 1.8e-12 and errors of 1e13.
    s = sweep_after_training(name, dataset, l2)
    eps = np.finfo(np.float64).eps
    assert eps**0.5 / 100 <= s.best_h_forward <= eps**0.5 * 100
    assert eps ** (1 / 3) / 100 <= s.best_h_central <= eps ** (1 / 3) * 100
    assert s.central_error.min() < 1e-8 and s.forward_error.min() < 1e-5
    assert max(s.forward_error.max(), s.central_error.max()) < 10


def test_the_sweep_says_what_it_measured():
    s = sweep_after_training("cross-entropy", "blobs-overlap", 0.0)
    assert "half of the examples" in s.measured and str(s.n_examples) in s.measured
    assert json.loads(json.dumps(s.as_dict()))["measured"] == s.measured


CASES = [
    (name, dtype, seed)
    for name in ("cross-entropy", "logistic-squared-error", "softmax-cross-entropy")
    for dtype in ("float64", "float32")
    for seed in (0, 1, 2)
]


@pytest.mark.parametrize("name,dtype,seed", CASES)
def test_the_one_sided_error_is_smallest_near_the_square_root_of_eps(name, dtype, seed):
    s = sweep(name, dtype, seed)
    eps = np.finfo(dtype).eps
    assert s.theory_h_forward == pytest.approx(eps**0.5)
    assert eps**0.5 / 100 <= s.best_h_forward <= eps**0.5 * 100


@pytest.mark.parametrize("name,dtype,seed", CASES)
def test_the_two_sided_error_is_smallest_near_the_cube_root_of_eps(name, dtype, seed):
    s = sweep(name, dtype, seed)
    eps = np.finfo(dtype).eps
    assert s.theory_h_central == pytest.approx(eps ** (1 / 3))
    assert eps ** (1 / 3) / 100 <= s.best_h_central <= eps ** (1 / 3) * 100


@pytest.mark.parametrize("name,dtype,seed", CASES)
def test_two_sided_differences_reach_a_far_smaller_error(name, dtype, seed):
    # Theory: eps^(2/3) against eps^(1/2), a factor eps^(-1/6): 400 in float64, 14 in float32.
    s = sweep(name, dtype, seed)
    assert s.central_error.min() < s.forward_error.min() / (np.finfo(dtype).eps ** (-1 / 6) / 3)


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_rounding_error_takes_over_below_the_best_step_and_truncation_above(dtype):
    s = sweep("cross-entropy", dtype, 0)
    assert s.h[0] == pytest.approx(1e-12) and s.h[-1] == pytest.approx(1e-1)
    for error in (s.forward_error, s.central_error):
        best = int(np.argmin(error))
        assert error[0] > 100 * error[best]
        assert error[-1] > 10 * error[best]


def test_truncation_error_grows_like_h_one_sided_and_like_h_squared_two_sided():
    s = sweep("cross-entropy", "float64", 0)
    decade = len(s.h) // 11  # from 1e-2 to 1e-1
    assert s.forward_error[-1] / s.forward_error[-1 - decade] == pytest.approx(10, rel=0.3)
    assert s.central_error[-1] / s.central_error[-1 - decade] == pytest.approx(100, rel=0.3)


def test_the_sweep_is_plain_data_for_a_plot():
    s = sweep("cross-entropy", "float64", 0)
    assert s.h.shape == s.forward_error.shape == s.central_error.shape == (45,)
    printed = json.loads(json.dumps(s.as_dict()))
    assert printed["loss"] == "cross-entropy" and len(printed["central_error"]) == 45
