"""What `--lr auto` means: a learning rate read off the data's curvature, chosen once per trainer.

With L the Lipschitz constant of the cost's gradient (engine.curvature: L = c * lambda_max(X1^T X1 / N)
+ l2, c the loss's curvature bound, X1 = [X, 1] of shape (N, D + 1)), gradient descent lowers
the cost at every rate below 2/L and may diverge above it. `auto` is

    gd, momentum, full batch   lr = 1/L: half the stability limit, the rate of the textbook
                               convergence bound (also safe for heavy-ball momentum, stable
                               below 2(1 + beta)/L)
    minibatches of B rows      lr = 1/L_B,  L_B = N(B - 1) / (B(N - 1)) * L + (N - B) / (B(N - 1)) * L_max,
                               the expected smoothness of a B-row batch cost (Gower et al. 2019,
                               "SGD: general analysis and improved rates"), where
                               L_max = c * max_i (||x_i||^2 + 1) + l2 is the largest one-example L:
                               1/L at B = N, and at B = 1 a rate no single example can overshoot
    hinge                      the hinge has a kink at z = 1 and no curvature bound: auto is 1/L
                               of the smoothed hinge (Rennie & Srebro 2005: quadratic for
                               0 < z < 1, the hinge elsewhere), whose curvature bound is c = 1;
                               at a constant rate subgradient descent then hovers near the
                               optimum, and a decaying schedule (--schedule) settles it
    zero-one                   its gradient is 0 (lecture 2.1), so no rate moves the weights;
                               only the l2 term's gradient l2 W does, stable below 2/l2:
                               auto is 1 / (1 + l2)
    adam                       ADAM_RATE = 0.01, not 1/L: Adam divides each step by the gradient's
                               own scale, so its rate is a distance per step in each weight;
                               on standardised features the weights are of order 1, reached in
                               about 1/lr = 100 steps, the default run's length (the paper's
                               1e-3 is tuned for networks trained for many thousand steps)

    lbfgs, newton              LINE_SEARCH_RATE = 1, a placeholder: they do not use the rate (a
                               line search finds each step's length), so auto spends no pass
                               over the data estimating L for them
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from engine.curvature import CURVATURE_BOUNDS
from engine.errors import ConfigError
from engine.optim import LINE_SEARCH_OPTIMIZERS
from engine.training_rows import TrainingRows

AUTO = "auto"
ADAM_RATE = 0.01
LINE_SEARCH_RATE = 1.0
SMOOTHED_HINGE_CURVATURE = 1.0
# What auto falls back to when the data are too large to estimate L (values near 1e308).
FALLBACK_RATE = 0.1


@dataclass(frozen=True)
class AutoRate:
    """The rate `auto` chose and, in a few words, why (`rule`); `limit` is the stability limit
    2/L of full-batch gradient descent on this cost, None where the loss has no curvature bound."""

    lr: float
    rule: str
    limit: float | None


def is_auto(lr: float | str) -> bool:
    return isinstance(lr, str) and lr == AUTO


def parse_learning_rate(text: str) -> float | str:
    """`auto` or a positive finite number, from what a person typed; ConfigError otherwise."""
    text = text.strip()
    if text.lower() == AUTO:
        return AUTO
    try:
        rate = float(text)
    except ValueError:
        raise ConfigError(f"{text!r} is not a learning rate: write auto or a positive number") from None
    if not math.isfinite(rate) or rate <= 0:
        raise ConfigError(f"the learning rate must be auto or a positive number, got {text}")
    return rate


def auto_learning_rate(
    rows: TrainingRows,
    loss_name: str,
    optimizer: str,
    l2: float,
    batch_size: int,
    lipschitz: Callable[[], float | None],
) -> AutoRate:
    """The rate `auto` stands for (module docstring) on the training rows (engine.training_rows).

    lipschitz(): the cost's L (engine.curvature), None for a loss with a kink; only asked
    for when the rule needs it, so Adam and zero-one cost nothing.
    """
    if optimizer == "adam":
        return AutoRate(ADAM_RATE, "Adam's constant rate", None)
    if optimizer in LINE_SEARCH_OPTIMIZERS:
        return AutoRate(LINE_SEARCH_RATE, "not used: a line search finds each step's length", None)
    if loss_name == "zero-one":
        return AutoRate(1.0 / (1.0 + l2), "any rate: the 0-1 gradient is 0", 2.0 / l2 if l2 else None)
    curvature = CURVATURE_BOUNDS.get(loss_name, SMOOTHED_HINGE_CURVATURE)
    L, limit, rule = lipschitz(), None, "1/L"
    if L is None:
        with np.errstate(over="ignore", invalid="ignore"):  # data near 1e308: L is inf, caught below
            L = curvature * rows.gram_eigenvalue() + l2
        rule = "1/L of the smoothed hinge"
    else:
        limit = stability_limit(L)
    n = rows.n_rows
    if batch_size < n:
        with np.errstate(over="ignore", invalid="ignore"):
            L_max = curvature * (rows.largest_squared_norm() + 1.0) + l2  # the most curved single example's L
        L = _batch_smoothness(L, L_max, batch_size, n)
        rule = f"{rule} for batches of {batch_size}"
    if not (math.isfinite(L) and L > 0):
        return AutoRate(FALLBACK_RATE, "L could not be estimated: the data overflow", None)
    return AutoRate(1.0 / L, rule, limit)


def _batch_smoothness(L: float, L_max: float, batch: int, n: int) -> float:
    """L_B: the expected smoothness of a B-row minibatch cost, from L (B = N) to L_max (B = 1)."""
    return (n * (batch - 1) * L + (n - batch) * L_max) / (batch * (n - 1))


def stability_limit(lipschitz: float | None) -> float | None:
    """2/L: full-batch gradient descent lowers the cost at every rate below it; None without an L."""
    if lipschitz is None or not math.isfinite(lipschitz) or lipschitz <= 0:
        return None
    return 2.0 / lipschitz
