"""The chunked pass against the lecture's procedure computed in extended precision.

The reference shares no code with the engine: z = X W^T + b, L and dL/dz from the plain
formulas of each loss, all in np.longdouble (64-bit significand on x86), and no chunks. The
pass, split into chunks with a ragged last one and over threads, must agree with it to the
rounding of its own dtype.
"""

from __future__ import annotations

import numpy as np
import pytest

from engine import objective
from engine.losses import get_loss
from engine.objective import Params, chunk_rows, cost_and_grad

N_ROWS, N_FEATURES = 9 * 256 + 41, 12
PASS_LOSSES = ["cross-entropy", "squared-error", "logistic-squared-error", "hinge", "softmax-cross-entropy"]


@pytest.fixture(autouse=True)
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(objective, "CHUNK_BYTES", 1024)


def reference(loss_name: str, z: np.ndarray, t: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per-example L and dL/dz by the lecture's formulas, in whatever precision z and t have."""
    if loss_name == "cross-entropy":
        return np.logaddexp(0, (1 - 2 * t) * z), 1 / (1 + np.exp(-z)) - t
    if loss_name == "squared-error":
        return (z - t) ** 2 / 2, z - t
    if loss_name == "logistic-squared-error":
        y = 1 / (1 + np.exp(-z))
        return (y - t) ** 2 / 2, (y - t) * y * (1 - y)
    if loss_name == "hinge":
        return np.maximum(0, 1 - t * z), np.where(t * z < 1, -t, 0)
    e = np.exp(z - z.max(axis=1, keepdims=True))
    y = e / e.sum(axis=1, keepdims=True)
    return -np.log((y * t).sum(axis=1)), y - t


def problem(loss_name: str, dtype: str) -> tuple[Params, np.ndarray, np.ndarray]:
    """Scores of a few units, with some beyond |z| = 20 where the naive sigma(z) - 1 would cancel."""
    rng = np.random.default_rng(11)
    loss = get_loss(loss_name)
    k = 4 if loss.multiclass else 1
    X = rng.standard_normal((N_ROWS, N_FEATURES))
    X[::50] *= 8
    y = rng.integers(0, k if loss.multiclass else 2, N_ROWS)
    params = Params(rng.standard_normal((k, N_FEATURES)), rng.standard_normal(k))
    return Params(*(p.astype(dtype) for p in params)), X.astype(dtype), loss.encode(y, k, np.dtype(dtype))


@pytest.mark.parametrize("threads", [1, 2])
@pytest.mark.parametrize("dtype", ["float64", "float32"])
@pytest.mark.parametrize("loss_name", PASS_LOSSES)
def test_the_chunked_pass_equals_the_lectures_procedure_in_extended_precision(loss_name, dtype, threads):
    params, X, T = problem(loss_name, dtype)
    loss = get_loss(loss_name)
    assert chunk_rows(X) < N_ROWS and N_ROWS % chunk_rows(X) != 0  # several chunks, the last one ragged
    l2 = 0.1
    got = cost_and_grad(params, X, T, loss, l2, threads)

    W, b, Xl, Tl = (np.asarray(a, np.longdouble) for a in (params.W, params.b, X, T))
    z = Xl @ W.T + b if loss.multiclass else Xl @ W[0] + b[0]
    values, dl_dz = reference(loss_name, z, Tl)
    dl_dz = dl_dz if loss.multiclass else dl_dz[:, np.newaxis]
    want_cost = values.mean() + l2 / 2 * (W * W).sum()
    want_dW, want_db = dl_dz.T @ Xl / N_ROWS + l2 * W, dl_dz.mean(axis=0)

    rtol = 1e-12 if dtype == "float64" else 2e-5
    assert float(got.cost) == pytest.approx(float(want_cost), rel=rtol)
    assert float(got.loss) == pytest.approx(float(values.mean()), rel=rtol)
    for mine, exact in ((got.grad.W, want_dW), (got.grad.b, want_db)):
        assert mine.dtype == np.dtype(dtype)
        np.testing.assert_allclose(mine, exact.astype(np.float64), rtol=rtol, atol=rtol * float(np.abs(exact).max()))


@pytest.mark.parametrize("loss_name", ["cross-entropy", "squared-error", "logistic-squared-error", "hinge"])
def test_in_place_form_gives_value_and_grad_in_reused_dirty_buffers(loss_name):
    loss = get_loss(loss_name)
    rng = np.random.default_rng(5)
    z = np.concatenate([rng.normal(0, 30, 500), [0.0, -0.0, 1e3, -1e3, 36.7, -745.0, np.inf, -np.inf]])
    t = loss.encode(rng.integers(0, 2, z.size))
    targets = loss.in_place_targets(t)
    value, grad, *scratch = np.full((2 + loss.scratch_arrays, z.size + 9), np.nan)
    for first, stop in ((0, z.size), (3, z.size - 100)):  # the second call reuses the first's buffers, shorter
        size = stop - first
        loss.value_and_grad_into(z[first:stop], targets[first:stop], value[:size], grad[:size], [s[:size] for s in scratch])
        want_value, want_grad = loss.value_and_grad(z[first:stop], t[first:stop])
        np.testing.assert_array_equal(value[:size], want_value)
        np.testing.assert_array_equal(grad[:size], want_grad)
        np.testing.assert_allclose(value[:size], loss.value(z[first:stop], t[first:stop]), rtol=1e-14, atol=0)


# Rows the softmax's quick path cannot take, each alone known right (test_loss_precision): a tie, logits
# of -inf (a true class of probability 0, and a 0 * -inf = nan to avoid), of +inf, and of +-the largest float.
SPECIAL_LOGITS = [[1.0, 1.0, -2.0], [-np.inf, 0.0, 3.0], [np.inf, 0.0, -5.0], [1.0, -1.0, 0.0]]


@pytest.mark.parametrize("dtype", ["float64", "float32"])
@pytest.mark.parametrize("special", [None, *range(len(SPECIAL_LOGITS))])
def test_softmax_in_place_form_in_reused_class_major_buffers_equals_each_row_alone(special, dtype):
    loss = get_loss("softmax-cross-entropy")
    rng = np.random.default_rng(6)
    z = rng.normal(0, 4, (300, 3))
    if special is not None:
        z[[17, 200]] = SPECIAL_LOGITS[special]
    z = z.astype(dtype)
    if special == len(SPECIAL_LOGITS) - 1:
        z[[17, 200]] *= np.finfo(dtype).max
    t = loss.encode(rng.integers(0, 3, len(z)), 3, np.dtype(dtype))
    # As the pass holds them: (K, n) arrays seen as (n, K), dirty, the second call's shorter.
    value = np.full(len(z) + 9, np.nan, dtype)
    grad, *scratch = np.full((1 + loss.scratch_arrays, 3, len(z) + 9), np.nan, dtype)
    with np.errstate(over="ignore", invalid="ignore"):
        for first, stop in ((0, len(z)), (3, len(z) - 50)):
            size = stop - first
            loss.value_and_grad_into(z[first:stop], t[first:stop], value[:size], grad[:, :size].T, [s[:, :size].T for s in scratch])
            alone = [loss.value_and_grad(z[i : i + 1], t[i : i + 1]) for i in range(first, stop)]
            np.testing.assert_array_equal(value[:size], np.concatenate([v for v, _ in alone]))
            np.testing.assert_array_equal(grad[:, :size].T, np.concatenate([g for _, g in alone]))
    assert value.dtype == grad.dtype == np.dtype(dtype)
