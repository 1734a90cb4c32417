"""The one-chunk pass (engine.one_chunk_pass): the same numbers as the chunked pass, and its
buffers, reused by every step, never reach what a snapshot hands out."""

import math

import numpy as np
import pytest

from engine.losses import LOSSES
from engine.objective import Params, cost_and_grad
from engine.one_chunk_pass import OneChunkPass
from engine.train_config import TrainConfig
from engine.trainer import Trainer

BINARY = [name for name, loss in LOSSES.items() if not loss.multiclass]


def blobs(n: int = 300, d: int = 5, seed: int = 0):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, n)
    X = rng.normal(size=(n, d)) + 1.5 * (2 * y[:, None] - 1) * np.linspace(1, -0.3, d)
    return X, y


@pytest.mark.parametrize("name", BINARY)
@pytest.mark.parametrize("dtype", ["float64", "float32"])
@pytest.mark.parametrize("l2", [0.0, 0.05])
def test_the_point_equals_the_chunked_pass_on_whole_and_ragged_rows(name, dtype, l2):
    loss = LOSSES[name]
    X, y = blobs()
    X = X.astype(dtype)
    T = loss.encode(y, 2, X.dtype)
    rng = np.random.default_rng(1)
    params = Params(rng.normal(size=(1, X.shape[1])).astype(dtype), np.array([0.3], dtype))
    buffers = OneChunkPass(len(X), X.dtype)
    tight = 1e-12 if dtype == "float64" else 1e-5
    for n in (len(X), 217, len(X)):  # a ragged batch in the same buffers, then the whole rows again
        point = buffers.point(params, X[:n], T[:n], y[:n], loss, l2)
        reference = cost_and_grad(params, X[:n], T[:n], loss, l2)
        assert point.cost == pytest.approx(reference.cost, rel=tight)
        assert point.loss == pytest.approx(reference.loss, rel=tight)
        assert point.error == np.count_nonzero(loss.predict(reference.z) != y[:n]) / n
        for ours, theirs in zip(point.grad, reference.grad):
            assert ours.shape == theirs.shape and ours.dtype == theirs.dtype
            np.testing.assert_allclose(ours, theirs, rtol=tight, atol=tight * float(np.abs(theirs).max()))
        norm = math.sqrt(sum(float(np.sum(np.asarray(g, np.float64) ** 2)) for g in reference.grad))
        assert point.grad_norm == pytest.approx(norm, rel=tight)


def arrays_of(progress) -> list[np.ndarray]:
    """Every array a snapshot holds: weights, gradient, optimiser state, and those of its fallbacks."""
    found = []
    for p in (progress, progress.best, progress.best_val):
        if p is None:
            continue
        found += list(p.params) + list(p.point.grad) if p.point is not None else list(p.params)
        for part in p.opt_state:
            found += [leaf for leaf in (part if isinstance(part, tuple) else ()) if isinstance(leaf, np.ndarray)]
    return found


@pytest.mark.parametrize("optimizer", ["gd", "momentum", "adam"])
@pytest.mark.parametrize("batch_size", [None, 64])
def test_buffers_reused_across_steps_never_leak_into_a_snapshot(optimizer, batch_size):
    X, y = blobs()
    trainer = Trainer(X, y, 2, TrainConfig(optimizer=optimizer, lr=0.3, epochs=10**6, batch_size=batch_size, tol=0))
    for _ in range(3):
        trainer.step()
    snapshot = trainer.snapshot()
    held = arrays_of(snapshot)
    copies = [np.array(a, copy=True) for a in held]
    buffers = trainer._rows._one_chunk
    assert buffers is not None  # the steps ran in the one-chunk pass
    for _ in range(20):
        trainer.step()
    for array, copy in zip(held, copies):
        np.testing.assert_array_equal(array, copy)
        for buffer in (buffers._z, buffers._value, buffers._dl_dz, buffers._wrong, *buffers._scratch):
            assert not np.shares_memory(array, buffer)


def test_each_minibatch_record_equals_a_separate_pass_over_its_batch():
    X, y = blobs(n=300)
    config = TrainConfig(lr=0.5, epochs=2, batch_size=64, l2=0.01, tol=0)
    trainer = Trainer(X, y, 2, config)
    loss = trainer.loss
    for _ in range(trainer.steps_per_epoch * 2 - 1):  # the ragged last batch of each epoch included
        record = trainer.step()
        p = trainer.snapshot()
        batch = trainer._rows.batch(p.epochs_done, p.position, 64, config.seed)
        reference = cost_and_grad(trainer.params, batch.X, batch.T, loss, 0.01)
        assert record.train_cost == pytest.approx(reference.cost, rel=1e-12)
        assert record.train_error == np.count_nonzero(loss.predict(reference.z) != batch.y) / len(batch.y)
