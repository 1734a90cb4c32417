"""Naive against stable cross-entropy over a wide range of z, in float64 and float32 (lecture 2.4).

The naive form computes y = 1 / (1 + e^-z) and then -log y or -log(1 - y) (Eq. 13-16); the
stable form is softplus((1 - 2t) z) with dL/dz = sigma(z) - t (Eq. 17-18). Both are the
engine's own losses, LOSSES["cross-entropy-naive"] and LOSSES["cross-entropy"]: nothing is
re-implemented here. On a grid z of shape (M,) (default: -1000 .. 1000, step 1) each curve
holds the two values and the two derivatives for one dtype and one target t.

Where the naive form breaks: on each side of 0 the grid is scanned outwards for the first
z at which the naive value (or derivative) is inf or nan; between that point and the last
finite one before it, bisection on the bit patterns of the dtype's numbers (which order
non-negative floats as their values) narrows the switch to two adjacent representable
numbers. So a break is exact to one ulp of its dtype: `z` is the smallest |z| on that side
found non-finite, `last_finite_z` its neighbour towards 0. Independently of the engine:
for t = 1 it is where e^-z overflows (|z| = log of the dtype's largest number, 709.78 and
88.72), for t = 0 where 1 + e^-z rounds to 1 (z = log(2 / eps), 36.74 and 16.64).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.losses import LOSSES, Loss

DTYPES = ("float64", "float32")
TARGETS = (1, 0)
QUANTITIES = ("value", "derivative")
NAIVE, STABLE = LOSSES["cross-entropy-naive"], LOSSES["cross-entropy"]
# Integers of the same width as each float, whose order matches that of non-negative floats.
_BITS = {"float64": np.int64, "float32": np.int32}


@dataclass(frozen=True)
class StabilityCurve:
    """The naive and the stable L(z, t) and dL/dz for one dtype and target, arrays of shape (M,)."""

    dtype: str
    label: int
    z: np.ndarray
    naive_value: np.ndarray
    stable_value: np.ndarray
    naive_derivative: np.ndarray
    stable_derivative: np.ndarray

    def naive(self, quantity: str) -> np.ndarray:
        return self.naive_value if quantity == "value" else self.naive_derivative

    def stable(self, quantity: str) -> np.ndarray:
        return self.stable_value if quantity == "value" else self.stable_derivative

    def as_dict(self) -> dict:
        """JSON-ready: arrays as lists, non-finite numbers as None (JSON has no inf or nan)."""
        return {
            "dtype": self.dtype,
            "label": self.label,
            "z": self.z.tolist(),
            **{
                f"{form}_{quantity}": _finite_list(getattr(self, f"{form}_{quantity}"))
                for form in ("naive", "stable")
                for quantity in QUANTITIES
            },
        }


@dataclass(frozen=True)
class BreakPoint:
    """Where the naive value or derivative first stops being finite on one side of z = 0.

    z: the smallest |z| on that side (sign kept) where it is inf or nan, exact to one ulp;
    last_finite_z: the representable number next to it towards 0, where it is still finite;
    naive_returns: what the naive form gives at z (inf, -inf or nan); naive_before: what it
    gives at last_finite_z; stable_there and stable_before: the stable form's answers at both
    (the naive value for t = 0 has lost digits before it breaks: 1 - y keeps y's rounding error).
    """

    dtype: str
    label: int
    quantity: str
    z: float
    last_finite_z: float
    naive_returns: float
    naive_before: float
    stable_there: float
    stable_before: float

    @property
    def side(self) -> str:
        return "negative" if self.z < 0 else "positive"

    @property
    def ulp(self) -> float:
        """The resolution of `z`: the gap between it and last_finite_z."""
        return abs(self.z - self.last_finite_z)

    def describe(self) -> str:
        """One line, e.g. "float64, t=1: the naive value returns inf from z = -709.7827 (stable: 709.78)"."""
        return (
            f"{self.dtype}, t={self.label}: the naive {self.quantity} returns {self.naive_returns} "
            f"from z = {self.z:.7g} (stable: {self.stable_there:.6g})"
        )

    def as_dict(self) -> dict:
        """JSON-ready: what the naive form returns as a string ("inf", "-inf", "nan")."""
        return {
            "dtype": self.dtype,
            "label": self.label,
            "quantity": self.quantity,
            "side": self.side,
            "z": self.z,
            "last_finite_z": self.last_finite_z,
            "ulp": self.ulp,
            "naive_returns": str(self.naive_returns),
            "naive_before": self.naive_before,
            "stable_there": self.stable_there,
            "stable_before": self.stable_before,
        }


def default_wide_grid(z_min: float = -1000.0, z_max: float = 1000.0, points: int = 2001) -> np.ndarray:
    """`points` evenly spaced scores over [z_min, z_max] (default step 1), float64."""
    return np.linspace(z_min, z_max, points)


def stability_curve(dtype: str, label: int, z: np.ndarray | None = None) -> StabilityCurve:
    """Both forms of cross-entropy and their dL/dz at every z (default_wide_grid), computed in `dtype`."""
    z = (default_wide_grid() if z is None else np.asarray(z, dtype=np.float64)).astype(dtype)
    t = np.full(z.shape, label, dtype=dtype)
    return StabilityCurve(dtype, label, z, NAIVE.value(z, t), STABLE.value(z, t), NAIVE.grad(z, t), STABLE.grad(z, t))


def stability_curves(z: np.ndarray | None = None) -> list[StabilityCurve]:
    """`stability_curve` for every dtype of DTYPES and target of TARGETS, in that order."""
    return [stability_curve(dtype, label, z) for dtype in DTYPES for label in TARGETS]


def break_points(curve: StabilityCurve) -> list[BreakPoint]:
    """Every break of the naive value and derivative within the curve's grid, negative side first."""
    breaks = []
    for quantity in QUANTITIES:
        for sign in (-1, 1):
            found = _break_on_side(curve, quantity, sign)
            if found is not None:
                breaks.append(found)
    return breaks


def _break_on_side(curve: StabilityCurve, quantity: str, sign: int) -> BreakPoint | None:
    """The grid's first non-finite point on the side `sign` of 0, refined to one ulp; None if none."""
    side = sign * curve.z > 0
    order = np.argsort(np.abs(curve.z[side]), kind="stable")
    z_side, naive = curve.z[side][order], curve.naive(quantity)[side][order]
    broken = np.flatnonzero(~np.isfinite(naive))
    if broken.size == 0:
        return None
    i = int(broken[0])
    inner = abs(float(z_side[i - 1])) if i > 0 else 0.0
    last_finite, first_broken = _bisect_magnitude(curve.dtype, curve.label, quantity, sign, inner, abs(float(z_side[i])))
    z, before = sign * first_broken, sign * last_finite
    return BreakPoint(
        dtype=curve.dtype,
        label=curve.label,
        quantity=quantity,
        z=z,
        last_finite_z=before,
        naive_returns=_naive_at(curve.dtype, curve.label, quantity, z),
        naive_before=_naive_at(curve.dtype, curve.label, quantity, before),
        stable_there=_stable_at(curve.dtype, curve.label, quantity, z),
        stable_before=_stable_at(curve.dtype, curve.label, quantity, before),
    )


def _bisect_magnitude(dtype: str, label: int, quantity: str, sign: int, finite: float, broken: float) -> tuple[float, float]:
    """Adjacent magnitudes (a, b) of `dtype` with the naive form finite at sign*a and not at sign*b.

    finite < broken are magnitudes where it is known finite and not; the search halves the
    range of their bit patterns, so it ends after at most as many steps as the dtype has bits.
    """
    bits = _BITS[dtype]
    lo = int(np.array(finite, dtype=dtype).view(bits))
    hi = int(np.array(broken, dtype=dtype).view(bits))
    while hi - lo > 1:
        mid = (lo + hi) // 2
        magnitude = float(np.array(mid, dtype=bits).view(dtype))
        if np.isfinite(_naive_at(dtype, label, quantity, sign * magnitude)):
            lo = mid
        else:
            hi = mid
    return float(np.array(lo, dtype=bits).view(dtype)), float(np.array(hi, dtype=bits).view(dtype))


def _naive_at(dtype: str, label: int, quantity: str, z: float) -> float:
    return _at(NAIVE, dtype, label, quantity, z)


def _stable_at(dtype: str, label: int, quantity: str, z: float) -> float:
    return _at(STABLE, dtype, label, quantity, z)


def _at(loss: Loss, dtype: str, label: int, quantity: str, z: float) -> float:
    """The loss's value or dL/dz at one score, computed in `dtype` as on the grid."""
    zs, t = np.array([z], dtype=dtype), np.array([label], dtype=dtype)
    return float((loss.value if quantity == "value" else loss.grad)(zs, t)[0])


def _finite_list(values: np.ndarray) -> list[float | None]:
    return [float(v) if np.isfinite(v) else None for v in values]
