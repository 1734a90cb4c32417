"""The ring of past snapshots: the last steps exactly, older ones thinned, memory bounded however long
the run; a kept snapshot resumes bit for bit, whatever the optimiser and the batch size."""

import tracemalloc

import numpy as np
import pytest

from engine.snapshot_ring import SnapshotRing
from engine.train_config import TrainConfig
from engine.trainer import Trainer


def blobs(n: int = 120, seed: int = 0):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, n)
    X = rng.normal(size=(n, 3)) + 1.5 * (2 * y[:, None] - 1) * np.array([1.0, 0.5, 0.0])
    return X, y


def test_the_last_steps_are_kept_exactly_and_the_older_ones_thinned_evenly():
    ring = SnapshotRing(recent=10)
    for step in range(1000):
        ring.add(step, step)
    steps = ring.steps
    assert steps[-10:] == list(range(990, 1000))
    older = steps[:-10]
    assert older[0] == 0 and len(older) <= 10
    assert len({b - a for a, b in zip(older, older[1:])}) == 1, "older steps are evenly spaced"
    assert len(ring) <= 20


@pytest.mark.parametrize("steps", [10, 1_000, 100_000])
def test_the_ring_never_holds_more_than_twice_its_recent_steps(steps):
    ring = SnapshotRing(recent=50)
    most = 0
    for step in range(steps):
        ring.add(step, step)
        most = max(most, len(ring))
    assert most <= 100


def test_adding_an_earlier_step_forgets_the_ones_after_it():
    ring = SnapshotRing(recent=5)
    for step in range(20):
        ring.add(step, step)
    ring.add(17, "again")
    assert ring.steps[-1] == 17 and ring.before(18) == (17, "again")
    ring.add(3, "far back")
    assert ring.steps == [0, 3] or ring.steps[-1] == 3
    assert all(step <= 3 for step in ring.steps)


def test_before_and_after_step_through_the_kept_steps():
    ring = SnapshotRing(recent=3)
    for step in range(8):
        ring.add(step, f"w{step}")
    assert ring.before(6) == (5, "w5") and ring.after(5) == (6, "w6")
    assert ring.after(7) is None
    assert ring.before(ring.steps[0]) is None


def test_the_memory_of_a_long_run_of_real_snapshots_stays_bounded():
    """Memory bound: snapshots of 20 000 steps take no more than 2 * recent times one step's share."""
    X, y = blobs()
    recent = 100
    trainer = Trainer(X, y, 2, TrainConfig(loss="cross-entropy", optimizer="adam", lr=0.01, epochs=10**9))
    ring = SnapshotRing(recent=recent)
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        for record in trainer.iter_steps(recent):
            ring.add(record.step, trainer.snapshot())
        per_step = (tracemalloc.get_traced_memory()[0] - base) / recent
        most = 0
        for record in trainer.iter_steps(20_000):
            ring.add(record.step, trainer.snapshot())
            if record.step % 500 == 0:
                most = max(most, tracemalloc.get_traced_memory()[0] - base)
    finally:
        tracemalloc.stop()
    assert len(ring) <= 2 * recent
    assert most <= 2.5 * recent * per_step, f"{most} bytes for {len(ring)} snapshots of {per_step:.0f} bytes each"


@pytest.mark.parametrize("optimizer", ["gd", "momentum", "adam"])
@pytest.mark.parametrize("batch_size", [None, 16])
def test_resuming_from_a_kept_step_gives_the_weights_of_a_run_that_never_stopped(optimizer, batch_size):
    X, y = blobs()
    config = TrainConfig(loss="cross-entropy", optimizer=optimizer, lr=0.05, epochs=10**6, batch_size=batch_size, seed=3)
    trainer = Trainer(X, y, 2, config)
    ring = SnapshotRing(recent=10)
    ring.add(0, trainer.snapshot())
    for record in trainer.iter_steps(60):
        ring.add(record.step, trainer.snapshot())
    k, kept = ring.before(44)
    trainer.restore(kept)
    trainer.run(25)
    fresh = Trainer(X, y, 2, config)
    fresh.run(k + 25)
    assert trainer.steps == fresh.steps == k + 25
    assert np.array_equal(trainer.params.W, fresh.params.W) and np.array_equal(trainer.params.b, fresh.params.b)
