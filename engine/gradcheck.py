"""Gradient checking by finite differences (lecture section 5, Eq. 26-27).

`check_gradient` compares the analytic gradient of the cost, `cost_and_grad(...).grad`, with
finite differences of `cost` at the same weights: along every coordinate (each W[k,j] and
b[k]), or in the fast mode along a few seeded random unit directions v, where the analytic
side is the directional derivative grad . v.

Step: h defaults to what theory recommends, eps^(1/2) one-sided and eps^(1/3) two-sided
(finite_differences.default_step), then each check scales it so the step moves the scores
by about h and is never shorter than h |theta_i| (finite_differences.scaled_step).

Relative error of one check: |a - n| / max(|a| + |n|, tiny), with
    tiny = SAFETY * noise / thresholds.correct,   noise = 2 delta / ||theta_plus - theta_minus||,
delta the rounding error of one evaluation of J when each loss value is good to an ulp
(finite_differences.cost_rounding_error, `ideal`). A difference at the level of rounding
noise thus always reads as correct, even where the gradient itself is near zero (at a
minimum), instead of as a 100% relative error.

Status of one check, with thresholds per dtype (THRESHOLDS):
    float64:  rel <= 1e-7 correct;  1e-7 < rel <= 1e-4 suspicious;  rel > 1e-4 wrong
    float32:  rel <= 1e-3 correct;  1e-3 < rel <= 1e-2 suspicious;  rel > 1e-2 wrong
except "cost inaccurate" for a check that is not correct but whose |a - n| is within
SAFETY * 2 delta_actual / ||theta_plus - theta_minus||, delta_actual counting each loss's own
value error (Loss.value_error): the naive cross-entropy's 1 - sigma(z) cancels at large z
(Eq. 15-16), the finite difference of so inaccurate a cost cannot judge the gradient, and
the check says so rather than calling a right gradient wrong. A planted bug's gap is larger.
The verdict is the worst status over the checks, in the order correct, cost inaccurate,
suspicious, wrong. float32 is checked with the cost evaluated in float32 end to end: its
rounding floor is about eps^(2/3) ~ 2e-5 for central differences and eps^(1/2) ~ 3e-4 for
forward ones. `passed` is False exactly when some check is wrong.

Kinks (hinge at t z = 1, zero-one at z = 0): across a kink a finite difference averages two
different slopes and need not equal the subgradient, so the examples whose score a step
moves to its kink are left out of both sides of every check (listed in `kink_examples`);
the checks whose step moved one are marked `at_kink`. A planted bug is still caught.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable, Iterator, Literal

import numpy as np

from engine.errors import ConfigError
from engine.finite_differences import (
    CostRounding,
    Difference,
    Method,
    cost_rounding_error,
    default_step,
    difference,
    flatten,
    parameter_names,
    scaled_step,
    unflatten,
)
from engine.losses import Loss
from engine.objective import Params, cost, cost_and_grad, l2_penalty, scores
from engine.planted_bugs import plant_bug

Status = Literal["correct", "cost inaccurate", "suspicious", "wrong"]
_SEVERITY: list[Status] = ["correct", "cost inaccurate", "suspicious", "wrong"]
# Differences up to this many times the rounding-noise bound count as agreement: the bound
# held for every stable loss measured (actual/bound <= 1), the factor covers truncation.
SAFETY = 3.0


@dataclass(frozen=True)
class Thresholds:
    """Relative error at or below `correct` is correct, above `wrong` is wrong, between: suspicious."""

    correct: float
    wrong: float


THRESHOLDS: dict[str, Thresholds] = {
    "float64": Thresholds(correct=1e-7, wrong=1e-4),
    "float32": Thresholds(correct=1e-3, wrong=1e-2),
}

ZERO_ONE_NOTE = (
    "The 0-1 loss is flat almost everywhere: its numeric gradient is 0 except where a step moves "
    "an example across the decision boundary (such examples are left out), and its analytic "
    "gradient is 0 too, apart from the L2 term. The check agrees, and that is the lecture's "
    "point: a gradient of 0 gives gradient descent nothing to follow (section 2.1)."
)

COST_INACCURATE_NOTE = (
    "Cost inaccurate, not a wrong gradient: as the lecture predicts (Eq. 15-16), the naive form "
    "computes log(1 - sigma(z)) by subtracting sigma(z) from 1 and loses digits once z is large; "
    "here the cost's own rounding is larger than the differences of a step h, so they can neither "
    "confirm nor refute the gradient. The stable cross-entropy (Eq. 17-18) loses none."
)


@dataclass(frozen=True)
class ParamCheck:
    """One check: a parameter ("W[0,3]", "b[1]") or a random direction ("direction 2").

    analytic: dJ/dtheta_i (or grad . v); numeric: its finite difference; h: the step taken;
    tiny: the floor of the relative error's denominator; at_kink: the step moved an example
    to its kink (an example left out of the check unless skip_kinks=False); status: "cost
    inaccurate" when only the loss's own rounding could explain the disagreement.
    """

    name: str
    analytic: float
    numeric: float
    abs_error: float
    rel_error: float
    h: float
    tiny: float
    at_kink: bool
    status: Status


@dataclass(frozen=True)
class GradCheckResult:
    """Everything `gradcheck --json` prints (dataclasses.asdict gives JSON-ready values).

    h is the step before scaling (finite_differences.scaled_step); mode is "coordinates" or "directions";
    worst holds the `top` checks by relative error, worst first; kink_examples are the rows
    within a step of a kink, left out of the check unless skip_kinks=False.
    """

    loss: str
    method: Method
    h: float
    dtype: str
    mode: Literal["coordinates", "directions"]
    n_params: int
    n_checked: int
    max_abs_error: float
    max_rel_error: float
    passed: bool
    verdict: Status
    thresholds: Thresholds
    worst: tuple[ParamCheck, ...]
    kink_examples: tuple[int, ...]
    bug: str | None
    notes: tuple[str, ...]


def check_gradient(
    params: Params,
    X: np.ndarray,
    T: np.ndarray,
    loss: Loss,
    l2: float = 0.0,
    *,
    method: Method = "central",
    h: float | None = None,
    dtype: str = "float64",
    directions: int | None = None,
    seed: int = 0,
    bug: str | None = None,
    skip_kinks: bool = True,
    top: int = 10,
) -> GradCheckResult:
    """Check cost_and_grad's gradient at `params` on X (N, D), T (loss encoding), against `cost`.

    h: the step before scaling; None = default_step(method, dtype), what theory recommends.
    directions: None checks every coordinate; a number checks that many seeded random
    directions instead (the fast mode: 2 cost evaluations per direction, whatever K*D is).
    bug: the name of a planted bug (planted_bugs.PLANTED_BUGS) to check instead of the real gradient.
    skip_kinks: False keeps the examples at kinks in, to show the disagreement they cause.
    """
    X, T = X.astype(dtype), T.astype(dtype)
    params = Params(params.W.astype(dtype), params.b.astype(dtype))
    checked_loss = plant_bug(loss, bug) if bug is not None else loss
    thresholds = THRESHOLDS[dtype]
    h = default_step(method, np.dtype(dtype)) if h is None else h
    if not (math.isfinite(h) and h > 0):
        raise ConfigError(f"the finite-difference step h must be a positive number, got {h}")
    theta = flatten(params)

    def each_check() -> Iterator[tuple[str, np.ndarray, float]]:
        return _checks(theta, params.W.shape, X, loss, h, directions, seed)

    at_kink, kink_rows = _kinks(params, X, T, loss, each_check())
    keep = np.setdiff1d(np.arange(X.shape[0]), kink_rows if skip_kinks else [])
    J, grad, delta = _cost_without_kinks(params, X[keep], T[keep], loss, checked_loss, l2)

    J_theta = J(theta)
    checks = []
    for (name, v, step), moved_to_kink in zip(each_check(), at_kink):
        d = difference(J, theta, grad, v, step, method, J_theta)
        checks.append(_judge(name, d, step, delta, moved_to_kink, thresholds))

    verdict = max((c.status for c in checks), key=_SEVERITY.index)
    return GradCheckResult(
        loss=loss.name,
        method=method,
        h=h,
        dtype=dtype,
        mode="coordinates" if directions is None else "directions",
        n_params=int(theta.size),
        n_checked=len(checks),
        max_abs_error=max(c.abs_error for c in checks),
        max_rel_error=max(c.rel_error for c in checks),
        passed=verdict != "wrong",
        verdict=verdict,
        thresholds=thresholds,
        worst=tuple(sorted(checks, key=lambda c: -c.rel_error)[:top]),
        kink_examples=tuple(int(i) for i in kink_rows),
        bug=bug,
        notes=_notes(loss, J_theta, kink_rows.size if skip_kinks else 0, keep.size, checks),
    )


def relative_error(analytic: float, numeric: float, tiny: float) -> float:
    """|a - n| / max(|a| + |n|, tiny): 1 for a sign flip, 0 when both are exactly 0, inf if not finite."""
    gap = abs(analytic - numeric)
    if gap == 0:
        return 0.0
    error = gap / max(abs(analytic) + abs(numeric), tiny)
    return error if np.isfinite(error) else float("inf")


def _column_rms(X: np.ndarray) -> np.ndarray:
    """sqrt(mean(x^2)) of each column (D,), scaled by the column's largest |x| so that 1e308 does not overflow."""
    largest = np.abs(X).max(axis=0).astype(np.float64) if X.size else np.zeros(X.shape[1])
    safe = np.where(largest > 0, largest, 1.0)
    return largest * np.sqrt(np.mean((X / safe) ** 2, axis=0))


def _checks(
    theta: np.ndarray, shape: tuple[int, int], X: np.ndarray, loss: Loss, h: float, directions: int | None, seed: int
) -> Iterator[tuple[str, np.ndarray, float]]:
    """(name, unit vector, step) of each check, one at a time: K*D + K coordinates or the directions.

    Steps follow finite_differences.scaled_step: a coordinate's size is |theta_i|, a direction's rms(theta).
    """
    if directions is None:
        column_rms = _column_rms(X)
        speeds = np.concatenate([np.tile(column_rms, shape[0]), np.ones(shape[0])])
        for i, (name, value, speed) in enumerate(zip(parameter_names(shape), theta, speeds)):
            e = np.zeros_like(theta)
            e[i] = 1
            yield name, e, scaled_step(h, abs(float(value)), float(speed))
        return
    size = float(np.sqrt(np.mean(theta.astype(np.float64) ** 2)))
    for i, v in enumerate(_random_directions(directions, theta.size, seed).astype(theta.dtype)):
        moved = scores(unflatten(v, shape), X, loss).astype(np.float64)
        speed = float(np.sqrt(np.sum(moved**2) / X.shape[0]))  # rms over examples of ||dz_i||
        yield f"direction {i}", v, scaled_step(h, size, speed)


def _kinks(
    params: Params, X: np.ndarray, T: np.ndarray, loss: Loss, checks: Iterator[tuple[str, np.ndarray, float]]
) -> tuple[list[bool], np.ndarray]:
    """Which checks move an example's score to its kink, and the rows of all such examples.

    A step h along v moves the scores by h |X v_W + v_b| (either way for a two-sided difference).
    """
    distance = loss.kink_distance(scores(params, X, loss), T)
    if distance is None:
        return [False for _ in checks], np.array([], np.intp)
    shape = params.W.shape
    at_kink, rows = [], np.zeros(X.shape[0], bool)
    for _, v, step in checks:
        moved = distance <= step * np.abs(scores(unflatten(v, shape), X, loss))
        at_kink.append(bool(moved.any()))
        rows |= moved
    return at_kink, np.flatnonzero(rows)


def _cost_without_kinks(
    params: Params, X: np.ndarray, T: np.ndarray, loss: Loss, checked_loss: Loss, l2: float
) -> tuple[Callable[[np.ndarray], float], np.ndarray, CostRounding]:
    """J(theta) on the examples kept, the gradient under test there, and J's rounding error.

    If every example sits on a kink (the 0-1 loss at W = 0, b = 0), only the penalty is left.
    """
    shape = params.W.shape
    if X.shape[0] == 0:
        penalty_grad = Params(l2 * params.W, np.zeros_like(params.b))
        delta = float(np.finfo(params.W.dtype).eps) * l2_penalty(params, l2)
        return (
            lambda th: l2_penalty(unflatten(th, shape), l2),
            flatten(penalty_grad),
            CostRounding(ideal=delta, actual=delta),
        )
    return (
        lambda th: cost(unflatten(th, shape), X, T, loss, l2),
        flatten(cost_and_grad(params, X, T, checked_loss, l2).grad),
        cost_rounding_error(params, X, T, loss, l2),
    )


def _judge(
    name: str, d: Difference, h: float, delta: CostRounding, at_kink: bool, thresholds: Thresholds
) -> ParamCheck:
    """The status of one difference; rounding of J moves it by up to 2 delta / d.length."""
    tiny = SAFETY * 2 * delta.ideal / d.length / thresholds.correct
    rel = relative_error(d.analytic, d.numeric, tiny)
    status: Status = "correct" if rel <= thresholds.correct else "suspicious" if rel <= thresholds.wrong else "wrong"
    abs_error = abs(d.analytic - d.numeric)
    abs_error = abs_error if np.isfinite(abs_error) else float("inf")
    if status != "correct" and abs_error <= SAFETY * 2 * delta.actual / d.length:
        status = "cost inaccurate"  # only the loss's own rounding, beyond an ulp, explains the gap
    return ParamCheck(name, d.analytic, d.numeric, abs_error, rel, h, tiny, at_kink, status)


def _random_directions(n: int, size: int, seed: int) -> np.ndarray:
    """n seeded Gaussian directions of unit length, shape (n, size)."""
    v = np.random.default_rng(seed).standard_normal((n, size))
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def _notes(loss: Loss, J_theta: float, n_kinks: int, n_kept: int, checks: list[ParamCheck]) -> tuple[str, ...]:
    notes = []
    if loss.name == "zero-one":
        notes.append(ZERO_ONE_NOTE)
    if any(c.status == "cost inaccurate" for c in checks):
        notes.append(COST_INACCURATE_NOTE)
    if n_kinks:
        notes.append(
            f"{n_kinks} example(s) lie within a step of the {loss.name} loss's kink and were left out "
            "of the check: across a kink a finite difference averages two different slopes."
        )
    if n_kept == 0:
        notes.append("Every example sits on a kink: only the L2 penalty was left to check.")
    if not np.isfinite(J_theta):
        notes.append(
            f"The cost is {J_theta} at these weights: the {loss.name} loss overflowed "
            "(log(0) in the naive cross-entropy), so no finite difference can be trusted here."
        )
    return tuple(notes)
