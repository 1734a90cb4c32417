"""Raw class labels (strings) -> integer labels y and class names, in a stable order."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from engine.loaders.cells import is_number


def encode_labels(names: Sequence[str], codes: np.ndarray, path: str) -> tuple[np.ndarray, tuple[str, ...]]:
    """y (N,) in 0..K-1 and the K class names, from distinct raw labels and each row's code.

    names: the distinct raw labels (stripped, non-empty); codes: (N,) indices into `names`.
    When every label is a finite number the classes are sorted numerically and named
    canonically ("+1", "1" and "1.0" are all class "1"); otherwise they are sorted as strings.
    """
    numeric = all(is_number(name) and math.isfinite(float(name)) for name in names)
    keys = [_canonical(float(name)) for name in names] if numeric else list(names)
    classes = tuple(sorted(set(keys), key=float if numeric else None))
    index = {name: k for k, name in enumerate(classes)}
    remap = np.array([index[key] for key in keys], dtype=np.intp)
    return remap[np.asarray(codes, dtype=np.intp)], classes


def _canonical(value: float) -> str:
    """A numeric label as a class name: "3" for 3.0, "0.5" for 0.5."""
    return str(int(value)) if value.is_integer() else repr(value)
