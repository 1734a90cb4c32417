"""The losses of the lecture: values, derivatives against finite differences, numerical stability."""

import numpy as np
import pytest
from finite_differences import central_difference, relative_error

from engine import LOSSES, TargetEncoding, get_loss
from engine.errors import ConfigError

BINARY = [name for name, loss in LOSSES.items() if not loss.multiclass]
DIFFERENTIABLE_BINARY = ["squared-error", "logistic-squared-error", "cross-entropy", "cross-entropy-naive"]


def binary_targets(name: str, n: int, rng) -> np.ndarray:
    labels = rng.integers(0, 2, size=n)
    return LOSSES[name].encode(labels)


def test_the_registry_holds_exactly_the_seven_losses_of_the_design():
    assert list(LOSSES) == [
        "zero-one",
        "squared-error",
        "logistic-squared-error",
        "cross-entropy",
        "cross-entropy-naive",
        "hinge",
        "softmax-cross-entropy",
    ]


def test_an_unknown_loss_name_lists_the_known_ones():
    with pytest.raises(ConfigError, match="cross-entropy"):
        get_loss("logistic")


def test_declared_convexity_matches_the_lecture():
    convex = {name for name, loss in LOSSES.items() if loss.convex}
    assert convex == {"squared-error", "cross-entropy", "cross-entropy-naive", "hinge", "softmax-cross-entropy"}
    assert {name for name, loss in LOSSES.items() if not loss.differentiable} == {"zero-one", "hinge"}


@pytest.mark.parametrize("name", DIFFERENTIABLE_BINARY)
def test_dl_dz_equals_a_central_difference_at_random_z(name):
    rng = np.random.default_rng(1)
    loss = LOSSES[name]
    z = rng.uniform(-6, 6, size=40)
    t = binary_targets(name, 40, rng)
    numeric = np.array([central_difference(lambda v: loss.value(v, t[i : i + 1])[0], z[i : i + 1])[0] for i in range(40)])
    assert relative_error(loss.grad(z, t), numeric).max() <= 1e-7


def test_hinge_dl_dz_equals_a_central_difference_away_from_the_kink():
    rng = np.random.default_rng(2)
    loss = LOSSES["hinge"]
    t = binary_targets("hinge", 200, rng)
    z = rng.uniform(-4, 4, size=200)
    away = np.abs(t * z - 1) > 1e-3
    z, t = z[away], t[away]
    numeric = np.array([central_difference(lambda v: loss.value(v, t[i : i + 1])[0], z[i : i + 1])[0] for i in range(z.size)])
    assert np.allclose(loss.grad(z, t), numeric, rtol=1e-7, atol=1e-9)


def test_softmax_cross_entropy_dl_dz_equals_central_differences():
    rng = np.random.default_rng(3)
    loss = LOSSES["softmax-cross-entropy"]
    z = rng.normal(0, 1.5, size=(12, 4))
    t = loss.encode(rng.integers(0, 4, size=12), n_classes=4)
    numeric = np.stack([central_difference(lambda v: loss.value(v[None], t[i : i + 1])[0], z[i]) for i in range(12)])
    assert relative_error(loss.grad(z, t), numeric).max() <= 1e-7


@pytest.mark.parametrize("name", list(LOSSES))
def test_value_and_grad_agrees_with_value_and_grad_separately(name):
    rng = np.random.default_rng(4)
    loss = LOSSES[name]
    if loss.multiclass:
        z, t = rng.normal(0, 5, size=(30, 3)), loss.encode(rng.integers(0, 3, 30), n_classes=3)
    else:
        z, t = rng.normal(0, 5, size=30), binary_targets(name, 30, rng)
    value, grad = loss.value_and_grad(z, t)
    np.testing.assert_allclose(value, loss.value(z, t), rtol=1e-14, atol=1e-300)
    np.testing.assert_allclose(grad, loss.grad(z, t), rtol=1e-14, atol=1e-300)


@pytest.mark.parametrize("z", [1000.0, -1000.0, 1e20, -1e20])
@pytest.mark.parametrize("t", [0.0, 1.0])
def test_stable_cross_entropy_is_finite_and_correct_at_huge_z(z, t):
    loss = LOSSES["cross-entropy"]
    value = loss.value(np.array([z]), np.array([t]))[0]
    grad = loss.grad(np.array([z]), np.array([t]))[0]
    wrong = (z > 0) != (t == 1)
    # A confidently wrong score costs |z| (the asymptote of Figure 2); a right one costs ~0.
    assert value == (abs(z) if wrong else 0.0)
    assert grad == (1.0 - t if z > 0 else -t)


def test_stable_cross_entropy_equals_the_naive_form_for_moderate_z():
    z = np.linspace(-9.99, 9.99, 1001)
    for t in (0.0, 1.0):
        target = np.full_like(z, t)
        stable, naive = LOSSES["cross-entropy"], LOSSES["cross-entropy-naive"]
        np.testing.assert_allclose(stable.value(z, target), naive.value(z, target), rtol=1e-10)
        np.testing.assert_allclose(stable.grad(z, target), naive.grad(z, target), rtol=1e-8, atol=1e-15)


def test_stable_cross_entropy_keeps_precision_for_confident_right_answers():
    # log(1 + e^-30) = 9.357622968840175e-14; subtracting two large numbers would lose it.
    value = LOSSES["cross-entropy"].value(np.array([30.0]), np.array([1.0]))[0]
    assert value == pytest.approx(np.log1p(np.exp(-30.0)), rel=1e-14)


def test_naive_cross_entropy_overflows_where_the_lecture_says():
    naive = LOSSES["cross-entropy-naive"]
    positive, negative = np.array([1.0]), np.array([0.0])
    # t = 1 with z << 0: y = 1/(1 + e^-z) underflows to 0 once e^-z overflows, and -log 0 = inf.
    assert np.isfinite(naive.value(np.array([-700.0]), positive)).all()
    assert naive.value(np.array([-710.0]), positive)[0] == np.inf
    assert np.isnan(naive.grad(np.array([-710.0]), positive)[0])
    # t = 0 with z >> 0: 1 - y rounds to 0 once e^-z < eps/2, about z > 36.7.
    assert np.isfinite(naive.value(np.array([36.0]), negative)).all()
    assert naive.value(np.array([37.0]), negative)[0] == np.inf
    assert np.isnan(naive.grad(np.array([37.0]), negative)[0])
    # The stable form is fine at the same points.
    stable = LOSSES["cross-entropy"]
    assert stable.value(np.array([-710.0]), positive)[0] == pytest.approx(710.0)
    assert stable.value(np.array([37.0]), negative)[0] == pytest.approx(37.0)


def test_the_lecture_numbers_for_logistic_squared_error_and_cross_entropy():
    z, t = np.array([-5.0]), np.array([1.0])
    # "z = -5 gives y ~ 0.0067 and dL/dz ~ -0.0066": the weak gradient of Figure 1.
    assert LOSSES["logistic-squared-error"].output(z)[0] == pytest.approx(0.0067, abs=5e-5)
    assert LOSSES["logistic-squared-error"].grad(z, t)[0] == pytest.approx(-0.0066, abs=5e-5)
    # Cross-entropy's gradient for the same mistake is y - t ~ -0.993: a strong signal.
    assert LOSSES["cross-entropy"].grad(z, t)[0] == pytest.approx(-0.9933, abs=5e-5)


def test_squared_error_punishes_a_confident_right_answer():
    # "predict y = 9 for t = 1: a cost of 32", more than the wrong answer y = 0 costs.
    loss = LOSSES["squared-error"]
    assert loss.value(np.array([9.0]), np.array([1.0]))[0] == 32.0
    assert loss.value(np.array([0.0]), np.array([1.0]))[0] == 0.5


def test_softmax_cross_entropy_is_unchanged_when_every_logit_shifts_by_1e7():
    rng = np.random.default_rng(5)
    loss = LOSSES["softmax-cross-entropy"]
    # Multiples of 1/1024 so that adding 1e7 is exact and only the loss's arithmetic is tested.
    z = np.round(rng.normal(0, 4, size=(50, 5)) * 1024) / 1024
    t = loss.encode(rng.integers(0, 5, 50), n_classes=5)
    np.testing.assert_allclose(loss.value(z + 1e7, t), loss.value(z, t), rtol=1e-12)
    np.testing.assert_allclose(loss.grad(z + 1e7, t), loss.grad(z, t), rtol=1e-12, atol=1e-15)
    assert np.isfinite(loss.value(z * 1e300, t)).all()


def test_softmax_with_two_classes_is_binary_cross_entropy_on_the_logit_difference():
    rng = np.random.default_rng(6)
    z = rng.normal(0, 6, size=(100, 2))
    labels = rng.integers(0, 2, 100)
    softmax = LOSSES["softmax-cross-entropy"]
    binary = LOSSES["cross-entropy"]
    difference = z[:, 1] - z[:, 0]
    np.testing.assert_allclose(
        softmax.value(z, softmax.encode(labels, n_classes=2)), binary.value(difference, binary.encode(labels)), rtol=1e-12, atol=1e-15
    )
    # dL/dz_1 of the softmax is dL/d(difference) of the binary loss.
    np.testing.assert_allclose(
        softmax.grad(z, softmax.encode(labels, n_classes=2))[:, 1], binary.grad(difference, binary.encode(labels)), rtol=1e-12, atol=1e-15
    )


def test_hinge_gradient_is_zero_beyond_the_margin_and_minus_t_inside_it():
    hinge = LOSSES["hinge"]
    t = np.array([1.0, 1.0, -1.0, -1.0, 1.0, -1.0])
    z = np.array([1.5, 0.3, -2.0, 0.5, -3.0, -0.99])
    np.testing.assert_array_equal(hinge.grad(z, t), [0.0, -1.0, 0.0, 1.0, -1.0, 1.0])
    np.testing.assert_array_equal(hinge.value(z, t), np.maximum(0, 1 - t * z))
    assert hinge.targets is TargetEncoding.PLUS_MINUS_ONE
    np.testing.assert_array_equal(hinge.encode(np.array([0, 1])), [-1.0, 1.0])


def test_zero_one_loss_counts_mistakes_and_has_zero_gradient():
    loss = LOSSES["zero-one"]
    z = np.array([-2.0, -0.1, 0.1, 3.0])
    t = np.array([0.0, 1.0, 0.0, 1.0])
    np.testing.assert_array_equal(loss.value(z, t), [0, 1, 1, 0])
    np.testing.assert_array_equal(loss.grad(z, t), np.zeros(4))


def test_each_loss_predicts_with_the_rule_of_the_design_table():
    z = np.array([-1.0, 0.0, 0.3, 0.7])
    assert LOSSES["zero-one"].predict(z).tolist() == [0, 0, 1, 1]
    assert LOSSES["squared-error"].predict(z).tolist() == [0, 0, 0, 1]
    for name in ("logistic-squared-error", "cross-entropy", "cross-entropy-naive", "hinge"):
        assert LOSSES[name].predict(z).tolist() == [0, 0, 1, 1]
    assert LOSSES["softmax-cross-entropy"].predict(np.array([[0.0, 2.0, 1.0], [3.0, 0.0, 1.0]])).tolist() == [1, 0]


def test_probabilities_sum_to_one_where_a_loss_gives_them():
    z = np.linspace(-50, 50, 11)
    for name in ("logistic-squared-error", "cross-entropy", "cross-entropy-naive"):
        proba = LOSSES[name].proba(z)
        np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    with pytest.raises(ValueError, match="does not give probabilities"):
        LOSSES["hinge"].proba(z)


@pytest.mark.parametrize("name", list(LOSSES))
def test_float32_in_gives_float32_out(name):
    loss = LOSSES[name]
    rng = np.random.default_rng(7)
    if loss.multiclass:
        z = rng.normal(size=(8, 3)).astype(np.float32)
        t = loss.encode(rng.integers(0, 3, 8), n_classes=3, dtype=np.float32)
    else:
        z = rng.normal(size=8).astype(np.float32)
        t = loss.encode(rng.integers(0, 2, 8), dtype=np.float32)
    assert loss.value(z, t).dtype == np.float32
    assert loss.grad(z, t).dtype == np.float32


def test_every_loss_states_the_lecture_point_in_one_line():
    for loss in LOSSES.values():
        assert loss.point and "\n" not in loss.point and len(loss.point) <= 110
