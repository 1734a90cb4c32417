"""How well a saved model does on a labelled dataset: accuracy, cost and the confusion matrix.

The dataset's columns and classes are matched to the model's by name, so a file whose
columns come in another order, or whose classes are a subset, is still scored correctly.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.dataset import Dataset
from engine.errors import DataError
from engine.model import LinearModel
from engine.objective import l2_penalty


@dataclass(frozen=True)
class ModelEvaluation:
    """accuracy, cost J and mean loss over n examples; confusion[i, j] counts true class i predicted as j."""

    accuracy: float
    cost: float
    loss: float
    n: int
    classes: tuple[str, ...]
    confusion: np.ndarray


def labels_for(model: LinearModel, dataset: Dataset) -> np.ndarray:
    """The dataset's labels as the model's class indices, (N,); a one-vs-rest model sees 0/1."""
    names = np.asarray(dataset.classes)[dataset.y]
    if model.positive_class is not None:
        return (names == model.positive_class).astype(np.intp)
    unknown = sorted(set(dataset.classes) - set(model.classes))
    if unknown:
        raise DataError(
            f"the data has class {unknown[0]!r}, which the model does not know "
            f"(its classes: {', '.join(model.classes)})",
            path=dataset.source,
        )
    index = {name: k for k, name in enumerate(model.classes)}
    return np.array([index[name] for name in names], dtype=np.intp)


def evaluate_model(model: LinearModel, dataset: Dataset) -> ModelEvaluation:
    """Score `model` on `dataset`: the cost J = mean loss + (l2/2)||W||^2 with the model's l2, the
    mean loss alone, accuracy and the confusion matrix."""
    X, y = dataset.columns(model.feature_names), labels_for(model, dataset)
    loss = model.loss
    z = model.scores(X)
    predicted = loss.predict(z)
    k = len(model.classes)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        mean_loss = float(loss.value(z, loss.encode(y, k, z.dtype)).mean())
    confusion = np.zeros((k, k), dtype=np.int64)
    np.add.at(confusion, (y, predicted), 1)
    return ModelEvaluation(
        accuracy=float(np.mean(predicted == y)),
        cost=mean_loss + l2_penalty(model.params, model.l2),
        loss=mean_loss,
        n=int(y.size),
        classes=model.classes,
        confusion=confusion,
    )
