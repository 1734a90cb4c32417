"""A buffer of rows reused from chunk to chunk, grown only when a chunk is larger than any before."""

from __future__ import annotations

import numpy as np


class ChunkBuffer:
    """Views of n rows x `n_features` columns of `dtype`, all in one array."""

    def __init__(self, n_features: int, dtype: np.dtype | str) -> None:
        self._array = np.empty((0, n_features), dtype)

    def rows(self, n: int) -> np.ndarray:
        if n > len(self._array):
            self._array = np.empty((n, self._array.shape[1]), self._array.dtype)
        return self._array[:n]
