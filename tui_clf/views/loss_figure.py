"""The data of the loss figure (Figures 1-3) over the window of z the cursor has zoomed and panned to.

Every loss against z for one label, as L or as dL/dz, on Z_POINTS points of the window. The y
range follows the selected loss and cross-entropy (the lecture's reference) over that window,
from 0 (or their lowest) to their highest and a twentieth more: the other curves are cut where
they leave it, never flattened, so every drawn point is true. Each curve carries its letter
every TAG_SPACING of the window, the curves' tags offset from one another's, so that two curves
that coincide (softmax with K = 2 is cross-entropy) both show.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from engine.loss_curves import LossCurve, loss_curves
from engine.losses import LOSSES

Z_WINDOW = (-4.0, 4.0)  # the figure as the lecture draws it, before any zoom
Z_LIMITS = (-50.0, 50.0)  # far enough for the lecture's z = -11.5 with room to spare
MIN_Z_SPAN = 0.2
Z_POINTS = 161  # smooth at any terminal width, cheap for plotext
TAG_SPACING = 1 / 8  # of the window
REFERENCE_LOSS = "cross-entropy"
HEADROOM = 0.05


@lru_cache(maxsize=8)
def window_curves(low: float, high: float, label: int) -> dict[str, LossCurve]:
    """`loss_curves` on Z_POINTS points from low to high (cached: the window changes only on a key)."""
    return loss_curves(np.linspace(low, high, Z_POINTS), label)


def drawn_values(curve: LossCurve, derivative: bool) -> np.ndarray:
    """The curve's L, or its dL/dz."""
    return curve.derivative if derivative else curve.value


def y_limits(curves: dict[str, LossCurve], selected: str, derivative: bool) -> tuple[float, float]:
    """(bottom, top): 0 or lower to the highest of the selected loss and cross-entropy, with HEADROOM of the span more."""
    shown = np.concatenate([drawn_values(curves[name], derivative) for name in {selected, REFERENCE_LOSS}])
    shown = shown[np.isfinite(shown)]
    bottom, top = min(float(shown.min(initial=0.0)), 0.0), max(float(shown.max(initial=0.0)), 0.0)
    span = top - bottom if top > bottom else 1.0
    return (bottom - HEADROOM * span if bottom < 0 else 0.0), top + HEADROOM * span


def tag_points(name: str, z: np.ndarray) -> np.ndarray:
    """Indices into `z` (a grid from z[0] to z[-1]) where the curve of `name` carries its letter."""
    spacing = TAG_SPACING * (z[-1] - z[0])
    offset = spacing * list(LOSSES).index(name) / len(LOSSES)
    spots = np.arange(z[0] + offset, z[-1], spacing)
    return np.unique(np.searchsorted(z, spots).clip(0, len(z) - 1))
