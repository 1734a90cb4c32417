"""Numerically stable elementwise functions shared by the losses.

All functions keep the dtype of their input (float32 stays float32).
"""

from __future__ import annotations

import numpy as np


def sigmoid(z: np.ndarray) -> np.ndarray:
    """The logistic function sigma(z) = 1 / (1 + e^-z) (Eq. 5), accurate to a few ulps."""
    return sigmoid_from(z, np.exp(-np.abs(z)))


def sigmoid_from(z: np.ndarray, e: np.ndarray) -> np.ndarray:
    """sigma(z) given e = exp(-|z|), which never overflows: 1/(1+e) for z >= 0, e/(1+e) for z < 0.

    Tiny probabilities keep their relative precision. The two cases are blended by
    arithmetic, e + [z >= 0] (1 - e), because np.where on random signs is twice as slow.
    """
    return (e + (z >= 0) * (1 - e)) / (1 + e)


def softplus(z: np.ndarray) -> np.ndarray:
    """log(1 + e^z) without overflow: max(z, 0) + log1p(exp(-|z|)).

    Equal to np.logaddexp(0, z) and about four times faster (DESIGN.md section 4).
    """
    return np.maximum(z, 0) + np.log1p(np.exp(-np.abs(z)))


def shift_by_max(z: np.ndarray, out: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """u = z - max_k z_k over the last axis (into `out` if given), and a mask of one maximum per row (u = 0 there).

    Shapes of z. Never nan: a row whose maximum is +-inf would give inf - inf = nan, so u is
    set to 0 at its maxima. An entry so far below the maximum that the difference overflows
    (-1.7e308 - 1.7e308) becomes -inf, whose exp is the right 0. Of tied maxima only the
    first is marked.
    """
    m = z.max(axis=-1, keepdims=True)
    shifted = np.subtract(z, m, out=out)  # no errstate here: it costs more than the rest of the shift; the hot loop has its own
    top = shifted == 0
    # One zero per row is the common case; fewer means some inf - inf, more means a tie.
    if np.count_nonzero(top) != shifted.size // shifted.shape[-1]:
        np.copyto(shifted, 0, where=z == m)
        top = np.arange(z.shape[-1]) == shifted.argmax(axis=-1)[..., np.newaxis]
    return shifted, top


def softmax(z: np.ndarray) -> np.ndarray:
    """softmax(z)_k = e^{z_k} / sum_k' e^{z_k'} (Eq. 23) over the last axis; z: (N, K) -> (N, K)."""
    e = np.exp(shift_by_max(z)[0])
    return e / e.sum(axis=-1, keepdims=True)
