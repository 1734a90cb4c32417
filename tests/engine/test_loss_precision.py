"""The stable losses keep their relative precision everywhere, checked against 60-digit arithmetic.

Confidently right examples are where the naive forms fail: sigma(z) - 1 cancels from z ~ 20
and is exactly 0 from z = 37, so dL/dz of cross-entropy and the value of logistic + squared
error must be computed as sigma(-z). The reference below uses Python's decimal module, so it
shares no floating-point code with the engine.
"""

from decimal import Decimal, localcontext

import numpy as np
import pytest

from engine import LOSSES

# Every finite z the engine may meet: a dense grid, the point where 1 - sigma(z) rounds to 0,
# the subnormal range of exp, and the largest floats.
EXTREMES = [0.0, 1e-300, 5e-324, 1e-8, 20.0, 36.7, 37.0, 50.0, 708.0, 709.8, 745.0, 746.0, 1e3, 1e20, 1e300, 1.7e308]
Z = np.concatenate([np.linspace(-800, 800, 3201), EXTREMES, np.negative(EXTREMES)])
# A few ulps of the dtype, times a small factor for the handful of operations in each formula.
ULPS = 8


def exact(x: float) -> Decimal:
    return Decimal(float(x))


def log1p(x: Decimal) -> Decimal:
    """log(1 + x) for x >= 0 to 60 digits, also where 1 + x would round to 1."""
    return x - x * x / 2 + x**3 / 3 if x < Decimal("1e-25") else (1 + x).ln()


def sigmoid(x: Decimal) -> Decimal:
    """sigma(x) = 1 / (1 + e^-x), with e^-|x| only, so no exponent overflows."""
    e = (-abs(x)).exp()
    return 1 / (1 + e) if x >= 0 else e / (1 + e)


def softplus(x: Decimal) -> Decimal:
    return max(x, Decimal(0)) + log1p((-abs(x)).exp())


def reference(name: str, z: float, t: float) -> tuple[Decimal, Decimal]:
    """L and dL/dz of a binary loss at (z, t), to 60 digits."""
    s = 1 - 2 * int(t)
    with localcontext() as ctx:
        ctx.prec = 60
        u = s * exact(z)
        if name == "cross-entropy":
            return softplus(u), s * sigmoid(u)
        miss = sigmoid(u)  # |sigma(z) - t|
        return miss * miss / 2, s * miss * sigmoid(exact(z)) * sigmoid(-exact(z))


def assert_close_to(computed: np.ndarray, expected: list[Decimal], dtype: type, z_grid: np.ndarray = Z) -> None:
    """Relative error <= ULPS eps where the exact value is a normal float, else within two subnormal steps."""
    info = np.finfo(dtype)
    for got, want, z in zip(computed.tolist(), expected, z_grid.tolist(), strict=True):
        want_float = float(want)
        if abs(want_float) >= info.tiny:
            assert abs(Decimal(got) - want) <= ULPS * Decimal(float(info.eps)) * abs(want), (z, got, want_float)
        else:
            assert abs(got - want_float) <= 2 * float(info.smallest_subnormal), (z, got, want_float)


@pytest.mark.parametrize("name", ["cross-entropy", "logistic-squared-error"])
@pytest.mark.parametrize("t", [0.0, 1.0])
def test_value_and_dl_dz_keep_their_relative_precision_for_every_z(name, t):
    loss = LOSSES[name]
    targets = np.full_like(Z, t)
    expected = [reference(name, z, t) for z in Z.tolist()]
    value, grad = loss.value_and_grad(Z, targets)
    assert_close_to(value, [v for v, _ in expected], np.float64)
    assert_close_to(grad, [g for _, g in expected], np.float64)
    assert_close_to(loss.value(Z, targets), [v for v, _ in expected], np.float64)
    assert_close_to(loss.grad(Z, targets), [g for _, g in expected], np.float64)


# The same in float32: the grid to where exp(-|z|) underflows (z = 104) and beyond, to the largest float32.
EXTREMES_32 = [0.0, 1e-30, 1e-45, 1e-4, 8.0, 15.9, 16.7, 17.0, 87.0, 88.8, 103.0, 104.0, 1e3, 1e20, 3.4e38]
Z_32 = np.concatenate([np.linspace(-120, 120, 2401), EXTREMES_32, np.negative(EXTREMES_32)]).astype(np.float32)


@pytest.mark.parametrize("name", ["cross-entropy", "logistic-squared-error"])
@pytest.mark.parametrize("t", [0.0, 1.0])
def test_value_and_dl_dz_keep_their_relative_precision_in_float32(name, t):
    loss = LOSSES[name]
    expected = [reference(name, z, t) for z in Z_32.tolist()]
    value, grad = loss.value_and_grad(Z_32, np.full_like(Z_32, t))
    assert value.dtype == grad.dtype == np.float32
    assert_close_to(value, [v for v, _ in expected], np.float32, Z_32)
    assert_close_to(grad, [g for _, g in expected], np.float32, Z_32)


def test_cross_entropy_gradient_for_a_confident_right_answer_is_minus_sigma_of_minus_z():
    # The numbers: sigma(36.7) - 1 is off by 93%, sigma(37) - 1 is exactly 0.
    grad = LOSSES["cross-entropy"].grad(np.array([36.7, 37.0, 100.0]), np.ones(3))
    np.testing.assert_allclose(grad, -np.exp(-np.array([36.7, 37.0, 100.0])), rtol=1e-14)
    value = LOSSES["logistic-squared-error"].value(np.array([37.0]), np.ones(1))[0]
    assert value == pytest.approx(0.5 * np.exp(-74.0), rel=1e-14)


def softmax_reference(z: np.ndarray, label: int) -> tuple[Decimal, list[Decimal]]:
    """L and dL/dz of softmax-cross-entropy for one row of finite logits, to 60 digits.

    With m the largest logit and r the sum of e^(z_k - m) over the others, L = log1p(r) - (z_true - m)
    and y_k = e^(z_k - m) / (1 + r); y_true - 1 = -r / (1 + r) when the true class holds the maximum.
    """
    with localcontext() as ctx:
        ctx.prec = 60
        logits = [exact(v) for v in z]
        top = max(range(len(logits)), key=lambda k: logits[k])
        e = [(v - logits[top]).exp() for v in logits]
        rest = sum(e[k] for k in range(len(e)) if k != top)
        grad = [e[k] / (1 + rest) - (1 if k == label else 0) for k in range(len(e))]
        if label == top:
            grad[label] = -rest / (1 + rest)
        return log1p(rest) - (logits[label] - logits[top]), grad


def test_softmax_cross_entropy_keeps_its_relative_precision_against_60_digits():
    rng = np.random.default_rng(8)
    loss = LOSSES["softmax-cross-entropy"]
    scale = np.repeat([0.1, 3.0, 40.0, 300.0], 50)[:, np.newaxis]
    z = rng.normal(size=(200, 3)) * scale
    labels = rng.integers(0, 3, 200)
    value, grad = loss.value_and_grad(np.asfortranarray(z), loss.encode(labels, n_classes=3))
    eps = Decimal(float(np.finfo(np.float64).eps))
    for i in range(200):
        want_value, want_grad = softmax_reference(z[i], labels[i])
        # z_k - max(z) rounds by half an ulp of itself, which exp turns into a relative error of
        # |z_k - max(z)| eps / 2: the condition of e^(z_k - m), not a cancellation.
        condition = 1 + Decimal(float(np.ptp(z[i])))
        assert abs(Decimal(float(value[i])) - want_value) <= ULPS * eps * condition * want_value, (z[i], labels[i])
        for got, want in zip(grad[i].tolist(), want_grad):
            if abs(float(want)) >= np.finfo(np.float64).tiny:
                assert abs(Decimal(got) - want) <= ULPS * eps * condition * abs(want), (z[i], labels[i], got, float(want))


def test_softmax_with_two_classes_equals_binary_cross_entropy_to_the_ulp_for_confident_answers():
    d = np.array([36.7, 37.0, 100.0, 700.0, -36.7, -100.0])
    labels = np.array([1, 1, 1, 1, 0, 0])
    softmax, binary = LOSSES["softmax-cross-entropy"], LOSSES["cross-entropy"]
    z = np.stack([np.zeros_like(d), d], axis=1)
    value, grad = softmax.value_and_grad(z, softmax.encode(labels, n_classes=2))
    np.testing.assert_allclose(value, binary.value(d, binary.encode(labels)), rtol=4e-16)
    np.testing.assert_allclose(grad[:, 1], binary.grad(d, binary.encode(labels)), rtol=4e-16)


@pytest.mark.parametrize(
    ("z", "label", "value", "grad"),
    [
        # A -inf logit is a class with probability 0: it costs nothing and gets no gradient.
        ([-np.inf, 0.0], 1, 0.0, [0.0, 0.0]),
        ([-np.inf, 0.0, 0.0], 2, np.log(2), [0.0, 0.5, -0.5]),
        # Logits of +-1.7e308 differ by more than the largest float: the difference overflows to -inf.
        ([1.7e308, -1.7e308], 0, 0.0, [0.0, 0.0]),
        ([-1.7e308, 1.7e308, 1.7e308], 2, np.log(2), [0.0, 0.5, -0.5]),
        # The true class's probability is exactly 0: the loss is infinite, the gradient is still y - t.
        ([-np.inf, 0.0], 0, np.inf, [-1.0, 1.0]),
        ([-1.7e308, 1.7e308], 0, np.inf, [-1.0, 1.0]),
        # A +inf logit takes all the probability (inf - inf must not become nan).
        ([np.inf, 0.0, -5.0], 0, 0.0, [0.0, 0.0, 0.0]),
        ([np.inf, np.inf], 1, np.log(2), [0.5, -0.5]),
    ],
)
def test_softmax_cross_entropy_is_never_nan_at_infinite_or_huge_logits(z, label, value, grad):
    loss = LOSSES["softmax-cross-entropy"]
    z = np.array([z])
    t = loss.encode(np.array([label]), n_classes=z.shape[1])
    with np.errstate(over="ignore", invalid="ignore"):
        got_value, got_grad = loss.value_and_grad(z, t)
        np.testing.assert_allclose(got_value, [value], rtol=1e-15)
        np.testing.assert_allclose(got_grad, [grad], rtol=1e-15, atol=0)
        np.testing.assert_allclose(loss.value(z, t), [value], rtol=1e-15)
        np.testing.assert_allclose(loss.grad(z, t), [grad], rtol=1e-15, atol=0)
        assert np.isfinite(loss.output(z)).all()


@pytest.mark.parametrize("t", [0.0, 1.0])
def test_naive_cross_entropy_is_within_its_value_error_of_60_digits(t):
    loss = LOSSES["cross-entropy-naive"]
    # Wherever the naive form is finite: 1 - sigma(z) = 0 from z = 36.7 (t = 0), sigma(z) = 0 below -709.8 (t = 1).
    z = np.linspace(-36, 36, 1441) if t == 0 else np.linspace(-709, 740, 1450)
    targets = np.full_like(z, t)
    exact_values = np.array([float(reference("cross-entropy", v, t)[0]) for v in z.tolist()])
    error = np.abs(loss.value(z, targets) - exact_values)
    bound = loss.value_error(z, targets)
    assert (error <= bound).all()
    assert (bound >= np.finfo(np.float64).eps * exact_values).all()


def test_naive_cross_entropy_value_error_is_the_cancellation_of_1_minus_sigma():
    loss = LOSSES["cross-entropy-naive"]
    z = np.linspace(25, 36, 221)
    targets = np.zeros_like(z)
    exact_values = np.array([float(reference("cross-entropy", v, 0.0)[0]) for v in z.tolist()])
    error = np.abs(loss.value(z, targets) - exact_values)
    eps = np.finfo(np.float64).eps
    # One ulp of L is far too little: 1 - sigma(z) keeps y's rounding, eps e^z, as an absolute error.
    assert error.max() > 1e6 * eps * exact_values.max()
    assert error.max() > 0.05 * loss.value_error(z, targets).max()
    # A loss computed without cancellation is good to an ulp: value_error is eps |L|.
    stable = LOSSES["cross-entropy"]
    np.testing.assert_array_equal(stable.value_error(z, targets), eps * stable.value(z, targets))
