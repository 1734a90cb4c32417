"""The cost of a whole dataset and its gradient with respect to W and b, against finite differences."""

import numpy as np
import pytest
from finite_differences import central_difference, norm_relative_error

from engine import LOSSES, Params, cost, cost_and_grad, objective

SMOOTH = ["squared-error", "logistic-squared-error", "cross-entropy", "cross-entropy-naive", "softmax-cross-entropy"]


def small_problem(name: str, seed: int = 0):
    """A random 25 x 4 dataset, its targets in the loss's encoding and random weights."""
    rng = np.random.default_rng(seed)
    loss = LOSSES[name]
    k = 3 if loss.multiclass else 2
    X = rng.normal(size=(25, 4))
    labels = rng.integers(0, k, 25)
    T = loss.encode(labels, n_classes=k)
    outputs = k if loss.multiclass else 1
    params = Params(rng.normal(0, 0.7, size=(outputs, 4)), rng.normal(0, 0.3, size=outputs))
    return loss, X, T, params


@pytest.mark.parametrize("l2", [0.0, 0.3])
@pytest.mark.parametrize("name", SMOOTH)
def test_cost_gradient_matches_finite_differences_in_w_and_b(name, l2):
    loss, X, T, params = small_problem(name)
    analytic = cost_and_grad(params, X, T, loss, l2).grad
    numeric_W = central_difference(lambda W: cost(Params(W, params.b), X, T, loss, l2), params.W)
    numeric_b = central_difference(lambda b: cost(Params(params.W, b), X, T, loss, l2), params.b)
    # Norm-wise: an entry that is nearly 0 by cancellation has no meaningful relative error.
    assert norm_relative_error(analytic.W, numeric_W) <= 1e-7
    assert norm_relative_error(analytic.b, numeric_b) <= 1e-7


def test_hinge_cost_gradient_matches_finite_differences_away_from_kinks():
    loss, X, T, params = small_problem("hinge", seed=3)
    z = X @ params.W[0] + params.b[0]
    assert np.abs(T * z - 1).min() > 1e-3, "this seed must keep every example off the kink"
    analytic = cost_and_grad(params, X, T, loss).grad
    numeric_W = central_difference(lambda W: cost(Params(W, params.b), X, T, loss), params.W, h=1e-7)
    assert norm_relative_error(analytic.W, numeric_W) <= 1e-7


def test_l2_penalises_the_weights_but_not_the_bias():
    loss, X, T, params = small_problem("cross-entropy")
    plain = cost_and_grad(params, X, T, loss, 0.0)
    penalised = cost_and_grad(params, X, T, loss, 0.5)
    assert penalised.cost == pytest.approx(plain.cost + 0.25 * np.sum(params.W**2), rel=1e-14)
    np.testing.assert_allclose(penalised.grad.W, plain.grad.W + 0.5 * params.W, rtol=1e-14)
    np.testing.assert_array_equal(penalised.grad.b, plain.grad.b)


def test_the_cost_is_the_mean_of_the_per_example_losses():
    loss, X, T, params = small_problem("softmax-cross-entropy")
    z = X @ params.W.T + params.b
    assert cost(params, X, T, loss) == pytest.approx(loss.value(z, T).mean(), rel=1e-15)


def test_float32_weights_and_data_give_a_float32_gradient():
    loss, X, T, params = small_problem("cross-entropy")
    params32 = Params(params.W.astype(np.float32), params.b.astype(np.float32))
    result = cost_and_grad(params32, X.astype(np.float32), T.astype(np.float32), loss, 0.1)
    assert result.grad.W.dtype == np.float32 and result.grad.b.dtype == np.float32
    assert result.z.dtype == np.float32


@pytest.mark.parametrize(("name", "k"), [("cross-entropy", 2), ("hinge", 2), ("softmax-cross-entropy", 3), ("softmax-cross-entropy", 7)])
def test_many_chunks_give_the_same_cost_and_gradient_as_one(name, k, monkeypatch):
    # K = 3 takes the per-class matrix-vector path, K = 7 the matrix-product path.
    rng = np.random.default_rng(9)
    loss = LOSSES[name]
    X = rng.normal(size=(1000, 7))
    T = loss.encode(rng.integers(0, k, 1000), n_classes=k)
    outputs = k if loss.multiclass else 1
    params = Params(rng.normal(size=(outputs, 7)), rng.normal(size=outputs))
    whole = cost_and_grad(params, X, T, loss, 0.1)
    unchunked = (X @ params.W.T + params.b) if loss.multiclass else X @ params.W[0] + params.b[0]
    assert whole.cost == pytest.approx(loss.value(unchunked, T).mean() + 0.05 * np.sum(params.W**2), rel=1e-14)
    monkeypatch.setattr(objective, "CHUNK_BYTES", 1)  # 256 rows a chunk: four chunks, the last one short
    assert objective.chunk_rows(X) == 256
    chunked = cost_and_grad(params, X, T, loss, 0.1)
    assert chunked.cost == pytest.approx(whole.cost, rel=1e-14)
    np.testing.assert_allclose(chunked.grad.W, whole.grad.W, rtol=1e-13)
    np.testing.assert_allclose(chunked.grad.b, whole.grad.b, rtol=1e-13)
    np.testing.assert_array_equal(chunked.z, whole.z)
