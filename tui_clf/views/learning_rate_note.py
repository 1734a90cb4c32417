"""One line about a run's learning rate: the number, what `auto` chose it by, and the limit 2/L.

    0.52 (auto = 1/L; stable below 2/L = 1.04)
    3 (above 2/L = 1.04: gradient descent may diverge)
    0.1 (stable below 2/L = 1.04; inverse-time schedule)
    not used: lbfgs finds each step's length by a line search
"""

from __future__ import annotations

from engine.optim import LINE_SEARCH_OPTIMIZERS


def learning_rate_note(
    lr: float, auto_rule: str | None, limit: float | None, schedule: str = "constant", optimizer: str = "gd"
) -> str:
    """`lr` with why it was chosen (`auto_rule`, None for a rate given as a number) and the
    stability limit 2/L (None where the loss has no curvature bound); for L-BFGS and Newton, that
    they do not use it."""
    if optimizer in LINE_SEARCH_OPTIMIZERS:
        return f"not used: {optimizer} finds each step's length by a line search"
    facts = [f"auto = {auto_rule}"] if auto_rule else []
    if limit is not None:
        facts.append(f"stable below 2/L = {limit:.3g}" if lr < limit else f"above 2/L = {limit:.3g}: gradient descent may diverge")
    if schedule != "constant":
        facts.append(f"{schedule} schedule")
    return f"{lr:.3g} ({'; '.join(facts)})" if facts else f"{lr:.3g}"
