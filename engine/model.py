"""A trained linear classifier with everything needed to predict on raw features.

z = W standardise(x) + b with W (K, D), b (K,), K = 1 for a binary loss; `classes[k]` names
label k. A model trained one-vs-rest remembers its positive class.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.dataset import Standardizer
from engine.losses import Loss, get_loss
from engine.objective import Params, scores


@dataclass(frozen=True)
class LinearModel:
    """Weights, the loss they were trained with, class and feature names, the standardisation."""

    params: Params
    loss_name: str
    classes: tuple[str, ...]
    feature_names: tuple[str, ...]
    standardizer: Standardizer
    positive_class: str | None = None
    l2: float = 0.0

    @property
    def loss(self) -> Loss:
        return get_loss(self.loss_name)

    @property
    def n_features(self) -> int:
        return int(self.params.W.shape[1])

    def scores(self, X: np.ndarray) -> np.ndarray:
        """z for raw features X (N, D): (N,) for a binary loss, (N, K) for softmax."""
        X = self.standardizer.transform(np.asarray(X, dtype=np.float64)).astype(self.params.W.dtype)
        return scores(self.params, X, self.loss)

    def predict(self, X: np.ndarray) -> np.ndarray:
        """Class indices, shape (N,)."""
        return self.loss.predict(self.scores(X))

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """Class probabilities (N, K) for losses that give them; ValueError otherwise."""
        return self.loss.proba(self.scores(X))
