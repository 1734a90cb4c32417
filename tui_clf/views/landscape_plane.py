"""Which plane of weight space the cost landscape is drawn on.

2-D data with a binary loss: the weights themselves, w1 across and w2 up, with the bias held
at its current value (feature_plane). Any other data: the plane through the initial weights,
the current weights and the reference point (where cross-entropy's training ends), with the
initial weights at (0, 0), the first axis towards the reference and the second towards the
current weights (plane_through). Before the first step the current weights are the initial
ones: the second axis is then the first step gradient descent would take, -grad J at the
start; when that is 0 too (the 0-1 loss), a seeded random direction.
"""

from __future__ import annotations

import numpy as np

from engine.losses import Loss
from engine.objective import Params, cost_and_grad
from tui_clf.views.weight_plane import Direction, WeightPlane, feature_plane, flatten, plane_through, towards


def is_feature_plane(n_features: int, loss: Loss) -> bool:
    """True when the landscape is drawn over w1 and w2 themselves."""
    return n_features == 2 and not loss.multiclass


def landscape_plane(
    initial: Params,
    current: Params,
    reference: Params,
    reference_name: str,
    X: np.ndarray,
    T: np.ndarray,
    loss: Loss,
    *,
    l2: float = 0.0,
    seed: int = 0,
    feature_names: tuple[str, str] = ("w1", "w2"),
) -> WeightPlane:
    """The plane of the module docstring for data X (N, D) with targets T in the loss's encoding."""
    if is_feature_plane(X.shape[1], loss):
        return feature_plane(current, feature_names)
    with np.errstate(all="ignore"):
        downhill = -flatten(cost_and_grad(initial, X, T, loss, l2).grad)
    random = np.random.default_rng(seed).standard_normal(downhill.shape)
    return plane_through(
        initial,
        [
            towards(reference_name, reference, initial),
            towards("now", current, initial),
            Direction("-grad J at the start", np.where(np.isfinite(downhill), downhill, 0.0)),
            Direction(f"a random direction (seed {seed})", random),
        ],
    )
