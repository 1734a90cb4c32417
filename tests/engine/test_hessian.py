"""The exact Hessian that Newton's method solves with, checked against finite differences of the gradient."""

import numpy as np
import pytest

from engine.errors import ConfigError
from engine.finite_differences import flatten, unflatten
from engine.hessian import NEWTON_MAX_PARAMS, check_newton_fits, hessian
from engine.losses import get_loss
from engine.objective import Params, cost_and_grad

SMOOTH_BINARY = ["squared-error", "logistic-squared-error", "cross-entropy", "cross-entropy-naive"]


def problem(loss_name: str, k: int, seed: int = 0):
    """A small dataset (40, 3), labels for k classes and random weights of the right shape."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(40, 3)) * np.array([1.0, 3.0, 0.3])
    y = rng.integers(0, k, 40)
    loss = get_loss(loss_name)
    outputs = k if loss.multiclass else 1
    params = Params(rng.normal(size=(outputs, 3)), rng.normal(size=outputs))
    return X, loss.encode(y, k, X.dtype), loss, params


def gradient_differences(params: Params, X, T, loss, l2: float, h: float = 1e-5) -> np.ndarray:
    """Column j: (grad(theta + h e_j) - grad(theta - h e_j)) / 2h, in the flat order of the gradient."""
    theta = flatten(params)
    columns = []
    for j in range(theta.size):
        step = np.zeros_like(theta)
        step[j] = h
        plus = cost_and_grad(unflatten(theta + step, params.W.shape), X, T, loss, l2).grad
        minus = cost_and_grad(unflatten(theta - step, params.W.shape), X, T, loss, l2).grad
        columns.append((flatten(plus) - flatten(minus)) / (2 * h))
    return np.stack(columns, axis=1)


@pytest.mark.parametrize("l2", [0.0, 0.1])
@pytest.mark.parametrize("loss_name,k", [(name, 2) for name in SMOOTH_BINARY] + [("softmax-cross-entropy", 3)])
def test_hessian_equals_finite_differences_of_the_gradient(loss_name, k, l2):
    X, T, loss, params = problem(loss_name, k)
    H = hessian(params, X, T, loss, l2)
    expected = gradient_differences(params, X, T, loss, l2)
    np.testing.assert_allclose(H, expected, rtol=0, atol=1e-7 * np.abs(expected).max())
    np.testing.assert_allclose(H, H.T, rtol=0, atol=1e-12 * np.abs(H).max())


def test_logistic_squared_error_hessian_has_a_negative_curvature_where_it_is_not_convex():
    X, T, loss, params = problem("logistic-squared-error", 2)
    wrong = Params(10 * params.W, params.b)  # confident answers, many of them wrong
    assert np.linalg.eigvalsh(hessian(wrong, X, T, loss, 0.0)).min() < 0


def test_newton_refuses_hinge_zero_one_and_a_hessian_past_the_limit():
    for name in ("hinge", "zero-one"):
        with pytest.raises(ConfigError, match="second derivative"):
            check_newton_fits(name, 1, 3)
    with pytest.raises(ConfigError, match=f"limit is {NEWTON_MAX_PARAMS} parameters"):
        check_newton_fits("softmax-cross-entropy", 10, NEWTON_MAX_PARAMS // 10)
    check_newton_fits("cross-entropy", 1, NEWTON_MAX_PARAMS - 1)
