"""`compare --lr`: one learning rate for every loss, or one for a single loss as LOSS=NUMBER.

`--lr 0.1 --lr squared-error=0.05` trains squared error at 0.05 and every other loss at 0.1.
A rate may be `auto`: each loss then gets its own, from its own curvature (engine.learning_rate).
"""

from __future__ import annotations

from collections.abc import Sequence

from engine.errors import ConfigError
from engine.learning_rate import parse_learning_rate
from engine.losses import get_loss


def learning_rates(specs: Sequence[str], losses: Sequence[str], default: float | str) -> dict[str, float | str]:
    """The learning rate of each of `losses`: its own LOSS=NUMBER, else the NUMBER given for all, else `default`."""
    shared: float | str | None = None
    own: dict[str, float | str] = {}
    for spec in specs:
        name, is_own, value = spec.rpartition("=")
        rate = _learning_rate(spec, value)
        if not is_own:
            if shared is not None:
                raise ConfigError(f"--lr {spec}: one learning rate for every loss is already given ({shared}); give the others as LOSS=NUMBER")
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
            raise ConfigError(f"--lr {spec}: the learning rate of {name} is already given ({own[name]})")
        own[name] = rate
    everyone = default if shared is None else shared
    return {loss: own.get(loss, everyone) for loss in losses}


def _learning_rate(spec: str, value: str) -> float | str:
    try:
        return parse_learning_rate(value)
    except ConfigError as error:
        raise ConfigError(f"--lr {spec}: {error}; write NUMBER, auto or LOSS=NUMBER") from None
