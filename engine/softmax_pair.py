"""Softmax-cross-entropy with K = 2 is cross-entropy at twice the learning rate (lecture 3: "plug in K = 2").

With two logits z0 = w0.x + b0 and z1 = w1.x + b1, softmax(z)_1 = 1 / (1 + e^-(z1 - z0)) =
sigma(v.x + c) for v = w1 - w0, c = b1 - b0: the loss sees only the difference. Its gradients
are opposite, dJ/dw1 = g + l2 w1 and dJ/dw0 = -g + l2 w0, with g = mean (sigma(v.x + c) - t) x
the cross-entropy gradient at v, so one step at learning rate eta moves the difference by
    v <- v - 2 eta (g + (l2 / 2) v)        (and c <- c - 2 eta mean(sigma - t)),
while w0 + w1 only shrinks by (1 - eta l2) and stays 0 if it starts at 0. That is cross-entropy's
step at learning rate 2 eta with penalty l2 / 2, as long as the softmax weights start
antisymmetric (w0 = -w1) and cross-entropy starts at their difference: here both start at 0.
The same holds for momentum and Adam, whose updates see the same gradients.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from engine.errors import DataError
from engine.objective import scores
from engine.pipeline import PreparedData, make_trainer
from engine.train_config import TrainConfig
from engine.trainer import Trainer


@dataclass(frozen=True)
class SoftmaxPair:
    """Softmax-cross-entropy (K = 2) and cross-entropy set up to take the same steps, and why."""

    softmax: Trainer
    cross_entropy: Trainer
    reason: str

    def step(self) -> None:
        """One step of each."""
        self.softmax.step()
        self.cross_entropy.step()

    def decision_values(self, X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(z1 - z0 of the softmax, z of cross-entropy) on X (N, D): equal when the claim holds."""
        z = scores(self.softmax.params, X, self.softmax.loss)
        return z[:, 1] - z[:, 0], scores(self.cross_entropy.params, X, self.cross_entropy.loss)


def softmax_pair(data: PreparedData, base: TrainConfig) -> SoftmaxPair:
    """Softmax-cross-entropy at base.lr and base.l2, and cross-entropy at 2 lr and l2 / 2, both from W = 0."""
    if data.train.n_classes != 2:
        raise DataError(f"the K = 2 comparison needs two classes, the data has {data.train.n_classes}")
    start = replace(base, init_scale=0.0)
    softmax_config = replace(start, loss="softmax-cross-entropy")
    matched = replace(start, loss="cross-entropy", lr=2 * base.lr, l2=base.l2 / 2)
    return SoftmaxPair(make_trainer(data, softmax_config), make_trainer(data, matched), _reason(softmax_config, matched))


def _reason(softmax: TrainConfig, matched: TrainConfig) -> str:
    penalties = (f" (l2 {softmax.l2:g})", f" (l2 {softmax.l2:g} / 2 = {matched.l2:g})") if softmax.l2 else ("", "")
    return (
        "with K = 2 the softmax sees only z1 - z0 = (w1 - w0).x + (b1 - b0), and a step moves w1 and w0 "
        "by opposite amounts, so from antisymmetric weights (here both 0) the difference moves twice as far: "
        f"softmax-cross-entropy at learning rate {softmax.lr:g}{penalties[0]} takes the steps of "
        f"cross-entropy at learning rate 2 x {softmax.lr:g} = {matched.lr:g}{penalties[1]}"
    )
