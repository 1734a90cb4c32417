"""The Jensen probe of the cost in parameter space (lecture section 4, Eq. 25)."""

import json
from functools import cache

import numpy as np
import pytest

from engine import LOSSES, Params, cost
from engine.data import load_dataset
from engine.jensen import jensen_probe
from engine.pipeline import prepare


@cache
def probe(name: str, dataset: str, seed: int, l2: float = 0.0):
    """The probe of `name` on a standardised bundled dataset; "iris:setosa" is setosa vs rest."""
    loss = LOSSES[name]
    dataset, _, positive = dataset.partition(":")
    data = prepare(load_dataset(dataset), positive_class=positive or None).train
    return jensen_probe(data.X, loss.encode(data.y, data.n_classes), loss, l2, seed=seed), data


CONVEX = [("squared-error", "breast_cancer"), ("cross-entropy", "breast_cancer"), ("hinge", "breast_cancer"),
          ("softmax-cross-entropy", "iris"), ("softmax-cross-entropy", "wine")]
NOT_CONVEX = [(name, dataset) for name in ("zero-one", "logistic-squared-error")
              for dataset in ("breast_cancer", "iris:setosa", "wine:class_0")]


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("name,dataset", CONVEX)
def test_convex_losses_show_no_violation_beyond_rounding(name, dataset, seed):
    result, _ = probe(name, dataset, seed)
    assert result.convex and result.counterexample is None and result.n_violating_segments == 0
    assert result.max_violation <= result.tolerance
    assert result.max_violation < 1e-10


@pytest.mark.parametrize("seed", [0, 1, 2, 3, 4])
@pytest.mark.parametrize("name,dataset", NOT_CONVEX)
def test_zero_one_and_logistic_squared_error_are_not_convex(name, dataset, seed):
    result, _ = probe(name, dataset, seed)
    assert not result.convex
    assert result.max_violation > 0.1  # far beyond rounding, seed after seed
    assert result.n_violating_segments >= 40  # about half of the 192 segments: not one lucky draw


@pytest.mark.parametrize("name,dataset", [*NOT_CONVEX, ("logistic-squared-error", "breast_cancer")])
def test_the_counterexample_really_violates_jensens_inequality(name, dataset):
    result, data = probe(name, dataset, 0)
    loss, ce = LOSSES[name], result.counterexample
    T = loss.encode(data.y, data.n_classes)
    lam = ce.lam
    assert 0 < lam < 1
    between = Params((1 - lam) * ce.w0.W + lam * ce.w1.W, (1 - lam) * ce.w0.b + lam * ce.w1.b)
    f0, f1, f_lam = cost(ce.w0, data.X, T, loss), cost(ce.w1, data.X, T, loss), cost(between, data.X, T, loss)
    assert (f0, f1, f_lam) == (ce.f0, ce.f1, ce.f_lambda)
    assert f_lam - ((1 - lam) * f0 + lam * f1) == pytest.approx(ce.violation) == pytest.approx(result.max_violation)
    assert f_lam > (1 - lam) * f0 + lam * f1 + 1e3 * result.tolerance


def test_an_l2_penalty_does_not_make_logistic_squared_error_convex():
    result, _ = probe("logistic-squared-error", "breast_cancer", 0, l2=0.1)
    assert not result.convex and result.max_violation > 0.01


def test_the_same_seed_gives_the_same_counterexample():
    _, data = probe("zero-one", "breast_cancer", 0)
    loss = LOSSES["zero-one"]
    a = jensen_probe(data.X, loss.encode(data.y), loss, seed=7)
    b = jensen_probe(data.X, loss.encode(data.y), loss, seed=7)
    assert a.max_violation == b.max_violation and a.counterexample.lam == b.counterexample.lam
    np.testing.assert_array_equal(a.counterexample.w0.W, b.counterexample.w0.W)


def test_the_result_carries_what_convexity_json_prints():
    result, _ = probe("logistic-squared-error", "breast_cancer", 0)
    printed = json.loads(json.dumps(result.as_dict()))
    assert {"loss", "convex", "max_violation", "counterexample"} <= set(printed)
    assert {"w0", "w1", "lambda", "f0", "f1", "f_lambda"} <= set(printed["counterexample"])
    assert len(printed["counterexample"]["w0"]["W"][0]) == 30
    convex, _ = probe("cross-entropy", "breast_cancer", 0)
    assert json.loads(json.dumps(convex.as_dict()))["counterexample"] is None
