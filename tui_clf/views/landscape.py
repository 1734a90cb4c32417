"""The cost landscape: J over a window of a plane in weight space, on a grid (no UI).

Each cell is the engine's own cost at the weights of its centre,
    cost[i, j] = J(plane.params_at(alpha[j], beta[i])) = objective.cost(..., X, T, loss, l2),
one pass over the data per cell, row by row, so that a caller can stop between rows (the
app's worker is cancelled when the session changes). Shapes: alpha (C,), beta (R,), cost (R, C).

The levels a picture shows are evenly spaced in sqrt(J - J_min) between the grid's smallest
and largest finite values (cost_levels): a flat region (a plateau, a step of the 0-1 cost)
stays one level wide and a bowl shows as nested rings; quantiles would split a plateau by
its round-off, and even spacing in J left a valley's whole floor in one level.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np

from engine.losses import Loss
from engine.objective import Params, cost
from tui_clf.views.weight_plane import WeightPlane

# The window holds the points it must show with this fraction of their spread on each side.
WINDOW_PAD = 0.5
# Weights further off the plane than this fraction of the window's span call for a new plane.
OFF_PLANE_FRACTION = 0.1


@dataclass(frozen=True)
class Window:
    """A square part of a plane (equal spans in weight units, so a round bowl looks round): the ranges of alpha and beta."""

    alpha: tuple[float, float]
    beta: tuple[float, float]

    @property
    def span(self) -> float:
        return self.alpha[1] - self.alpha[0]

    def holds(self, alpha: float, beta: float) -> bool:
        return self.alpha[0] <= alpha <= self.alpha[1] and self.beta[0] <= beta <= self.beta[1]


@dataclass(frozen=True)
class CostGrid:
    """J at the centres of a rows x columns grid over `window` of `plane`."""

    plane: WeightPlane
    window: Window
    alpha: np.ndarray
    beta: np.ndarray
    cost: np.ndarray


def window_around(points: np.ndarray, pad: float = WINDOW_PAD, least_span: float = 1.0) -> Window:
    """The square window centred on the finite points (n, 2) with `pad` of their spread on each side.

    least_span: the span when the points (nearly) coincide, in weight units.
    """
    points = points[np.isfinite(points).all(axis=1)]
    if len(points) == 0:
        points = np.zeros((1, 2))
    low, high = points.min(axis=0), points.max(axis=0)
    span = max(float((high - low).max()) * (1 + 2 * pad), least_span)
    centre = (low + high) / 2
    return Window(
        (float(centre[0] - span / 2), float(centre[0] + span / 2)), (float(centre[1] - span / 2), float(centre[1] + span / 2))
    )


def grid_axes(window: Window, columns: int, rows: int) -> tuple[np.ndarray, np.ndarray]:
    """Cell centres: alpha (columns,) and beta (rows,), evenly spaced over the window, ends included."""
    return np.linspace(*window.alpha, columns), np.linspace(*window.beta, rows)


def cost_rows(
    plane: WeightPlane, alpha: np.ndarray, beta: np.ndarray, X: np.ndarray, T: np.ndarray, loss: Loss, l2: float
) -> Iterator[np.ndarray]:
    """Row i of the grid, J at (alpha[j], beta[i]) for every j, one row at a time."""
    for b in beta:
        with np.errstate(all="ignore"):  # the naive cross-entropy overflows far out: inf is its value there
            row = np.array([cost(plane.params_at(a, b), X, T, loss, l2) for a in alpha])
        yield row


def cost_grid(
    plane: WeightPlane,
    window: Window,
    columns: int,
    rows: int,
    X: np.ndarray,
    T: np.ndarray,
    loss: Loss,
    l2: float = 0.0,
    cancelled: Callable[[], bool] = lambda: False,
) -> CostGrid | None:
    """The grid of J over `window`, or None if `cancelled()` turned true between two rows."""
    alpha, beta = grid_axes(window, columns, rows)
    values = np.empty((rows, columns))
    for i, row in enumerate(cost_rows(plane, alpha, beta, X, T, loss, l2)):
        if cancelled():
            return None
        values[i] = row
    return CostGrid(plane, window, alpha, beta, values)


def needs_new_plane(grid: CostGrid, params: Params) -> bool:
    """True when finite weights lie outside the grid's window or off its plane by more than OFF_PLANE_FRACTION of its span."""
    alpha, beta = grid.plane.coordinates(params)
    if not np.isfinite([alpha, beta]).all():
        return False  # diverged weights: no plane would hold them
    return not grid.window.holds(alpha, beta) or grid.plane.distance(params) > OFF_PLANE_FRACTION * grid.window.span


def cost_levels(values: np.ndarray, n_levels: int) -> tuple[np.ndarray, np.ndarray]:
    """The level of each value (same shape), 0..n_levels-1, and the n_levels + 1 edges in J; -1 where J is not finite.

    Levels are evenly spaced in sqrt(J - J_min) up to J_max (edges J_min + (J_max - J_min) (k / n)^2):
    a quadratic bowl's rings come evenly spaced in distance, the floor of a valley is resolved,
    and a flat region (a plateau, a step) stays within one level. All values equal: all level 0.
    """
    finite = np.isfinite(values)
    if not finite.any():
        return np.full(values.shape, -1), np.zeros(n_levels + 1)
    low, high = float(values[finite].min()), float(values[finite].max())
    edges = low + (high - low) * np.linspace(0.0, 1.0, n_levels + 1) ** 2
    if high <= low:
        return np.where(finite, 0, -1), edges
    with np.errstate(invalid="ignore"):
        depth = np.sqrt(np.clip((values - low) / (high - low), 0.0, 1.0))
        level = np.minimum((depth * n_levels).astype(np.int64), n_levels - 1)
    return np.where(finite, level, -1), edges


def resampled(grid: CostGrid, values: np.ndarray, columns: int, rows: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """`values` (R, C), one per cell of `grid`, on another size by nearest cell: alpha (columns,), beta (rows,), values (rows, columns).

    A coarse grid drawn on a fine canvas shows as blocks; a canvas cell never stays blank.
    """
    alpha, beta = grid_axes(grid.window, columns, rows)
    return alpha, beta, values[np.ix_(_nearest(grid.beta, beta), _nearest(grid.alpha, alpha))]


def _nearest(centres: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """Index of the centre nearest to each wanted value (centres evenly spaced, ascending)."""
    if len(centres) == 1:
        return np.zeros(len(wanted), dtype=np.intp)
    step = centres[1] - centres[0]
    return np.clip(np.rint((wanted - centres[0]) / step).astype(np.intp), 0, len(centres) - 1)
