"""A validation split that is a function of the row's index and the seed alone, so data read chunk
by chunk (a streamed file, a Dask partition) is split without ever holding the whole file.

Row i goes to validation iff u(seed, i) < fraction, where u is the SplitMix64 hash of
(i + (seed + 1) * golden) mapped to [0, 1) by its top 53 bits: uniform, independent between rows,
and the same whichever chunk the row arrives in. Unlike engine.dataset.stratified_split it does
not balance classes: the validation share of each class is `fraction` only on average.
"""

from __future__ import annotations

import numpy as np

GOLDEN = 0x9E3779B97F4A7C15
MIX_1 = np.uint64(0xBF58476D1CE4E5B9)
MIX_2 = np.uint64(0x94D049BB133111EB)


def uniform_of_rows(first_row: int, n: int, seed: int) -> np.ndarray:
    """u(seed, i) in [0, 1) for rows i = first_row .. first_row + n - 1, shape (n,)."""
    z = np.arange(first_row, first_row + n, dtype=np.uint64)
    z += np.uint64((seed + 1) * GOLDEN % 2**64)
    # From here on uint64 arrays wrap modulo 2^64, as SplitMix64 wants.
    z = (z ^ (z >> np.uint64(30))) * MIX_1
    z = (z ^ (z >> np.uint64(27))) * MIX_2
    z ^= z >> np.uint64(31)
    return (z >> np.uint64(11)).astype(np.float64) * 2.0**-53


def validation_mask(first_row: int, n: int, seed: int, fraction: float) -> np.ndarray:
    """True for the rows first_row .. first_row + n - 1 that belong to the validation split, shape (n,)."""
    return uniform_of_rows(first_row, n, seed) < fraction
