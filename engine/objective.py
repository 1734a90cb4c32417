"""The cost of a linear classifier on a dataset and its gradient, in one pass.

Model (Eq. 22): z = W x + b with W of shape (K, D) and b of shape (K,); K = 1 for a binary
loss, whose scores are then the vector z = X w + b of shape (N,).

Cost: J(W, b) = (1/N) sum_i L(z_i, t_i) + (l2 / 2) ||W||^2 (the bias is not penalised).

Gradient, by the lecture's procedure (Eq. 10-12): first dL/dz for every example, then
    dJ/dW = (dL/dz)^T X / N + l2 W,   dJ/db = mean_i dL/dz_i.
This is the one hot loop of the engine.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from engine.losses import Loss


class Params(NamedTuple):
    """The weights of a linear model: W (K, D) and b (K,)."""

    W: np.ndarray
    b: np.ndarray


@dataclass(frozen=True)
class CostAndGrad:
    """J at some weights, the scores z it was computed from, and dJ/dW, dJ/db (None if not asked)."""

    cost: float
    z: np.ndarray
    grad: Params | None


def scores(params: Params, X: np.ndarray, loss: Loss) -> np.ndarray:
    """z = X W^T + b: shape (N,) for a binary loss, (N, K) for softmax-cross-entropy."""
    if loss.multiclass:
        return X @ params.W.T + params.b
    return X @ params.W[0] + params.b[0]


def l2_penalty(params: Params, l2: float) -> float:
    """(l2 / 2) ||W||^2; the bias is not penalised."""
    return 0.5 * l2 * float(np.vdot(params.W, params.W)) if l2 else 0.0


def cost(params: Params, X: np.ndarray, T: np.ndarray, loss: Loss, l2: float = 0.0) -> float:
    """J(W, b) for data X (N, D) and targets T in the loss's encoding."""
    z = scores(params, X, loss)
    return float(loss.value(z, T).mean()) + l2_penalty(params, l2)


def cost_and_grad(params: Params, X: np.ndarray, T: np.ndarray, loss: Loss, l2: float = 0.0) -> CostAndGrad:
    """J and its gradient with respect to W and b, sharing z and dL/dz between them."""
    n = X.shape[0]
    z = scores(params, X, loss)
    with np.errstate(over="ignore", invalid="ignore"):
        values, dl_dz = loss.value_and_grad(z, T)
        if loss.multiclass:
            dW = dl_dz.T @ X / n
            db = dl_dz.mean(axis=0)
        else:
            dW = (dl_dz @ X / n)[np.newaxis, :]
            db = np.atleast_1d(dl_dz.mean())
        if l2:
            dW += l2 * params.W
    data_cost = float(values.mean())
    return CostAndGrad(cost=data_cost + l2_penalty(params, l2), z=z, grad=Params(dW, db.astype(dW.dtype)))
