"""Initial weights for a tour stop, and a trainer that starts from them.

badly_wrong_start builds the lecture's "confidently wrong" start (section 2.3): along the
class-mean difference d = mu_1 - mu_0 of the standardised training data,
    w = -c d,   b = -w . (mu_1 + mu_0) / 2,   c = -2 z / ||d||^2,
so the mean positive example scores w . mu_1 + b = z (e.g. -5) and the mean negative -z:
every example near its class mean is classified wrong with a score of about |z|.
Shapes: X (N, D), labels y (N,) in {0, 1}; weights Params(W (K, D), b (K,)).
"""

from __future__ import annotations

import numpy as np

from engine.losses import get_loss
from engine.objective import Params
from engine.optim import make_optimizer
from engine.pipeline import PreparedData, make_trainer
from engine.progress import Progress
from engine.train_config import TrainConfig
from engine.trainer import Trainer, initial_params
from tui_clf.views.tour.setup import Start


def badly_wrong_start(X: np.ndarray, y: np.ndarray, z: float) -> Params:
    """Binary weights W (1, D), b (1,) that score the mean of class 1 at z and that of class 0 at -z."""
    mu1, mu0 = X[y == 1].mean(axis=0), X[y == 0].mean(axis=0)
    d = mu1 - mu0
    w = (2 * z / float(d @ d)) * d
    return Params(w[np.newaxis, :], np.array([-float(w @ (mu1 + mu0)) / 2]))


def initial_weights(start: Start, data: PreparedData, config: TrainConfig) -> Params | None:
    """The weights `start` gives the loss of `config` on `data`; None for the trainer's own seed draw."""
    if start.kind == "seed":
        return None
    X = data.train.X
    binary = (
        badly_wrong_start(X, data.train.y, start.z)
        if start.kind == "badly-wrong"
        else initial_params(1, X.shape[1], config)
    )
    binary = Params(binary.W.astype(config.dtype), binary.b.astype(config.dtype))
    if get_loss(config.loss).multiclass:
        # Logits (0, w x + b): softmax's second class gets sigma(w x + b), as the logistic does.
        return Params(np.vstack([np.zeros_like(binary.W), binary.W]), np.concatenate([np.zeros_like(binary.b), binary.b]))
    return binary


def start_trainer(data: PreparedData, config: TrainConfig, start: Start) -> Trainer:
    """A trainer on `data` whose weights are those of `start` (reset() goes back to the seed's)."""
    trainer = make_trainer(data, config)
    params = initial_weights(start, data, config)
    if params is not None:
        optimizer = make_optimizer(config.optimizer, momentum=config.momentum, nesterov=config.nesterov)
        trainer.restore(Progress(params=params, opt_state=optimizer.init(params)))
    return trainer
