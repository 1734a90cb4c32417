"""The chunked pass split over threads gives the one-thread result to rounding, on every call the same."""

from __future__ import annotations

import os
import signal

import numpy as np
import pytest
from threadpoolctl import threadpool_info

from engine import objective
from engine.losses import get_loss
from engine.objective import Params, chunk_rows, cost_and_grad

# Chunks of 256 rows (chunk_rows' least) on a small X: 7 whole chunks and a ragged 13-row one.
N_ROWS, N_FEATURES = 7 * 256 + 13, 16


@pytest.fixture(autouse=True)
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(objective, "CHUNK_BYTES", 1024)


def problem(loss_name: str, dtype: str) -> tuple[Params, np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(7)
    loss = get_loss(loss_name)
    k = 3 if loss.multiclass else 1
    X = rng.standard_normal((N_ROWS, N_FEATURES)).astype(dtype)
    y = rng.integers(0, 3 if loss.multiclass else 2, N_ROWS)
    params = Params(rng.standard_normal((k, N_FEATURES)).astype(dtype), rng.standard_normal(k).astype(dtype))
    return params, X, loss.encode(y, 3, X.dtype), y


@pytest.mark.parametrize("dtype", ["float64", "float32"])
@pytest.mark.parametrize("loss_name", ["cross-entropy", "hinge", "softmax-cross-entropy"])
@pytest.mark.parametrize("threads", [2, 3])
def test_threaded_pass_equals_the_one_thread_pass_to_rounding(loss_name: str, dtype: str, threads: int) -> None:
    params, X, T, _ = problem(loss_name, dtype)
    loss = get_loss(loss_name)
    assert chunk_rows(X) == 256 and N_ROWS % 256 != 0  # several chunks, the last one ragged
    one = cost_and_grad(params, X, T, loss, l2=0.1, threads=1)
    many = cost_and_grad(params, X, T, loss, l2=0.1, threads=threads)
    rtol = 1e-12 if dtype == "float64" else 1e-5
    assert many.cost == pytest.approx(one.cost, rel=rtol)
    assert many.loss == pytest.approx(one.loss, rel=rtol)
    np.testing.assert_array_equal(many.z, one.z)  # each score is computed by exactly one thread
    for mine, theirs in zip(many.grad, one.grad):
        np.testing.assert_allclose(mine, theirs, rtol=rtol, atol=rtol * float(np.abs(theirs).max()))


@pytest.mark.parametrize("loss_name", ["cross-entropy", "squared-error", "hinge", "zero-one", "softmax-cross-entropy"])
@pytest.mark.parametrize("threads", [1, 2, 3])
def test_errors_counted_in_the_pass_are_the_predictions_that_miss(loss_name: str, threads: int) -> None:
    params, X, T, y = problem(loss_name, "float64")
    loss = get_loss(loss_name)
    plain = cost_and_grad(params, X, T, loss, l2=0.1, threads=threads)
    counted = cost_and_grad(params, X, T, loss, l2=0.1, threads=threads, labels=y)
    expected = int(np.count_nonzero(loss.predict(plain.z) != y))
    assert 0 < expected < N_ROWS  # random weights: some right, some wrong, in every run of chunks
    assert counted.errors == expected
    assert plain.errors is None
    assert counted.cost == plain.cost
    for mine, theirs in zip(counted.grad, plain.grad):
        np.testing.assert_array_equal(mine, theirs)
    # A binary loss counts chunk by chunk and keeps no z; softmax counts from its kept z.
    assert (counted.z is None) is (not loss.multiclass)


def test_a_score_on_the_threshold_counts_as_the_class_below_it() -> None:
    params, X, T, y = problem("squared-error", "float64")
    loss = get_loss("squared-error")
    at_threshold = Params(np.zeros_like(params.W), np.full(1, loss.threshold))  # every z is the threshold: class 0
    counted = cost_and_grad(at_threshold, X, T, loss, threads=2, labels=y)
    assert counted.errors == int(np.count_nonzero(y == 1))


@pytest.mark.parametrize("loss_name", ["cross-entropy", "softmax-cross-entropy"])
def test_threaded_pass_gives_the_same_bits_on_every_call(loss_name: str) -> None:
    params, X, T, _ = problem(loss_name, "float64")
    loss = get_loss(loss_name)
    first = cost_and_grad(params, X, T, loss, threads=2)
    for _ in range(5):
        again = cost_and_grad(params, X, T, loss, threads=2)
        assert again.cost == first.cost
        for mine, theirs in zip(again.grad, first.grad):
            np.testing.assert_array_equal(mine, theirs)


def test_threaded_pass_matches_the_lectures_gradient_by_finite_differences() -> None:
    params, X, T, _ = problem("cross-entropy", "float64")
    loss = get_loss("cross-entropy")
    grad = cost_and_grad(params, X, T, loss, l2=0.1, threads=2).grad.W
    h = 1e-6
    for j in (0, 5, N_FEATURES - 1):
        W_plus, W_minus = params.W.copy(), params.W.copy()
        W_plus[0, j] += h
        W_minus[0, j] -= h
        plus = cost_and_grad(Params(W_plus, params.b), X, T, loss, l2=0.1, threads=2).cost
        minus = cost_and_grad(Params(W_minus, params.b), X, T, loss, l2=0.1, threads=2).cost
        assert grad[0, j] == pytest.approx((plus - minus) / (2 * h), rel=1e-6, abs=1e-9)


def test_blas_gets_its_threads_back_after_a_chunked_pass() -> None:
    before = [(lib["filepath"], lib["num_threads"]) for lib in threadpool_info() if lib["user_api"] == "blas"]
    params, X, T, _ = problem("cross-entropy", "float64")
    cost_and_grad(params, X, T, get_loss("cross-entropy"), threads=2)
    after = [(lib["filepath"], lib["num_threads"]) for lib in threadpool_info() if lib["user_api"] == "blas"]
    assert after == before


def test_a_forked_child_runs_threaded_passes_on_a_pool_of_its_own() -> None:
    params, X, T, _ = problem("cross-entropy", "float64")
    loss = get_loss("cross-entropy")
    expected = cost_and_grad(params, X, T, loss, threads=2).cost  # the parent's pool now exists
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - runs in the child
        signal.alarm(20)  # a child waiting on the parent's dead threads dies instead of hanging the test
        os.write(write, repr(cost_and_grad(params, X, T, loss, threads=2).cost).encode())
        os._exit(0)
    os.close(write)
    _, status = os.waitpid(child, 0)
    with os.fdopen(read) as pipe:
        assert float(pipe.read()) == expected
    assert os.waitstatus_to_exitcode(status) == 0


def test_the_engine_runs_on_numpy_alone_when_threadpoolctl_is_missing():
    """DESIGN: engine -> numpy. Without threadpoolctl the threaded pass still runs, BLAS keeping its threads."""
    import subprocess
    import sys

    code = (
        "import sys; sys.modules['threadpoolctl'] = None\n"
        "import numpy as np\n"
        "from engine import LOSSES\n"
        "from engine.objective import Params, cost_and_grad\n"
        "X = np.random.default_rng(0).normal(size=(40_000, 50)); t = (X[:, 0] > 0).astype(float)\n"
        "p = Params(np.full((1, 50), 0.01), np.zeros(1))\n"
        "one, two = (cost_and_grad(p, X, t, LOSSES['cross-entropy'], threads=k) for k in (1, 2))\n"
        "assert abs(one.cost - two.cost) <= 1e-12 * one.cost\n"
        "assert np.allclose(one.grad.W, two.grad.W, rtol=1e-10, atol=0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
