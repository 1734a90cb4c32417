"""Shared by the benchmarks: a seeded synthetic problem and a best-of-n timer."""

from __future__ import annotations

import time
from typing import Callable

import numpy as np


def problem(n: int, d: int, dtype: str = "float64", seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """X (n, d) standard normal and labels y (n,) from a noisy linear rule, both seeded."""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, d)).astype(dtype)
    w = rng.standard_normal(d)
    y = (X @ w + rng.standard_normal(n) > 0).astype(np.intp)
    return X, y


def best_seconds(run: Callable[[], object], repeats: int = 5) -> float:
    """The fastest of `repeats` runs: the least disturbed by whatever else the machine does."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)
