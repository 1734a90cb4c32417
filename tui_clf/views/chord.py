"""Figure 4 measured: the cost along a segment between two weight vectors, and the segment's chord.

    J(lambda) = J((1 - lambda) w0 + lambda w1)                   (the engine's objective.cost)
    chord(lambda) = (1 - lambda) J(w0) + lambda J(w1)
A convex cost never rises above its chord (Eq. 25); where J(lambda) - chord(lambda) exceeds the
Jensen probe's rounding tolerance (engine.jensen.RTOL of the values compared), the segment is a
counterexample. Shapes: lam, cost, chord and above all (L,).

Which segment to draw (segment_to_draw): the probe's counterexample when it found one; for a
cost it found convex, a seeded random line through the reference point (where cross-entropy's
training ends), reaching as far on each side as the reference lies from the initial weights:
it crosses the valley, so the curve runs down and up again under its chord.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.jensen import RTOL, JensenResult
from engine.losses import Loss
from engine.objective import Params, cost
from tui_clf.views.reference_weights import Reference
from tui_clf.views.weight_plane import flatten, unflatten

CURVE_POINTS = 161


@dataclass(frozen=True)
class CostAlongSegment:
    """J and its chord at each lambda in [0, 1]; `above` marks where J lies above the chord beyond rounding."""

    lam: np.ndarray
    cost: np.ndarray
    chord: np.ndarray
    above: np.ndarray


@dataclass(frozen=True)
class Segment:
    """Two weight vectors and what they are, in words."""

    w0: Params
    w1: Params
    description: str


def between(w0: Params, w1: Params, lam: float) -> Params:
    """(1 - lambda) w0 + lambda w1."""
    return Params((1 - lam) * w0.W + lam * w1.W, (1 - lam) * w0.b + lam * w1.b)


def cost_along(
    segment: Segment, X: np.ndarray, T: np.ndarray, loss: Loss, l2: float = 0.0, *, also: tuple[float, ...] = (), points: int = CURVE_POINTS
) -> CostAlongSegment:
    """J at `points` evenly spaced lambda from 0 to 1 (and at the lambdas `also`), with the chord."""
    lam = np.union1d(np.linspace(0.0, 1.0, points), np.asarray(also, dtype=float))
    with np.errstate(all="ignore"):  # the naive cross-entropy overflows far out
        values = np.array([cost(between(segment.w0, segment.w1, float(l)), X, T, loss, l2) for l in lam])
        chord = (1 - lam) * values[0] + lam * values[-1]
        above = values - chord > RTOL * np.maximum(np.abs(values), np.maximum(abs(values[0]), abs(values[-1])))
    return CostAlongSegment(lam, values, chord, above & np.isfinite(values))


def segment_to_draw(probe: JensenResult, initial: Params, reference: Reference | None, seed: int = 0) -> Segment:
    """The probe's counterexample, or (convex) a line across the valley at the reference (module docstring)."""
    example = probe.counterexample
    if example is not None:
        return Segment(example.w0, example.w1, f"the worst segment the probe found ({example.family})")
    if reference is None:
        raise ValueError("a cost the probe found convex is drawn through the reference point: give one")
    centre = flatten(reference.params)
    direction = np.random.default_rng(seed).standard_normal(centre.shape)
    reach = max(float(np.linalg.norm(centre - flatten(initial))), 1.0) / float(np.linalg.norm(direction))
    shape = reference.params.W.shape
    return Segment(
        unflatten(centre - reach * direction, shape),
        unflatten(centre + reach * direction, shape),
        f"a random line (seed {seed}) through {reference.label} (λ = 1/2), as long as twice its distance from the start",
    )
