"""A landmark in weight space for the pictures of the cost: where cross-entropy's training ends.

The landscape's plane passes through it and the convexity view's segment runs through it.
Found by the engine's own trainer, full batch, from the session's initial weights (the same
seed), with Nesterov momentum at lr = 1/L (L from engine.curvature) and the session's l2, until
||grad|| <= REFERENCE_TOL or REFERENCE_STEPS steps: on separable data with l2 = 0 the optimum
is at infinity, and the label then says how many steps it is ("CE after 300 steps"; CE: cross-entropy).
Softmax-cross-entropy stands in for cross-entropy when the weights are K x D with K > 1.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np

from engine.curvature import lipschitz_constant
from engine.losses import get_loss
from engine.objective import Params
from engine.records import StopKind
from engine.train_config import TrainConfig
from engine.trainer import Trainer

REFERENCE_STEPS = 300
REFERENCE_TOL = 1e-6


@dataclass(frozen=True)
class Reference:
    """The weights where cross-entropy's training ended, and what to call them."""

    params: Params
    label: str


def cross_entropy_reference(
    X: np.ndarray, y: np.ndarray, n_classes: int, session: TrainConfig, cancelled: Callable[[], bool] = lambda: False
) -> Reference | None:
    """Train cross-entropy on X (N, D), labels y (N,) from the initial weights of `session`'s seed; None if cancelled."""
    multiclass = get_loss(session.loss).multiclass
    loss = "softmax-cross-entropy" if multiclass else "cross-entropy"
    lipschitz = lipschitz_constant(X, loss, session.l2)
    # Data so large that L overflows: train at the run's own rate (it will diverge and keep its best weights).
    lr = 1.0 / lipschitz if math.isfinite(lipschitz) and lipschitz > 0 else session.lr
    config = replace(
        session, loss=loss, optimizer="momentum", nesterov=True, lr=lr, epochs=REFERENCE_STEPS, batch_size=None,
        tol=REFERENCE_TOL, patience=None,
    )
    trainer = Trainer(X, y, n_classes, config)
    converged = False
    for record in trainer.iter_steps():
        if cancelled():
            return None
        converged = record.stop is not None and record.stop.kind == StopKind.CONVERGED
    name = "softmax CE" if multiclass else "CE"
    name = f"{name} optimum" if converged else f"{name} after {trainer.steps} steps"
    return Reference(trainer.params, name)
