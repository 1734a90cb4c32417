"""Naive against stable cross-entropy: where the naive form breaks, and the stable one against exact arithmetic."""

from decimal import Decimal, localcontext

import numpy as np
import pytest

from engine.stability import DTYPES, TARGETS, break_points, stability_curve

# Independently of the engine: for t = 1, y = 1 / (1 + e^-z) is 0 once e^-z overflows, past
# log(largest number); for t = 0, 1 - y is 0 once 1 + e^-z rounds to 1, when e^-z <= eps / 2.
EXPECTED_BREAK = {
    1: lambda info: -float(np.log(np.float64(info.max))),
    0: lambda info: float(np.log(2 / np.float64(info.eps))),
}
# exp in the dtype is good to a few ulps; the switch moves by about as many ulps of z.
BREAK_ULPS = 4


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("label", TARGETS)
def test_the_naive_cross_entropy_breaks_where_sigma_underflows_or_rounds_to_one(dtype, label):
    info = np.finfo(dtype)
    expected = EXPECTED_BREAK[label](info)
    breaks = break_points(stability_curve(dtype, label))
    assert {b.quantity for b in breaks} == {"value", "derivative"}
    for b in breaks:
        assert b.side == ("negative" if label == 1 else "positive")
        assert abs(b.z - expected) <= BREAK_ULPS * np.spacing(np.array(abs(expected), dtype=dtype)), (b, expected)
        assert b.ulp == pytest.approx(float(np.spacing(np.array(abs(b.last_finite_z), dtype=dtype))))
        assert np.isfinite(b.naive_before) and np.isfinite(b.stable_there) and np.isfinite(b.stable_before)
        assert str(b.naive_returns) == ("inf" if b.quantity == "value" else "nan")


def test_the_break_is_reported_in_words_with_the_stable_answer():
    (value, _) = break_points(stability_curve("float64", 1))
    assert value.describe() == "float64, t=1: the naive value returns inf from z = -709.7827 (stable: 709.783)"


def test_on_a_range_where_nothing_overflows_there_is_no_break():
    assert break_points(stability_curve("float64", 1, np.linspace(-30, 30, 61))) == []


def exact_loss(z: float, label: int) -> tuple[Decimal, Decimal]:
    """L and dL/dz of the logistic cross-entropy at z in decimal arithmetic, to 30 digits at least.

    1 + e^u is summed with enough digits to keep every digit of a tiny e^u (as log1p would).
    """
    with localcontext() as ctx:
        ctx.prec = 30
        s = Decimal(1 - 2 * label)
        u = s * Decimal(z)  # L = log(1 + e^u), dL/dz = s sigma(u)
        e = u.exp()
        ctx.prec = 30 + max(0, -e.adjusted())
        return (1 + e).ln(), s * e / (1 + e)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("label", TARGETS)
def test_the_stable_form_is_finite_everywhere_and_exact_where_representable(dtype, label):
    curve = stability_curve(dtype, label)
    info = np.finfo(dtype)
    tolerance = 1e-12 if dtype == "float64" else 8 * float(info.eps)
    assert np.isfinite(curve.stable_value).all() and np.isfinite(curve.stable_derivative).all()
    for z, value, derivative in zip(curve.z, curve.stable_value, curve.stable_derivative):
        exact_value, exact_derivative = exact_loss(float(z), label)
        for got, exact in ((value, exact_value), (derivative, exact_derivative)):
            if abs(exact) >= Decimal(float(info.tiny)):  # below it the dtype keeps no relative precision
                assert abs(Decimal(float(got)) - exact) <= Decimal(tolerance) * abs(exact), (z, got, exact)
