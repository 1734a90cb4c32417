"""Deliberately wrong gradients, so a user can watch the gradient check catch them.

A planted bug wraps a loss: the value L(z, t) is untouched (finite differences of the cost
still see the true function) while `grad` returns a wrong dL/dz. The objective then turns
that wrong dL/dz into a wrong dJ/dW and dJ/db by the lecture's procedure, exactly where a
hand-derived gradient goes wrong in practice.

    missing-sigmoid-derivative  dL/dz / (y (1 - y)) with y = sigma(z): the chain rule stopped
                                at dL/dy (Eq. 10 without dy/dz = y(1 - y)); for
                                logistic-squared-error that is y - t instead of (y - t) y (1 - y)
    sign-flip                   -dL/dz: the update climbs instead of descends
    forgot-mean                 N dL/dz: the gradient of the sum of the losses, not of their mean
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from engine.activations import sigmoid
from engine.errors import ConfigError
from engine.losses import Loss


@dataclass(frozen=True)
class PlantedBug:
    """A named wrong dL/dz: `wrong_grad(loss, z, t)`, and which losses it can be planted in."""

    name: str
    description: str
    wrong_grad: Callable[[Loss, np.ndarray, np.ndarray], np.ndarray]
    applies_to: Callable[[Loss], bool]
    planted_in: str


def _without_sigmoid_derivative(loss: Loss, z: np.ndarray, t: np.ndarray) -> np.ndarray:
    y = sigmoid(z)
    with np.errstate(divide="ignore", invalid="ignore"):
        return loss.grad(z, t) / (y * (1 - y))


def _has_a_gradient(loss: Loss) -> bool:
    # The 0-1 loss's gradient is 0: negated or multiplied, it stays 0 and stays right.
    return loss.name != "zero-one"


PLANTED_BUGS: dict[str, PlantedBug] = {
    bug.name: bug
    for bug in (
        PlantedBug(
            "missing-sigmoid-derivative",
            "dL/dz without its dy/dz = y(1 - y) factor (Eq. 10 half done)",
            _without_sigmoid_derivative,
            lambda loss: loss.output_name == "sigma(z)",
            "losses with a logistic output y = sigma(z)",
        ),
        PlantedBug(
            "sign-flip",
            "the negated gradient",
            lambda loss, z, t: -loss.grad(z, t),
            _has_a_gradient,
            "every loss but zero-one",
        ),
        PlantedBug(
            "forgot-mean",
            "the gradient of the summed loss, N times too large",
            lambda loss, z, t: z.shape[0] * loss.grad(z, t),
            _has_a_gradient,
            "every loss but zero-one",
        ),
    )
}


class BuggyLoss(Loss):
    """`loss` with the gradient of `bug`: same name, facts, value and targets; a wrong grad."""

    def __init__(self, loss: Loss, bug: PlantedBug) -> None:
        self.base = loss
        self.bug = bug
        for fact in ("name", "equation", "targets", "output_name", "convex", "differentiable", "gives_proba", "point", "threshold"):
            setattr(self, fact, getattr(loss, fact))

    def value(self, z: np.ndarray, t: np.ndarray) -> np.ndarray:
        return self.base.value(z, t)

    def grad(self, z: np.ndarray, t: np.ndarray) -> np.ndarray:
        return self.bug.wrong_grad(self.base, z, t)

    def value_error(self, z: np.ndarray, t: np.ndarray) -> np.ndarray:
        return self.base.value_error(z, t)

    def output(self, z: np.ndarray) -> np.ndarray:
        return self.base.output(z)

    def predict(self, z: np.ndarray) -> np.ndarray:
        return self.base.predict(z)

    def proba(self, z: np.ndarray) -> np.ndarray:
        return self.base.proba(z)

    def encode(self, labels: np.ndarray, n_classes: int = 2, dtype: np.dtype = np.float64) -> np.ndarray:
        return self.base.encode(labels, n_classes, dtype)

    def kink_distance(self, z: np.ndarray, t: np.ndarray) -> np.ndarray | None:
        return self.base.kink_distance(z, t)


def default_bug(loss: Loss) -> str:
    """The lecture's own example for a logistic loss, otherwise the sign flip."""
    return "missing-sigmoid-derivative" if PLANTED_BUGS["missing-sigmoid-derivative"].applies_to(loss) else "sign-flip"


def plant_bug(loss: Loss, bug: str) -> BuggyLoss:
    """`loss` with the planted bug called `bug`; ConfigError if unknown or meaningless for `loss`."""
    try:
        planted = PLANTED_BUGS[bug]
    except KeyError:
        raise ConfigError(f"unknown planted bug {bug!r}; choose one of: {', '.join(PLANTED_BUGS)}") from None
    if not planted.applies_to(loss):
        raise ConfigError(f"the {bug} bug cannot be planted in the {loss.name} loss; it fits {planted.planted_in}")
    return BuggyLoss(loss, planted)
