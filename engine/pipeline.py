"""From a dataset and a config to a trained model, the same way for the CLI, the app and scripts.

prepare(): one-vs-rest if asked, a stratified validation split seeded by the config, and a
standardisation fitted on the training part only. make_trainer() and model_of() put a
Trainer on the prepared data and turn its weights into a LinearModel; fit() does all three.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from engine.dataset import Dataset, Standardizer, stratified_split
from engine.model import LinearModel
from engine.narrowing import can_narrow_in_place, narrowed_in_place
from engine.train_config import TrainConfig
from engine.trainer import RunResult, Trainer


@dataclass(frozen=True)
class PreparedData:
    """Standardised training (and validation) data and the transform that made it."""

    train: Dataset
    val: Dataset | None
    standardizer: Standardizer
    positive_class: str | None


@dataclass(frozen=True)
class FitResult:
    """A finished run: the model, its step records and why it stopped."""

    model: LinearModel
    run: RunResult
    trainer: Trainer


def prepare(
    dataset: Dataset,
    *,
    val_split: float = 0.0,
    standardize: bool = True,
    seed: int = 0,
    positive_class: str | None = None,
    overwrite: bool = False,
    dtype: str | None = None,
) -> PreparedData:
    """Split (stratified, seeded) and standardise `dataset` for training.

    overwrite: the caller gives `dataset` up, so its X becomes the training part, rows moved
    up and standardised in place: memory peaks at about 1.2x X (the validation rows' copy)
    instead of 3x. Without it `dataset` is left as it was. With overwrite and a narrower `dtype`
    (the run's, float32 for a float64 X), the training X is also narrowed in its own memory
    (engine.narrowing), where the trainer's conversion would have held a copy beside it.
    """
    if positive_class is not None:
        dataset = dataset.one_vs_rest(positive_class)
    own = overwrite and dataset.X.dtype.kind == "f" and dataset.X.flags.writeable and dataset.X.flags.c_contiguous
    train, val = dataset, None
    if val_split > 0:
        train_rows, val_rows = stratified_split(dataset.y, val_split, seed)
        val = dataset.subset(val_rows)
        train = _rows_moved_up(dataset, train_rows) if own else dataset.subset(train_rows)
        own = True
    standardizer = (
        Standardizer.fit(train.X, train.feature_names, train.source) if standardize else Standardizer.identity(train.n_features)
    )
    train = _transformed(train, standardizer, in_place=own)
    if own and dtype is not None and can_narrow_in_place(train.X, dtype):
        train = replace(train, X=narrowed_in_place(train.X, dtype))
    val = _transformed(val, standardizer, in_place=True) if val is not None else None
    return PreparedData(train, val, standardizer, positive_class)


def make_trainer(data: PreparedData, config: TrainConfig) -> Trainer:
    """A Trainer on the prepared training data, validating on the validation part if any."""
    val = data.val
    return Trainer(
        data.train.X,
        data.train.y,
        data.train.n_classes,
        config,
        X_val=val.X if val is not None else None,
        y_val=val.y if val is not None else None,
    )


def model_of(trainer: Trainer, data: PreparedData) -> LinearModel:
    """The trainer's current weights as a model that predicts on raw features."""
    return LinearModel(
        params=trainer.params,
        loss_name=trainer.loss.name,
        classes=data.train.classes,
        feature_names=data.train.feature_names,
        standardizer=data.standardizer,
        positive_class=data.positive_class,
        l2=trainer.config.l2,
    )


def fit(
    dataset: Dataset,
    config: TrainConfig,
    *,
    val_split: float = 0.0,
    standardize: bool = True,
    positive_class: str | None = None,
) -> FitResult:
    """Train on `dataset` until a stop rule fires or the epochs are spent."""
    data = prepare(dataset, val_split=val_split, standardize=standardize, seed=config.seed, positive_class=positive_class)
    trainer = make_trainer(data, config)
    run = trainer.run()
    return FitResult(model_of(trainer, data), run, trainer)


# Rows moved per block when compacting X in place: a block's copy is the only extra memory.
MOVE_ROWS = 4096


def _rows_moved_up(dataset: Dataset, rows: np.ndarray) -> Dataset:
    """`dataset` restricted to the sorted `rows`, written over the start of its own X.

    rows[i] >= i, so moving blocks in increasing order never overwrites a row still to be read.
    """
    X = dataset.X
    for start in range(0, rows.size, MOVE_ROWS):
        block = rows[start : start + MOVE_ROWS]
        X[start : start + block.size] = X[block]
    return Dataset(dataset.name, X[: rows.size], dataset.y[rows], dataset.classes, dataset.feature_names, dataset.source)


def _transformed(dataset: Dataset, standardizer: Standardizer, *, in_place: bool) -> Dataset:
    transform = standardizer.transform_in_place if in_place else standardizer.transform
    return Dataset(
        dataset.name,
        transform(dataset.X),
        dataset.y,
        dataset.classes,
        dataset.feature_names,
        dataset.source,
    )
