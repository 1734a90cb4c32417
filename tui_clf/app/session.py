"""A run configuration made ready to train: the dataset, its prepared split and a trainer.

Built off the UI thread (loading a file can take a while). The trainer inside is touched
only by the one worker that serves the command queue (jobs.py); everything else in a
Session is read-only, so the UI may read it freely. Each session has an id, and every message about
training carries it, so news from a session that has since been replaced is ignored.
"""

from __future__ import annotations

from contextlib import ExitStack
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from engine.dataset import Dataset
from engine.learning_rate import AutoRate, stability_limit
from engine.losses import Loss, get_loss
from engine.pipeline import PreparedData
from engine.records import StepRecord
from engine.trainer import Progress, Trainer
from tui_clf.app.replay import Replay
from tui_clf.config import RunConfig
from tui_clf.open_run import open_run

# The views draw at most this many examples: a terminal shows no more, and plotext stays fast.
MAX_VIEW_ROWS = 1500


@dataclass(frozen=True, eq=False)
class Session:
    """The data and the trainer of one effective configuration (see `fit_config_to_data`)."""

    id: int
    config: RunConfig
    dataset: Dataset
    data: PreparedData
    trainer: Trainer = field(repr=False)
    initial: Progress = field(repr=False)
    start: StepRecord = field(repr=False)  # the initial weights' record: where the curves begin
    replay: Replay = field(repr=False)  # the trainer's kept past: touched only by the training worker, as the trainer
    notes: tuple[str, ...] = ()
    auto_rate: AutoRate | None = None  # what lr = auto stands for on this data
    stability_limit: float | None = None  # 2/L, None for hinge and zero-one
    optimum_cost: float | None = None  # squared error's exact optimum (lecture 2.2), the cost curve's level line
    streamed: bool = False  # the trainer reads a file chunk by chunk; dataset and data hold a bounded sample
    resources: ExitStack = field(default_factory=ExitStack, repr=False)  # a Dask cluster the trainer's rows live on

    @property
    def loss(self) -> Loss:
        return get_loss(self.config.training.loss)

    @property
    def n_classes(self) -> int:
        return self.data.train.n_classes

    @cached_property
    def train_targets(self) -> np.ndarray:
        """The training labels in the loss's encoding, in the training dtype."""
        dtype = np.dtype(self.config.training.dtype)
        return self.loss.encode(self.data.train.y, self.n_classes, dtype)

    @cached_property
    def view_rows(self) -> np.ndarray:
        """Indices of the training examples the views draw (see `shown_rows`)."""
        return shown_rows(self.data.train.n_rows, self.config.training.seed)


def shown_rows(n_rows: int, seed: int) -> np.ndarray:
    """Indices of the examples a view draws: all, or a seeded sample of MAX_VIEW_ROWS."""
    if n_rows <= MAX_VIEW_ROWS:
        return np.arange(n_rows)
    rng = np.random.default_rng(seed)
    return np.sort(rng.choice(n_rows, MAX_VIEW_ROWS, replace=False))


def fit_config_to_data(config: RunConfig, dataset: Dataset) -> tuple[RunConfig, str | None]:
    """The config to train, and a note when it had to differ from the one asked for.

    A binary loss on data with more than two classes trains one class against the rest;
    unless a positive class was chosen, the first class is, and the note says so. A chosen
    positive class the data does not have (the dataset changed) is dropped.
    """
    positive = config.positive_class
    if positive is not None and positive not in dataset.classes:
        positive = None
    note = None
    if positive is None and dataset.n_classes > 2 and not get_loss(config.training.loss).multiclass:
        positive = dataset.classes[0]
        note = (
            f"{config.training.loss} is a binary loss and {dataset.name} has {dataset.n_classes} classes: "
            f"training {positive!r} against the rest (choose the positive class in the dataset pane)."
        )
    return config.updated(positive_class=positive), note


def build_session(session_id: int, config: RunConfig, dataset: Dataset | None = None) -> Session:
    """Load (unless `dataset` is given), split, standardise and make a trainer, as `tui-clf train` does:
    through tui_clf.open_run, which streams a file too large for memory (the session is then `streamed`,
    and its dataset a bounded sample that is never handed back here as `dataset`).

    Raises the engine's DataError or ConfigError with a message to show as it is.
    """
    notes: list[str] = []

    def fit(config: RunConfig, data: Dataset) -> RunConfig:
        fitted, note = fit_config_to_data(config, data)
        notes.extend([note] if note else [])
        return fitted

    resources = ExitStack()
    try:
        opened = open_run(config, dataset=dataset, fit=fit, resources=resources)
    except BaseException:
        resources.close()
        raise
    trainer = opened.trainer
    start = trainer.current_record()
    initial = trainer.snapshot()
    replay = Replay(initial, start)
    notes.extend(trainer.notes)
    optimum = trainer.least_squares_cost() if trainer.loss.name == "squared-error" and not opened.streamed else None
    return Session(
        session_id, opened.config, opened.dataset, opened.data, trainer, initial, start, replay, tuple(notes),
        auto_rate=trainer.auto_rate, stability_limit=stability_limit(trainer.lipschitz), optimum_cost=optimum,
        streamed=opened.streamed, resources=resources,
    )
