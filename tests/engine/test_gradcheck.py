"""The gradient-check lab (lecture section 5): finite differences against the analytic gradient."""

import dataclasses
import json
from functools import cache

import numpy as np
import pytest

from engine import LOSSES, Params, cost_and_grad
from engine.data import load_dataset
from engine.errors import ConfigError
from engine.finite_differences import default_step, parameter_names
from engine.gradcheck import COST_INACCURATE_NOTE, ZERO_ONE_NOTE, check_gradient
from engine.pipeline import prepare
from engine.planted_bugs import PLANTED_BUGS, default_bug, plant_bug

SMOOTH = ["squared-error", "logistic-squared-error", "cross-entropy", "cross-entropy-naive", "softmax-cross-entropy"]


@cache
def standardized(name: str):
    return prepare(load_dataset(name)).train


def problem(loss_name: str, seed: int = 0, scale: float = 0.5):
    """Standardised bundled data for the loss (iris for softmax, breast_cancer otherwise) and
    seeded weights whose scores have standard deviation about `scale` (moderate z)."""
    loss = LOSSES[loss_name]
    data = standardized("iris" if loss.multiclass else "breast_cancer")
    k = data.n_classes if loss.multiclass else 1
    rng = np.random.default_rng(seed)
    params = Params(rng.normal(0, scale / np.sqrt(data.n_features), (k, data.n_features)), rng.normal(0, scale, k))
    return params, data.X, loss.encode(data.y, data.n_classes), loss


@pytest.mark.parametrize("l2", [0.0, 0.1])
@pytest.mark.parametrize("name", SMOOTH + ["hinge"])
def test_two_sided_differences_agree_with_the_analytic_gradient_to_1e_7(name, l2):
    params, X, T, loss = problem(name)
    result = check_gradient(params, X, T, loss, l2, top=len(X))
    assert result.passed and result.verdict == "correct"
    assert result.max_rel_error <= 1e-7
    assert result.kink_examples == ()
    # The noise floor is not what makes it pass: sizeable entries agree to 1e-7 outright.
    big = [c for c in result.worst if abs(c.analytic) > 1e-3]
    assert len(big) > len(result.worst) // 2
    assert all(abs(c.analytic - c.numeric) / (abs(c.analytic) + abs(c.numeric)) <= 1e-7 for c in big)


@pytest.mark.parametrize("name", SMOOTH)
def test_two_sided_differences_beat_one_sided_ones(name):
    params, X, T, loss = problem(name)
    central = check_gradient(params, X, T, loss, method="central")
    forward = check_gradient(params, X, T, loss, method="forward")
    assert forward.passed and central.passed
    assert central.max_abs_error < forward.max_abs_error / 100


def test_at_a_minimum_rounding_noise_is_not_mistaken_for_a_wrong_gradient():
    _, X, T, loss = problem("cross-entropy")
    params = Params(np.zeros((1, X.shape[1])), np.zeros(1))
    for _ in range(400):  # gradient descent on a strongly convex cost: the gradient ends near 1e-13
        grad = cost_and_grad(params, X, T, loss, 0.1).grad
        params = Params(params.W - grad.W, params.b - grad.b)
    result = check_gradient(params, X, T, loss, 0.1)
    assert result.verdict == "correct"
    worst = result.worst[0]
    assert abs(worst.analytic) < 1e-11 and abs(worst.analytic - worst.numeric) > abs(worst.analytic)
    assert not check_gradient(params, X, T, loss, 0.1, bug="sign-flip").passed


def test_the_step_follows_the_scale_of_the_features():
    raw = load_dataset("breast_cancer")  # features from 1e-3 to 4e3, not standardised
    loss = LOSSES["cross-entropy"]
    params = Params(np.random.default_rng(0).normal(0, 1e-3, (1, raw.n_features)), np.zeros(1))
    rms = np.sqrt(np.mean(raw.X**2, axis=0))
    for method in ("central", "forward"):
        result = check_gradient(params, raw.X, loss.encode(raw.y), loss, method=method, top=31)
        assert result.verdict == "correct"
        steps = {c.name: c.h for c in result.worst}
        # A step moves the scores by about h: h / rms(x_j) for the weight of feature j.
        assert [steps[f"W[0,{j}]"] for j in range(raw.n_features)] == pytest.approx(result.h / rms)
        assert steps["b[0]"] == result.h


def test_the_default_steps_are_what_theory_recommends():
    assert default_step("forward", np.dtype("float64")) == pytest.approx(np.finfo(np.float64).eps ** 0.5)
    assert default_step("central", np.dtype("float64")) == pytest.approx(np.finfo(np.float64).eps ** (1 / 3))
    assert default_step("central", np.dtype("float32")) == pytest.approx(np.finfo(np.float32).eps ** (1 / 3))
    params, X, T, loss = problem("cross-entropy")
    assert check_gradient(params, X, T, loss, method="forward").h == default_step("forward", np.dtype("float64"))


def test_parameters_are_named_like_the_weights_they_are():
    assert parameter_names((2, 3)) == ["W[0,0]", "W[0,1]", "W[0,2]", "W[1,0]", "W[1,1]", "W[1,2]", "b[0]", "b[1]"]
    params, X, T, loss = problem("softmax-cross-entropy")
    result = check_gradient(params, X, T, loss, top=3)
    assert result.n_params == result.n_checked == 3 * 4 + 3
    assert len(result.worst) == 3
    assert all(c.name in parameter_names((3, 4)) for c in result.worst)


BUGGED = [(name, bug) for name in LOSSES for bug, planted in PLANTED_BUGS.items() if planted.applies_to(LOSSES[name])]


@pytest.mark.parametrize("name,bug", BUGGED)
def test_a_planted_bug_fails_the_check_by_a_wide_margin(name, bug):
    params, X, T, loss = problem(name)
    result = check_gradient(params, X, T, loss, bug=bug)
    assert not result.passed and result.verdict == "wrong"
    assert result.bug == bug
    assert result.max_rel_error > 1e3 * result.thresholds.wrong


def test_the_lectures_bug_is_logistic_squared_error_without_y_times_1_minus_y():
    z = np.linspace(-6, 6, 25)
    t = np.tile([0.0, 1.0], 13)[:25]
    y = 1 / (1 + np.exp(-z))
    buggy = plant_bug(LOSSES["logistic-squared-error"], "missing-sigmoid-derivative")
    np.testing.assert_allclose(buggy.grad(z, t), y - t, rtol=1e-9, atol=1e-12)
    np.testing.assert_array_equal(buggy.value(z, t), LOSSES["logistic-squared-error"].value(z, t))
    assert default_bug(LOSSES["logistic-squared-error"]) == "missing-sigmoid-derivative"
    assert default_bug(LOSSES["hinge"]) == "sign-flip"


def test_forgetting_the_mean_makes_the_gradient_n_times_too_large():
    params, X, T, loss = problem("cross-entropy")
    right = cost_and_grad(params, X, T, loss).grad
    wrong = cost_and_grad(params, X, T, plant_bug(loss, "forgot-mean")).grad
    np.testing.assert_allclose(wrong.W, len(X) * right.W)


def test_a_bug_cannot_be_planted_where_it_changes_nothing():
    with pytest.raises(ConfigError, match="logistic output"):
        plant_bug(LOSSES["hinge"], "missing-sigmoid-derivative")
    with pytest.raises(ConfigError, match="zero-one"):
        plant_bug(LOSSES["zero-one"], "sign-flip")
    with pytest.raises(ConfigError, match="sign-flip"):
        plant_bug(LOSSES["hinge"], "off-by-one")


@pytest.mark.parametrize("name", SMOOTH + ["hinge"])
def test_random_directions_agree_with_the_full_check_on_a_correct_gradient(name):
    params, X, T, loss = problem(name, seed=1)
    full = check_gradient(params, X, T, loss)
    fast = check_gradient(params, X, T, loss, directions=5, seed=3)
    assert fast.mode == "directions" and fast.n_checked == 5 and fast.n_params == full.n_params
    assert full.verdict == fast.verdict == "correct"
    assert fast.max_rel_error <= 1e-7


def test_random_directions_measure_grad_dot_v():
    params, X, T, loss = problem("cross-entropy", seed=2)
    grad = cost_and_grad(params, X, T, loss).grad
    g = np.concatenate([grad.W.ravel(), grad.b])
    fast = check_gradient(params, X, T, loss, directions=4, seed=0)
    v = np.random.default_rng(0).standard_normal((4, g.size))
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    assert sorted(c.analytic for c in fast.worst) == pytest.approx(sorted(v @ g), rel=1e-9)


@pytest.mark.parametrize("bug", ["missing-sigmoid-derivative", "sign-flip", "forgot-mean"])
def test_random_directions_catch_a_planted_bug(bug):
    params, X, T, loss = problem("logistic-squared-error", seed=1)
    result = check_gradient(params, X, T, loss, directions=3, bug=bug)
    assert not result.passed
    assert result.max_rel_error > 1e3 * result.thresholds.wrong


def hinge_with_an_example_on_the_margin(row: int = 0):
    """Hinge weights where example `row` has t z = 1 exactly: the kink of max(0, 1 - t z)."""
    params, X, T, loss = problem("hinge", seed=4)
    b = np.array([T[row] - X[row] @ params.W[0]])
    return Params(params.W, b), X, T, loss


@pytest.mark.parametrize("directions", [None, 4])
def test_at_the_hinge_kink_a_finite_difference_disagrees_with_the_subgradient(directions):
    params, X, T, loss = hinge_with_an_example_on_the_margin()
    naive = check_gradient(params, X, T, loss, directions=directions, skip_kinks=False)
    assert not naive.passed
    assert all(c.at_kink for c in naive.worst if c.status == "wrong")


@pytest.mark.parametrize("directions", [None, 4])
def test_examples_at_the_hinge_kink_are_flagged_not_failed(directions):
    params, X, T, loss = hinge_with_an_example_on_the_margin()
    result = check_gradient(params, X, T, loss, directions=directions)
    assert result.passed and result.verdict == "correct"
    assert result.kink_examples == (0,)
    assert any(c.at_kink for c in result.worst)
    assert any("kink" in note for note in result.notes)


def test_a_planted_bug_is_still_caught_next_to_a_kink():
    params, X, T, loss = hinge_with_an_example_on_the_margin()
    result = check_gradient(params, X, T, loss, bug="sign-flip")
    assert result.kink_examples == (0,)
    assert not result.passed


def test_zero_one_numeric_gradient_is_zero_almost_everywhere_and_the_check_says_so():
    params, X, T, loss = problem("zero-one", seed=5)
    result = check_gradient(params, X, T, loss, top=len(X))
    assert result.passed
    assert all(c.numeric == 0 and c.analytic == 0 for c in result.worst)
    assert ZERO_ONE_NOTE in result.notes
    assert "gradient descent nothing to follow" in ZERO_ONE_NOTE


def test_zero_one_examples_on_the_decision_boundary_are_left_out():
    params, X, T, loss = problem("zero-one", seed=5)
    on_boundary = Params(params.W, np.array([-X[3] @ params.W[0]]))
    naive = check_gradient(on_boundary, X, T, loss, skip_kinks=False)
    assert not naive.passed and max(abs(c.numeric) for c in naive.worst) > 1.0
    result = check_gradient(on_boundary, X, T, loss)
    assert result.passed and result.kink_examples == (3,)


def test_zero_one_at_zero_weights_leaves_only_the_penalty_to_check():
    _, X, T, loss = problem("zero-one")
    zeros = Params(np.zeros((1, X.shape[1])), np.zeros(1))
    result = check_gradient(zeros, X, T, loss, 0.1)
    assert result.passed and len(result.kink_examples) == len(X)
    assert any("only the L2 penalty" in note for note in result.notes)


def test_float32_checks_evaluate_the_cost_in_float32_with_looser_thresholds():
    params, X, T, loss = problem("cross-entropy")
    result = check_gradient(params, X, T, loss, dtype="float32")
    assert result.dtype == "float32" and result.thresholds.correct == 1e-3 and result.thresholds.wrong == 1e-2
    assert result.passed and result.verdict == "correct"
    # float32 rounding shows: errors far above what float64 reaches (about 1e-11 here).
    assert result.max_abs_error > 1e-8
    assert not check_gradient(params, X, T, loss, dtype="float32", bug="sign-flip").passed
    assert not check_gradient(params, X, T, loss, dtype="float32", method="forward", bug="sign-flip").passed


def test_naive_cross_entropy_overflowing_is_reported_not_trusted():
    params, X, T, loss = problem("cross-entropy-naive", scale=2000.0)
    result = check_gradient(params, X, T, loss, directions=2)
    assert not result.passed
    assert any("overflowed" in note for note in result.notes)


def confident_weights(scale: float):
    """Standardised breast_cancer, b = 0, W ~ N(0, scale^2 / D) from seed 0: |z| up to 2.6 scale."""
    data = standardized("breast_cancer")
    W = np.random.default_rng(0).normal(0, scale / np.sqrt(data.n_features), (1, data.n_features))
    return Params(W, np.zeros(1)), data.X, data.y.astype(float)


@pytest.mark.parametrize("scale", [12.0, 20.0])
def test_naive_cross_entropy_at_large_z_is_an_inaccurate_cost_not_a_wrong_gradient(scale):
    params, X, T = confident_weights(scale)
    z = X @ params.W[0]
    assert 30 < np.abs(z).max() < 90 and z[T == 0].max() < 36  # large, yet no 1 - sigma(z) is 0
    naive = check_gradient(params, X, T, LOSSES["cross-entropy-naive"])
    # Before: suspicious at scale 12 (5.5e-7) and wrong at 20 (1.8e-2), exit 6 in the CLI.
    assert naive.max_rel_error > naive.thresholds.correct
    assert naive.verdict == "cost inaccurate" and naive.passed
    assert COST_INACCURATE_NOTE in naive.notes and "Eq. 15-16" in COST_INACCURATE_NOTE
    stable = check_gradient(params, X, T, LOSSES["cross-entropy"])
    assert stable.verdict == "correct" and stable.max_rel_error <= 1e-8
    assert COST_INACCURATE_NOTE not in stable.notes


@pytest.mark.parametrize("scale", [12.0, 20.0])
@pytest.mark.parametrize("bug", list(PLANTED_BUGS))
def test_a_planted_bug_in_naive_cross_entropy_at_large_z_is_still_wrong(scale, bug):
    params, X, T = confident_weights(scale)
    for directions in (None, 5):
        result = check_gradient(params, X, T, LOSSES["cross-entropy-naive"], bug=bug, directions=directions)
        assert result.verdict == "wrong" and not result.passed


def test_the_result_carries_what_gradcheck_json_prints():
    params, X, T, loss = problem("softmax-cross-entropy")
    result = check_gradient(params, X, T, loss, top=4)
    printed = json.loads(json.dumps(dataclasses.asdict(result)))
    for key in ("loss", "method", "h", "n_params", "max_abs_error", "max_rel_error", "passed", "worst"):
        assert key in printed
    assert printed["loss"] == "softmax-cross-entropy" and printed["method"] == "central"
    assert set(printed["worst"][0]) >= {"name", "analytic", "numeric", "abs_error", "rel_error"}
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.passed = False
