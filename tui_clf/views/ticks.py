"""Axis ticks a person reads at a glance: round numbers, integers for steps."""

from __future__ import annotations

import math

ROUND_MULTIPLES = (1, 2, 2.5, 5, 10)  # of a power of ten


def round_spacing(raw: float, integer: bool = False) -> float:
    """The smallest round spacing (ROUND_MULTIPLES times a power of ten) of at least `raw`; whole if `integer` (no 2.5)."""
    if integer:
        raw = max(raw, 1)
    power = 10 ** math.floor(math.log10(raw))
    spacings = [m * power for m in ROUND_MULTIPLES]
    return next(s for s in spacings if s >= raw and (not integer or s == int(s)))


def nice_step_ticks(last_step: float, count: int = 5) -> list[int]:
    """About `count` round integer ticks from 0 to `last_step` (1, 2, 2.5 or 5 times a power of ten apart)."""
    if last_step <= 1:
        return [0, 1]
    spacing = max(int(round_spacing(last_step / max(count - 1, 1))), 1)
    return list(range(0, int(last_step) + 1, spacing))


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """The multiples of a round spacing (1, 2, 2.5 or 5 times a power of ten) in [low, high], about `count` of them."""
    spacing = round_spacing((high - low) / max(count - 1, 1))
    first = math.ceil(low / spacing - 1e-9)
    return [round(k * spacing, 12) for k in range(first, math.floor(high / spacing + 1e-9) + 1)]


def integer_ticks(low: float, high: float, count: int = 5) -> list[int]:
    """The multiples of a round whole spacing (round_spacing) in [low, high], about `count` of them: ticks of steps."""
    spacing = int(round_spacing((high - low) / max(count - 1, 1), integer=True))
    return list(range(math.ceil(low / spacing) * spacing, math.floor(high) + 1, spacing))
