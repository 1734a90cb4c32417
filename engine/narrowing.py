"""A float64 X turned into float32 in its own memory, for a run in float32 on data nobody else needs.

Converting with astype would hold both at once: 1.5x the bytes of X at the peak, on top of what
the split and the standardisation hold. The float32 rows are written over the front half of X's
own buffer instead, in blocks of rows in increasing order: block [s, e) writes bytes [4 s D, 4 e D)
and the rows still to be read start at byte 8 e D, so no row is overwritten before it is read.
The back half of the buffer stays allocated, unused, as long as the float32 view lives: the peak
is the loaded X, not the loaded X plus its copy.
"""

from __future__ import annotations

import numpy as np

# Rows per block: a block's temporary (when it overlaps its own source) is the only extra memory.
NARROW_ROWS = 4096


def can_narrow_in_place(X: np.ndarray, dtype: np.dtype) -> bool:
    """True when X (N, D) is a C-contiguous writeable float array whose items are wider than `dtype`'s."""
    dtype = np.dtype(dtype)
    return (
        X.ndim == 2
        and X.dtype.kind == "f"
        and dtype.kind == "f"
        and X.dtype.itemsize > dtype.itemsize
        and X.flags.c_contiguous
        and X.flags.writeable
    )


def narrowed_in_place(X: np.ndarray, dtype: np.dtype) -> np.ndarray:
    """X (N, D) as `dtype` (N, D), written over X's own memory; X itself must not be read afterwards."""
    out = X.reshape(-1).view(np.uint8)[: X.size * np.dtype(dtype).itemsize].view(dtype).reshape(X.shape)
    for start in range(0, X.shape[0], NARROW_ROWS):
        # NumPy copies a block whose source overlaps its destination (the first ones) before writing.
        out[start : start + NARROW_ROWS] = X[start : start + NARROW_ROWS]
    return out
