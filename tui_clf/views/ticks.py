"""Axis ticks a person reads at a glance: round numbers, integers for steps."""

from __future__ import annotations

import math


def nice_step_ticks(last_step: float, count: int = 5) -> list[int]:
    """About `count` round integer ticks from 0 to `last_step` (1, 2, 2.5 or 5 times a power of ten apart)."""
    if last_step <= 1:
        return [0, 1]
    raw = last_step / max(count - 1, 1)
    power = 10 ** math.floor(math.log10(raw))
    spacing = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    spacing = max(int(spacing), 1)
    return list(range(0, int(last_step) + 1, spacing))


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """The multiples of a round spacing (1, 2, 2.5 or 5 times a power of ten) in [low, high], about `count` of them."""
    raw = (high - low) / max(count - 1, 1)
    power = 10 ** math.floor(math.log10(raw))
    spacing = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    first = math.ceil(low / spacing - 1e-9)
    return [round(k * spacing, 12) for k in range(first, math.floor(high / spacing + 1e-9) + 1)]
