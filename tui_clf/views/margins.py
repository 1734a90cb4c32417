"""Each example's margin and the size of its loss gradient, for the per-example view.

Binary losses: the margin is s (z - c) with s = +1 for class 1 and -1 for class 0 and c
the loss's decision threshold (0, or 1/2 for squared error, which predicts class 1 where
z > 1/2): the t z of the hinge loss, written for any target encoding and threshold, positive
exactly where the example is classified right. Softmax: z_true - max_{k != true} z_k, positive when the true class wins.
|dL/dz| is |dL/dz| for a binary loss and the Euclidean norm of y - t for softmax. Plotted
against each other they show where logistic + squared error saturates (badly wrong, yet
almost no gradient) and where the hinge loss stops caring (margin >= 1, gradient 0).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.losses import Loss
from engine.objective import Params, scores


@dataclass(frozen=True)
class ExampleGradients:
    """Per example, shape (M,): margin, |dL/dz| (may hold nan or inf), and whether it is classified right."""

    margin: np.ndarray
    grad_size: np.ndarray
    correct: np.ndarray


def example_gradients(loss: Loss, params: Params, X: np.ndarray, labels: np.ndarray, T: np.ndarray) -> ExampleGradients:
    """Margins and gradient sizes of examples X (M, D) with integer labels (M,) and targets T."""
    z = scores(params, X, loss)
    with np.errstate(all="ignore"):
        dl_dz = loss.grad(z, T)
        if loss.multiclass:
            rows = np.arange(len(labels))
            others = z.copy()
            others[rows, labels] = -np.inf
            margin = z[rows, labels] - others.max(axis=1)
            size = np.linalg.norm(dl_dz, axis=1)
        else:
            from_threshold = z - loss.threshold
            margin = np.where(labels == 1, from_threshold, -from_threshold)
            size = np.abs(dl_dz)
    return ExampleGradients(margin, size, loss.predict(z) == labels)
