"""Training on several threads gives the one-thread run's numbers to rounding; threads are a setting."""

from __future__ import annotations

import numpy as np
import pytest

from engine import objective
from engine.errors import ConfigError
from engine.progress import Progress
from engine.train_config import TrainConfig
from engine.trainer import Trainer


def test_a_run_on_two_threads_follows_the_one_thread_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(objective, "CHUNK_BYTES", 1024)  # 256-row chunks: 11 of them, the last ragged
    rng = np.random.default_rng(5)
    X = rng.standard_normal((2700, 8))
    y = (X @ rng.standard_normal(8) > 0).astype(np.intp)
    runs = [Trainer(X, y, 2, TrainConfig(lr=0.5, epochs=20, l2=0.01, threads=threads)).run() for threads in (1, 2)]
    one, two = ([r.train_cost for r in run.records] for run in runs)
    assert len(one) == len(two) == 20
    np.testing.assert_allclose(two, one, rtol=1e-12)


def test_threads_must_be_at_least_one() -> None:
    with pytest.raises(ConfigError, match="threads must be at least 1"):
        TrainConfig(threads=0)


def test_progress_but_changes_what_it_is_told_and_refuses_unknown_fields() -> None:
    start = Progress(params=None, opt_state=None)
    moved = start.but(steps=3, position=7)
    assert (moved.steps, moved.position, start.steps, start.position) == (3, 7, 0, 0)
    assert moved == Progress(params=None, opt_state=None, steps=3, position=7)
    with pytest.raises(TypeError, match="no field 'stpes'"):
        start.but(stpes=3)
