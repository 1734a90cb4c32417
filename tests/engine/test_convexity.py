"""The losses against z (Figures 1-3) and which of them are convex in z (lecture section 4)."""

import json

import numpy as np
import pytest

from engine import LOSSES
from engine.convexity import convexity_in_z
from engine.loss_curves import default_z_grid, loss_curve, loss_curves


def at(curve, z):
    return int(np.argmin(np.abs(curve.z - z)))


def test_figure_3_has_every_loss_against_z_for_a_positive_example():
    curves = loss_curves()
    assert list(curves) == list(LOSSES)
    for name, curve in curves.items():
        assert curve.loss == name and curve.label == 1
        assert curve.z.shape == curve.value.shape == curve.derivative.shape == default_z_grid().shape
        assert np.all(np.isfinite(curve.value)) and np.all(np.isfinite(curve.derivative))
    printed = json.loads(json.dumps(curves["hinge"].as_dict()))
    assert len(printed["value"]) == len(printed["z"])


def test_the_derivative_is_the_slope_of_the_curve():
    for name in ("squared-error", "logistic-squared-error", "cross-entropy", "softmax-cross-entropy"):
        curve = loss_curve(LOSSES[name])
        slope = np.gradient(curve.value, curve.z)
        np.testing.assert_allclose(slope[1:-1], curve.derivative[1:-1], atol=1e-3)


def test_figure_1_the_more_confidently_wrong_the_weaker_the_logistic_squared_error_gradient():
    curve = loss_curve(LOSSES["logistic-squared-error"])
    assert curve.derivative[at(curve, -5)] == pytest.approx(-0.0066, abs=1e-4)  # the lecture's number
    wrong_side = curve.z < -1
    assert np.all(np.diff(np.abs(curve.derivative[wrong_side])) > 0)  # |dL/dz| grows back toward z = -1


def test_figure_2_cross_entropy_keeps_a_strong_gradient_when_badly_wrong():
    curve = loss_curve(LOSSES["cross-entropy"])
    assert curve.derivative[at(curve, -5)] == pytest.approx(-1, abs=0.01)
    assert curve.value[at(curve, -5)] == pytest.approx(5, abs=0.01)  # the asymptote -z


def test_softmax_with_logits_0_and_z_draws_the_cross_entropy_curve():
    softmax = loss_curve(LOSSES["softmax-cross-entropy"])
    binary = loss_curve(LOSSES["cross-entropy"])
    np.testing.assert_allclose(softmax.value, binary.value, rtol=1e-12)
    np.testing.assert_allclose(softmax.derivative, binary.derivative, atol=1e-15)


def test_hinge_is_zero_beyond_the_margin_and_one_minus_z_inside():
    curve = loss_curve(LOSSES["hinge"])
    inside = curve.z < 1
    np.testing.assert_allclose(curve.value[inside], 1 - curve.z[inside])
    assert np.all(curve.value[~inside] == 0)
    assert set(curve.derivative[inside]) == {-1.0} and set(curve.derivative[~inside]) == {0.0}


def test_a_negative_example_mirrors_the_curves():
    curve = loss_curve(LOSSES["cross-entropy"], label=0)
    np.testing.assert_allclose(curve.value, loss_curve(LOSSES["cross-entropy"]).value[::-1], rtol=1e-12)


@pytest.mark.parametrize("name", list(LOSSES))
def test_second_differences_agree_with_each_losss_convex_flag(name):
    result = convexity_in_z(LOSSES[name])
    assert result.convex == LOSSES[name].convex
    if result.convex:
        assert result.min_second_difference >= -result.tolerance
    else:
        assert result.min_second_difference < -1e6 * result.tolerance


def test_second_differences_say_which_losses_are_convex_in_z():
    convex = {name for name, loss in LOSSES.items() if convexity_in_z(loss).convex}
    assert convex == {"squared-error", "cross-entropy", "cross-entropy-naive", "hinge", "softmax-cross-entropy"}


def test_zero_one_jumps_at_the_decision_boundary():
    result = convexity_in_z(LOSSES["zero-one"])
    assert result.min_second_difference == -1.0
    assert abs(result.at_z) == pytest.approx(0.025)  # one grid step from z = 0


def test_logistic_squared_error_is_concave_where_sigma_is_below_one_third():
    # L'' = sigma'(z) (1 - sigma)(3 sigma - 1) for t = 1: negative for z < -log 2 (and mirrored for t = 0).
    result = convexity_in_z(LOSSES["logistic-squared-error"])
    assert abs(result.at_z) > np.log(2)
    assert result.min_second_difference < 0
