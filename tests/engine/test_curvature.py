"""The Lipschitz constant of the cost's gradient: estimated from the data, and where 2/L really is the limit."""

import numpy as np
import pytest

from engine.curvature import CURVATURE_BOUNDS, largest_gram_eigenvalue, lipschitz_constant
from engine.losses import LOSSES


def correlated(n: int = 500, d: int = 8, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return rng.normal(size=(n, d)) @ rng.normal(size=(d, d)) + rng.normal(size=d)


@pytest.mark.parametrize("seed", range(5))
def test_power_iteration_finds_the_largest_eigenvalue_of_the_gram_matrix_with_the_bias_column(seed):
    X = correlated(seed=seed)
    X1 = np.hstack([X, np.ones((len(X), 1))])
    exact = np.linalg.eigvalsh(X1.T @ X1 / len(X))[-1]
    estimate = largest_gram_eigenvalue(X)
    assert exact * (1 - 1e-3) <= estimate <= exact * 1.03


def test_each_curvature_bound_is_the_largest_second_derivative_of_its_loss():
    z = np.linspace(-30, 30, 600_001)
    h = z[1] - z[0]
    for name, bound in CURVATURE_BOUNDS.items():
        loss = LOSSES[name]
        if loss.multiclass or name == "cross-entropy-naive":
            continue  # softmax is bounded by its Hessian; the naive form is cross-entropy with worse rounding
        for t in (0.0, 1.0):
            second = np.diff(loss.value(z, np.full_like(z, t)), 2) / h**2
            assert np.max(np.abs(second)) == pytest.approx(bound, rel=2e-3), (name, t)


def test_losses_with_kinks_have_no_lipschitz_gradient():
    X = correlated()
    assert lipschitz_constant(X, "hinge") is None and lipschitz_constant(X, "zero-one") is None


def test_gradient_descent_on_squared_error_is_stable_just_below_two_over_l_and_diverges_just_above():
    # For squared error the bound is exact: the cost is a quadratic whose curvature is L.
    X = correlated()
    t = (X[:, 0] > np.median(X[:, 0])).astype(float)
    X1 = np.hstack([X, np.ones((len(X), 1))])
    limit = 2 / lipschitz_constant(X, "squared-error")

    def final_cost(lr: float) -> float:
        w = np.zeros(X1.shape[1])
        for _ in range(2000):
            w -= lr * X1.T @ (X1 @ w - t) / len(X)
        return float(np.mean(0.5 * (X1 @ w - t) ** 2))

    assert np.isfinite(final_cost(0.98 * limit)) and final_cost(0.98 * limit) < 1
    with np.errstate(over="ignore", invalid="ignore"):
        assert not final_cost(1.1 * limit) < 1
