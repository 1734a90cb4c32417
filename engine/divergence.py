"""Why a run diverged and what to do about it, in one line a person can act on.

For gradient descent on a smooth cost, a learning rate below 2/L (L the Lipschitz constant of
the gradient, estimated from the data in engine.curvature) cannot make the cost grow; the
advice names that limit and suggests 1/L, which is also safe for heavy-ball momentum
(stable below 2(1 + beta)/L). Adam scales its steps per coordinate, so it gets lr/10.
"""

from __future__ import annotations

import math

# Features whose standard deviations reach this, or differ this many times, are called unscaled.
UNSCALED = 100.0


def divergence_advice(
    loss_name: str,
    optimizer: str,
    lr: float,
    lipschitz: float | None,
    feature_scales: tuple[float, float],
) -> str:
    """The likely cause of a divergence and the fix, from the loss, the optimiser and the data."""
    if loss_name == "cross-entropy-naive":
        return (
            "the naive cross-entropy overflowed: sigma(z) rounded to 0 or 1 and log(0) = -inf "
            "(lecture Eq. 15-16); use cross-entropy, the stable form"
        )
    low, high = feature_scales
    if high >= UNSCALED * min(low, 1.0):
        return (
            f"the features are unscaled (column standard deviations from {low:.3g} to {high:.3g}): "
            "standardise them, or lower the learning rate"
        )
    if lipschitz is None or not math.isfinite(lipschitz) or lipschitz <= 0 or optimizer == "adam":
        return f"the learning rate {lr:g} is too large: try {lr / 10:g}"
    return (
        f"the learning rate {lr:g} is too large: gradient descent on this cost is stable below "
        f"2/L = {2 / lipschitz:.3g} (L estimated from the data); try {_round_down(1 / lipschitz):g}"
    )


def _round_down(x: float) -> float:
    """x rounded down to two significant digits, so the suggestion stays below the limit."""
    scale = 10.0 ** (math.floor(math.log10(x)) - 1)
    return math.floor(x / scale) * scale
