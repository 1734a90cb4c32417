"""A plane in weight space: the cost landscape is drawn on it, the path of training projected onto it.

Weights Params(W (K, D), b (K,)) are flattened to theta = (W.ravel(), b), a vector of P = K D + K.
A plane is an origin o and two orthonormal directions u, v (P,):
    theta(alpha, beta) = o + alpha u + beta v,
and the projection of any theta is (alpha, beta) = ((theta - o) . u, (theta - o) . v); theta lies
on the plane when theta(alpha, beta) = theta, and its distance from it is |theta - theta(alpha, beta)|.

Two planes:
    feature_plane   2-D data, binary loss: alpha = w1, beta = w2, with b held at one value.
    plane_through   any data: o = the start, and Gram-Schmidt on the directions towards the other
                    points; a direction that adds nothing (a point on the line already spanned,
                    or on the origin) is skipped for the next candidate, and the note says so.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.objective import Params

# A candidate direction whose part orthogonal to the plane so far is below this fraction of
# its length is taken as lying in it (collinear): its few digits left are round-off, not a direction.
COLLINEAR_RTOL = 1e-9


def flatten(params: Params) -> np.ndarray:
    """theta = (W.ravel(), b) in float64, shape (K D + K,)."""
    return np.concatenate([np.ravel(params.W), np.ravel(params.b)]).astype(np.float64)


def unflatten(theta: np.ndarray, shape: tuple[int, int]) -> Params:
    """The Params(W (K, D), b (K,)) of a flat theta."""
    k, d = shape
    return Params(theta[: k * d].reshape(k, d), theta[k * d :].copy())


@dataclass(frozen=True)
class Direction:
    """A candidate axis: a vector in weight space (P,) and what it points at, in words."""

    name: str
    vector: np.ndarray


@dataclass(frozen=True)
class WeightPlane:
    """theta(alpha, beta) = origin + alpha u + beta v, for weights of shape (K, D); see the module docstring."""

    origin: np.ndarray
    u: np.ndarray
    v: np.ndarray
    shape: tuple[int, int]
    axis_names: tuple[str, str]
    note: str = ""

    def params_at(self, alpha: float, beta: float) -> Params:
        """The weights at plane coordinates (alpha, beta)."""
        return unflatten(self.origin + alpha * self.u + beta * self.v, self.shape)

    def coordinates(self, params: Params) -> tuple[float, float]:
        """(alpha, beta) of the projection of `params` onto the plane."""
        with np.errstate(invalid="ignore", over="ignore"):  # diverged weights project to nan
            offset = flatten(params) - self.origin
            return float(offset @ self.u), float(offset @ self.v)

    def project_all(self, thetas: np.ndarray) -> np.ndarray:
        """The (alpha, beta) of each row of thetas (n, P): shape (n, 2)."""
        with np.errstate(invalid="ignore", over="ignore"):
            return (thetas - self.origin) @ np.column_stack([self.u, self.v])

    def distance(self, params: Params) -> float:
        """How far `params` lies off the plane (Euclidean, in weight space)."""
        with np.errstate(invalid="ignore", over="ignore"):
            offset = flatten(params) - self.origin
            return float(np.linalg.norm(offset - (offset @ self.u) * self.u - (offset @ self.v) * self.v))


def feature_plane(params: Params, feature_names: tuple[str, str] = ("w1", "w2")) -> WeightPlane:
    """2-D data, K = 1: alpha = w1, beta = w2, and b held at params.b."""
    if params.W.shape != (1, 2):
        raise ValueError(f"the w1-w2 plane needs weights of shape (1, 2), got {params.W.shape}")
    origin = np.array([0.0, 0.0, float(params.b[0])])
    return WeightPlane(origin, np.array([1.0, 0.0, 0.0]), np.array([0.0, 1.0, 0.0]), (1, 2), feature_names)


def plane_through(origin: Params, candidates: list[Direction]) -> WeightPlane:
    """The plane through `origin` spanned by the first two candidates that are independent.

    Gram-Schmidt: u = the first candidate that is not ~0, v = the part of the next candidate
    orthogonal to u, if that part is more than COLLINEAR_RTOL of it. The first two candidates
    are the ones wanted; when one is skipped, the note says which and what stood in for it.
    Raises ValueError if fewer than two candidates are independent.
    """
    scale = max([1.0, *(float(np.linalg.norm(c.vector)) for c in candidates)])
    axes: list[tuple[Direction, np.ndarray]] = []
    skipped: list[str] = []
    for candidate in candidates:
        rest = candidate.vector.astype(np.float64)
        for _, axis in axes:
            rest = rest - (rest @ axis) * axis
        length = float(np.linalg.norm(rest))
        # Collinear: little of the candidate is left; or the candidate itself is round-off next to the other points.
        if length <= COLLINEAR_RTOL * max(float(np.linalg.norm(candidate.vector)), scale * COLLINEAR_RTOL):
            skipped.append(candidate.name)
            continue
        axes.append((candidate, rest / length))
        if len(axes) == 2:
            break
    if len(axes) < 2:
        raise ValueError(f"no two independent directions among: {', '.join(c.name for c in candidates)}")
    (first, u), (second, v) = axes
    wanted = [c.name for c in candidates[:2]]
    missing = [name for name in wanted if name in skipped]
    note = ""
    if missing:
        used = [d.name for d, _ in axes if d.name not in wanted]
        note = f"{' and '.join(missing)}: no new direction, so {' and '.join(used)}"
    return WeightPlane(flatten(origin), u, v, origin.W.shape, (first.name, second.name), note)


def towards(name: str, point: Params, origin: Params) -> Direction:
    """The direction from `origin` to `point`, named after the point."""
    return Direction(name, flatten(point) - flatten(origin))
