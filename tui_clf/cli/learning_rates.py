"""`compare --lr`: one learning rate for every loss, or one for a single loss as LOSS=NUMBER.

`--lr 0.1 --lr squared-error=0.05` trains squared error at 0.05 and every other loss at 0.1.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from engine.errors import ConfigError
from engine.losses import get_loss


def learning_rates(specs: Sequence[str], losses: Sequence[str], default: float) -> dict[str, float]:
    """The learning rate of each of `losses`: its own LOSS=NUMBER, else the NUMBER given for all, else `default`."""
    shared: float | None = None
    own: dict[str, float] = {}
    for spec in specs:
        name, is_own, value = spec.rpartition("=")
        rate = _learning_rate(spec, value)
        if not is_own:
            if shared is not None:
                raise ConfigError(f"--lr {spec}: one learning rate for every loss is already given ({shared:g}); give the others as LOSS=NUMBER")
            shared = rate
            continue
        name = name.strip()
        try:
            get_loss(name)
        except ConfigError as error:
            raise ConfigError(f"--lr {spec}: {error}") from None
        if name not in losses:
            raise ConfigError(f"--lr {spec}: {name} is not among the losses compared ({', '.join(losses)}); add --loss {name}")
        if name in own:
            raise ConfigError(f"--lr {spec}: the learning rate of {name} is already given ({own[name]:g})")
        own[name] = rate
    everyone = default if shared is None else shared
    return {loss: own.get(loss, everyone) for loss in losses}


def _learning_rate(spec: str, value: str) -> float:
    try:
        rate = float(value)
    except ValueError:
        raise ConfigError(f"--lr {spec}: {value.strip()!r} is not a number; write NUMBER or LOSS=NUMBER") from None
    if not math.isfinite(rate) or rate <= 0:
        raise ConfigError(f"--lr {spec}: the learning rate must be a positive number, got {value.strip()}")
    return rate
