"""Is a loss convex in the score z? A 1-D test by second differences (lecture section 4).

A function f is convex on a grid of step d exactly when every second difference
    s(z) = f(z - d) - 2 f(z) + f(z + d)
is >= 0 (for a twice-differentiable f, s ~ f''(z) d^2). The test computes s on the grid of
loss_curves for both labels and calls the loss convex in z when no s falls below
    -tolerance = -TOLERANCE_ULPS * eps * max(1, max |f|, max |z|),
the rounding error of three values that carry a few ulps of the largest terms in them
(1 - t z for hinge, the grid's z, f itself): 2e-14 on the default grid, while the real dips
are -1 (zero-one at 0) and about -4e-5 (logistic-squared-error, where sigma(z) < 1/3).
For a linear model, a loss convex in z gives a cost convex in the weights (Figure 4, right);
jensen.py probes the cost itself.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.loss_curves import loss_curve
from engine.losses import Loss

# Each loss value is good to a few ulps; 16 leaves room without hiding a real dip.
TOLERANCE_ULPS = 16


@dataclass(frozen=True)
class ConvexityInZ:
    """The verdict and the most negative second difference, with the z and label where it was seen."""

    loss: str
    convex: bool
    min_second_difference: float
    at_z: float
    label: int
    tolerance: float


def convexity_in_z(loss: Loss, z: np.ndarray | None = None) -> ConvexityInZ:
    """Second differences of L(z, t) on the evenly spaced grid z (default_z_grid) for labels 0 and 1."""
    worst = None
    for label in (0, 1):
        curve = loss_curve(loss, z, label)
        f = curve.value
        s = f[:-2] - 2 * f[1:-1] + f[2:]
        scale = max(1.0, float(np.abs(f).max()), float(np.abs(curve.z).max()))
        tolerance = TOLERANCE_ULPS * float(np.finfo(f.dtype).eps) * scale
        i = int(np.argmin(s))
        if worst is None or s[i] < worst.min_second_difference:
            convex = bool(s[i] >= -tolerance)
            worst = ConvexityInZ(loss.name, convex, float(s[i]), float(curve.z[i + 1]), label, tolerance)
    return worst
