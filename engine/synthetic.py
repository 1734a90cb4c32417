"""Small seeded 2-D datasets that make the lecture visible, one generator per bundled name.

Each generator draws from its own np.random.RandomState(seed): NumPy freezes that legacy
stream (NEP 19), so `python -m engine.synthetic OUTDIR` rewrites the CSVs shipped in
sample_data/ byte for byte on any NumPy. Coordinates are rounded to 3 decimals, plenty
for a plot. Rows are shuffled; binary classes are "0" and "1", as the lecture's t.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np

from engine.data import save_dataset
from engine.dataset import Dataset

FEATURES = ("x1", "x2")
DIAGONAL = np.array([np.cos(np.pi / 6), np.sin(np.pi / 6)])  # blob centres lie along this unit vector


def blobs(seed: int = 1) -> Dataset:
    """Two Gaussian blobs (100 + 100) with a gap between them: linearly separable."""
    rng = np.random.RandomState(seed)
    return _dataset("blobs", rng, *_separable_blobs(rng))


def blobs_overlap(seed: int = 2) -> Dataset:
    """Two Gaussian blobs (100 + 100) that overlap: about 11% of points lie across the best line."""
    rng = np.random.RandomState(seed)
    return _dataset("blobs-overlap", rng, _blob(rng, 100, -1.2 * DIAGONAL, 1.0), _blob(rng, 100, 1.2 * DIAGONAL, 1.0))


def blobs_outliers(seed: int = 3) -> Dataset:
    """Separable blobs plus 20 class-1 points far out on class 1's side (the lecture's y = 9).

    The far points are classified right with room to spare, yet squared error, which wants
    z = 1 for them too, tilts the boundary into the blobs; cross-entropy is pulled far less.
    """
    rng = np.random.RandomState(seed)
    zeros, ones = _separable_blobs(rng)
    across = np.array([DIAGONAL[1], -DIAGONAL[0]])
    far = _blob(rng, 20, 10 * DIAGONAL + 4 * across, 0.5)
    return _dataset("blobs-outliers", rng, zeros, np.vstack([ones, far]))


def blobs_noisy(seed: int = 4) -> Dataset:
    """Separable blobs (100 + 100) with the labels of 30 points (15%) flipped."""
    rng = np.random.RandomState(seed)
    zeros, ones = _separable_blobs(rng)
    X = np.vstack([zeros, ones])
    y = np.repeat([0, 1], [len(zeros), len(ones)])
    flipped = rng.choice(len(y), size=30, replace=False)
    y[flipped] = 1 - y[flipped]
    return _dataset("blobs-noisy", rng, X[y == 0], X[y == 1])


def xor(seed: int = 5) -> Dataset:
    """Four clusters of 50: class 1 where x1 and x2 have the same sign. No line does much better than guessing."""
    rng = np.random.RandomState(seed)
    corners = {(1, 1): 1, (-1, -1): 1, (1, -1): 0, (-1, 1): 0}
    parts: list[list[np.ndarray]] = [[], []]
    for corner, label in corners.items():
        parts[label].append(_blob(rng, 50, 1.5 * np.array(corner), 0.5))
    return _dataset("xor", rng, np.vstack(parts[0]), np.vstack(parts[1]))


def rings(seed: int = 6) -> Dataset:
    """A disc of radius about 1 (class 0, 150 points) inside a ring of radius about 2.5 (class 1, 150)."""
    rng = np.random.RandomState(seed)
    return _dataset("rings", rng, _ring(rng, 150, 1.0, 0.2), _ring(rng, 150, 2.5, 0.2))


def three_blobs(seed: int = 7) -> Dataset:
    """Three Gaussian blobs of 100, 120 degrees apart: classes 0, 1, 2, for softmax."""
    rng = np.random.RandomState(seed)
    angles = np.pi / 2 + 2 * np.pi / 3 * np.arange(3)
    centres = 2.0 * np.stack([np.cos(angles), np.sin(angles)], axis=1)
    return _dataset("three-blobs", rng, *(_blob(rng, 100, centre, 0.8) for centre in centres))


GENERATORS: dict[str, Callable[[], Dataset]] = {
    "blobs": blobs,
    "blobs-overlap": blobs_overlap,
    "blobs-outliers": blobs_outliers,
    "blobs-noisy": blobs_noisy,
    "xor": xor,
    "rings": rings,
    "three-blobs": three_blobs,
}


def write_all(folder: str | Path) -> list[Path]:
    """Write every generated dataset to folder/<name>.csv; the paths written."""
    Path(folder).mkdir(parents=True, exist_ok=True)
    paths = []
    for name, generate in GENERATORS.items():
        path = Path(folder) / f"{name}.csv"
        save_dataset(generate(), path)
        paths.append(path)
    return paths


def _blob(rng: np.random.RandomState, n: int, centre: np.ndarray, scale: float) -> np.ndarray:
    """n points (n, 2) from an isotropic Gaussian."""
    return centre + scale * rng.randn(n, 2)


def _separable_blobs(rng: np.random.RandomState, n: int = 100, margin: float = 0.8) -> tuple[np.ndarray, np.ndarray]:
    """Blobs (n, 2) around -2 and +2 along DIAGONAL, each kept `margin` clear of the line between them."""
    zeros = _blob(rng, 4 * n, -2 * DIAGONAL, 0.8)
    ones = _blob(rng, 4 * n, 2 * DIAGONAL, 0.8)
    # 4n draws leave far more than n beyond the margin; keeping the first n keeps the seed's stream.
    return zeros[zeros @ DIAGONAL < -margin][:n], ones[ones @ DIAGONAL > margin][:n]


def _ring(rng: np.random.RandomState, n: int, radius: float, scale: float) -> np.ndarray:
    """n points (n, 2) at angles uniform in [0, 2 pi), radii radius + Gaussian noise."""
    angle = rng.uniform(0, 2 * np.pi, n)
    r = radius + scale * rng.randn(n)
    return np.stack([r * np.cos(angle), r * np.sin(angle)], axis=1)


def _dataset(name: str, rng: np.random.RandomState, *parts: np.ndarray) -> Dataset:
    """parts[k] (n_k, 2) are the points of class k; shuffled together and rounded to 3 decimals."""
    X = np.vstack(parts)
    y = np.repeat(np.arange(len(parts)), [len(p) for p in parts])
    order = rng.permutation(len(y))
    classes = tuple(str(k) for k in range(len(parts)))
    X = np.round(X[order], 3) + 0.0  # + 0.0 turns -0.0 into 0.0, which reads better in a CSV
    return Dataset(name, X, y[order].astype(np.intp), classes, FEATURES)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m engine.synthetic OUTDIR   (OUTDIR: sample_data to refresh the shipped files)")
    write_all(sys.argv[1])
