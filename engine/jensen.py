"""A Jensen probe of the cost in parameter space (lecture section 4, Eq. 25).

J is convex when, for all weights theta_0, theta_1 and 0 < lambda < 1,
    J((1 - lambda) theta_0 + lambda theta_1) <= (1 - lambda) J(theta_0) + lambda J(theta_1).
The probe walks seeded segments, evaluates J at many lambda on each and reports the largest
violation  J(theta_lambda) - ((1 - lambda) J(theta_0) + lambda J(theta_1))  with its segment.
It can prove non-convexity (a counterexample) but not convexity: `convex` means that no
violation beyond rounding turned up, the tolerance being
    RTOL * max(|J(theta_0)|, |J(theta_1)|, |J(theta_lambda)|)   with RTOL = 1e-12,
a few thousand ulps of the values compared, far below the smallest real violation (1/N for
the 0-1 loss).

Where violations live, and the three kinds of segment aimed at them (scales a, c drawn
log-uniformly from SCALES, endpoints a r and c r' in units where a score z = x . w has
standard deviation 1 on standardised data):
    random   two independent random directions: long segments between large weights
    ray      one random direction, both ends on the same line through 0 (often on the same
             side): along a ray the scores scale, so sigma(z) saturates at the far end, where
             logistic-squared-error is concave
    aligned  the line through 0 along the class-mean differences, which scores most examples
             right on one side and confidently wrong on the other: the 0-1 cost steps there,
             and logistic-squared-error saturates on the wrong side
Along a segment the scores are affine in lambda, z(lambda) = (1 - lambda) z_0 + lambda z_1,
so each segment costs two products with X (Figure 4, right, is this argument: a loss convex
in z gives a cost convex in the weights). The reported counterexample is re-evaluated with
`objective.cost` at the interpolated weights.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.losses import Loss
from engine.objective import Params, cost, l2_penalty, scores

RTOL = 1e-12
# Scales of the endpoints: from near 0 (sigma(z) ~ 1/2) to scores of 30 (sigma saturated).
SCALES = (0.1, 30.0)
FAMILIES = ("random", "ray", "aligned")


@dataclass(frozen=True)
class Counterexample:
    """A segment that breaks Eq. 25: J at theta_lambda lies above the chord by `violation`."""

    w0: Params
    w1: Params
    lam: float
    f0: float
    f1: float
    f_lambda: float
    violation: float
    family: str

    def as_dict(self) -> dict:
        """JSON-ready: each Params as {"W": [[...]], "b": [...]}."""
        return {
            "w0": {"W": self.w0.W.tolist(), "b": self.w0.b.tolist()},
            "w1": {"W": self.w1.W.tolist(), "b": self.w1.b.tolist()},
            "lambda": self.lam,
            "f0": self.f0,
            "f1": self.f1,
            "f_lambda": self.f_lambda,
            "violation": self.violation,
            "family": self.family,
        }


@dataclass(frozen=True)
class JensenResult:
    """What `convexity --json` prints per loss: the verdict, the largest violation, its segment.

    max_violation is taken at the probed point that exceeds its own tolerance the most
    (re-evaluated with `cost`); a negative value means every point lay below its chord.
    n_violating_segments counts the segments with a violation: many means not a lucky draw.
    """

    loss: str
    convex: bool
    max_violation: float
    tolerance: float
    counterexample: Counterexample | None
    n_segments: int
    n_violating_segments: int
    n_lambdas: int
    seed: int

    def as_dict(self) -> dict:
        """JSON-ready."""
        return {
            "loss": self.loss,
            "convex": self.convex,
            "max_violation": self.max_violation,
            "tolerance": self.tolerance,
            "counterexample": self.counterexample.as_dict() if self.counterexample else None,
            "n_segments": self.n_segments,
            "n_violating_segments": self.n_violating_segments,
            "n_lambdas": self.n_lambdas,
            "seed": self.seed,
        }


def jensen_probe(
    X: np.ndarray,
    T: np.ndarray,
    loss: Loss,
    l2: float = 0.0,
    *,
    segments: int = 192,
    lambdas: int = 31,
    seed: int = 0,
) -> JensenResult:
    """Probe J = cost(., X, T, loss, l2) along `segments` seeded segments at `lambdas` points each.

    X: (N, D), standardised for the scales to mean what they say; T in the loss's encoding.
    Everything is evaluated in float64.
    The segments are split evenly among FAMILIES; lambda = 1/(lambdas+1), ..., lambdas/(lambdas+1).
    """
    X = X.astype(np.float64)
    T = T.astype(np.float64)
    shape = (T.shape[1] if loss.multiclass else 1, X.shape[1])
    rng = np.random.default_rng(seed)
    lam = np.arange(1, lambdas + 1) / (lambdas + 1)
    aligned = _class_mean_direction(X, T, loss)
    best, violating = None, 0
    for i in range(segments):
        family = FAMILIES[i % len(FAMILIES)]
        w0, w1 = _segment(family, shape, aligned, rng)
        violation, f0, f1, f_lam = _violations(w0, w1, lam, X, T, loss, l2)
        j = int(np.argmax(violation))
        excess = violation[j] - RTOL * max(abs(f0), abs(f1), abs(f_lam[j]))
        violating += bool(excess > 0)
        if best is None or excess > best[0]:
            best = (excess, w0, w1, float(lam[j]), family)

    _, w0, w1, lam_best, family = best
    f0, f1 = cost(w0, X, T, loss, l2), cost(w1, X, T, loss, l2)
    f_lam = cost(_between(w0, w1, lam_best), X, T, loss, l2)
    violation = f_lam - ((1 - lam_best) * f0 + lam_best * f1)
    tolerance = RTOL * max(abs(f0), abs(f1), abs(f_lam))
    convex = not violation > tolerance
    return JensenResult(
        loss=loss.name,
        convex=bool(convex),
        max_violation=float(violation),
        tolerance=float(tolerance),
        counterexample=None if convex else Counterexample(w0, w1, lam_best, f0, f1, f_lam, float(violation), family),
        n_segments=segments,
        n_violating_segments=violating,
        n_lambdas=lambdas,
        seed=seed,
    )


def _between(w0: Params, w1: Params, lam: float) -> Params:
    """(1 - lambda) w0 + lambda w1."""
    return Params((1 - lam) * w0.W + lam * w1.W, (1 - lam) * w0.b + lam * w1.b)


def _violations(
    w0: Params, w1: Params, lam: np.ndarray, X: np.ndarray, T: np.ndarray, loss: Loss, l2: float
) -> tuple[np.ndarray, float, float, np.ndarray]:
    """J(theta_lambda) - chord at each lambda, J at both ends and J(theta_lambda); shapes (L,)."""
    z0, z1 = scores(w0, X, loss), scores(w1, X, loss)
    f0 = float(loss.value(z0, T).mean()) + l2_penalty(w0, l2)
    f1 = float(loss.value(z1, T).mean()) + l2_penalty(w1, l2)
    f_lam = np.array(
        [float(loss.value((1 - l) * z0 + l * z1, T).mean()) + l2_penalty(_between(w0, w1, l), l2) for l in lam]
    )
    with np.errstate(invalid="ignore"):
        violation = f_lam - ((1 - lam) * f0 + lam * f1)
    # inf - inf (the naive cross-entropy overflowing at both ends) is no evidence either way.
    return np.where(np.isnan(violation), -np.inf, violation), f0, f1, f_lam


def _segment(family: str, shape: tuple[int, int], aligned: Params, rng: np.random.Generator) -> tuple[Params, Params]:
    """The two ends of one segment of `family` (module docstring)."""
    a, c = np.exp(rng.uniform(*np.log(SCALES), size=2))
    if family == "random":
        return _scaled(_random_direction(shape, rng), a), _scaled(_random_direction(shape, rng), c)
    direction = _random_direction(shape, rng) if family == "ray" else aligned
    sign_a, sign_c = rng.choice([-1.0, 1.0], size=2)
    return _scaled(direction, sign_a * a), _scaled(direction, sign_c * c)


def _scaled(p: Params, s: float) -> Params:
    return Params(s * p.W, s * p.b)


def _random_direction(shape: tuple[int, int], rng: np.random.Generator) -> Params:
    """W ~ N(0, 1/D), b ~ N(0, 1): scores of standard deviation about 1 on standardised data."""
    k, d = shape
    return Params(rng.standard_normal((k, d)) / np.sqrt(d), rng.standard_normal(k))


def _class_mean_direction(X: np.ndarray, T: np.ndarray, loss: Loss) -> Params:
    """Rows W_k = mean of class k - mean of all (binary: positives - negatives), b = 0.

    Scaled so the scores X W^T have standard deviation 1: the probe's scales then mean scores.
    """
    members = T.T == 1 if loss.multiclass else np.stack([T != 1, T == 1])
    means = np.stack([X[m].mean(axis=0) if m.any() else X.mean(axis=0) for m in members])
    W = means - X.mean(axis=0) if loss.multiclass else (means[1] - means[0])[np.newaxis, :]
    spread = float(np.std(X @ W.T))
    return Params(W / spread if spread > 0 else W, np.zeros(W.shape[0]))
