"""The decision regions of a 2-D linear classifier on a grid, and where they meet.

Predicting every cell of a grid with the loss's own rule (1[z > 0], 1[z > 1/2] for squared
error, argmax for softmax) draws the boundary of any of the seven losses the same way,
K regions included.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.losses import Loss
from engine.objective import Params, scores


@dataclass(frozen=True)
class DecisionGrid:
    """Cell centres x (C,) and y (R,), the predicted class of each cell (R, C), and the boundary cells."""

    x: np.ndarray
    y: np.ndarray
    classes: np.ndarray
    boundary: np.ndarray


def plot_limits(X: np.ndarray, pad: float = 0.05) -> tuple[tuple[float, float], tuple[float, float]]:
    """The x and y ranges that hold every point of X (N, 2), padded by `pad` of their span."""
    low, high = X.min(axis=0), X.max(axis=0)
    span = np.where(high > low, high - low, 1.0)
    low, high = low - pad * span, high + pad * span
    return (float(low[0]), float(high[0])), (float(low[1]), float(high[1]))


def decision_grid(
    loss: Loss, params: Params, x_range: tuple[float, float], y_range: tuple[float, float], columns: int, rows: int
) -> DecisionGrid:
    """Predict the centre of each of rows x columns cells; boundary = a neighbour predicts otherwise."""
    x = np.linspace(*x_range, columns)
    y = np.linspace(*y_range, rows)
    gx, gy = np.meshgrid(x, y)
    points = np.column_stack([gx.ravel(), gy.ravel()]).astype(params.W.dtype)
    with np.errstate(all="ignore"):
        classes = loss.predict(scores(params, points, loss)).reshape(rows, columns)
    boundary = np.zeros_like(classes, dtype=bool)
    boundary[:, 1:] |= classes[:, 1:] != classes[:, :-1]
    boundary[1:, :] |= classes[1:, :] != classes[:-1, :]
    return DecisionGrid(x, y, classes, boundary)
