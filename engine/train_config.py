"""The hyper-parameters of one training run, checked once when they are made."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from engine.chunk_threads import default_threads
from engine.errors import ConfigError
from engine.learning_rate import AUTO, is_auto
from engine.losses import get_loss
from engine.optim import LINE_SEARCH_OPTIMIZERS, OPTIMIZERS
from engine.schedules import SCHEDULES

DTYPES = ("float64", "float32")


@dataclass(frozen=True)
class TrainConfig:
    """Everything that decides a run's numbers; the same config and seed give the same bits.

    batch_size None means full-batch gradient descent (one step per epoch).
    lr "auto" is chosen from the data when the trainer is made (engine.learning_rate); a number is
    used as it is. schedule changes it epoch by epoch (engine.schedules: decay for inverse-time,
    step_every and step_factor for step).
    tol > 0 stops a full-batch run once ||grad|| <= tol, a minibatch run once the epoch's
    mean cost improves by less than tol (relative). patience stops a run whose validation
    cost has not improved for that many evaluations, and restores its best weights.
    threads: Python threads that share a full pass over large data (1: the calling thread alone).
    """

    loss: str = "cross-entropy"
    optimizer: str = "gd"
    lr: float | str = AUTO
    epochs: int = 100
    batch_size: int | None = None
    l2: float = 0.0
    seed: int = 0
    momentum: float = 0.9
    nesterov: bool = False
    tol: float = 0.0
    patience: int | None = None
    dtype: str = "float64"
    init_scale: float = 0.01
    schedule: str = "constant"
    decay: float = 0.1
    step_every: int = 10
    step_factor: float = 0.5
    threads: int = field(default_factory=default_threads)

    def __post_init__(self) -> None:
        get_loss(self.loss)
        if self.optimizer not in OPTIMIZERS:
            raise ConfigError(f"unknown optimizer {self.optimizer!r}; choose one of: {', '.join(OPTIMIZERS)}")
        if self.dtype not in DTYPES:
            raise ConfigError(f"unknown dtype {self.dtype!r}; choose one of: {', '.join(DTYPES)}")
        if self.schedule not in SCHEDULES:
            raise ConfigError(f"unknown schedule {self.schedule!r}; choose one of: {', '.join(SCHEDULES)}")
        if isinstance(self.lr, str) and not is_auto(self.lr):
            raise ConfigError(f"the learning rate must be auto or a positive number, got {self.lr!r}")
        lr = 1.0 if is_auto(self.lr) else self.lr
        numbers = {"lr": lr, "decay": self.decay, "step_factor": self.step_factor, "l2": self.l2, "momentum": self.momentum, "tol": self.tol, "init_scale": self.init_scale}
        for name, value in numbers.items():
            if not math.isfinite(value):
                raise ConfigError(f"{name} must be a finite number, got {value}")
        checks = [
            (lr > 0, f"the learning rate must be auto or a positive number, got {self.lr}"),
            (self.decay >= 0, f"decay must be zero or positive, got {self.decay}"),
            (self.step_every >= 1, f"step every must be at least 1 epoch, got {self.step_every}"),
            (0 < self.step_factor <= 1, f"step factor must be in (0, 1], got {self.step_factor}"),
            (self.seed >= 0, f"the seed must be zero or positive, got {self.seed}"),
            (self.epochs >= 1, f"epochs must be at least 1, got {self.epochs}"),
            (self.batch_size is None or self.batch_size >= 1, f"batch size must be at least 1, got {self.batch_size}"),
            (self.l2 >= 0, f"l2 must be zero or positive, got {self.l2}"),
            (0 <= self.momentum < 1, f"momentum must be in [0, 1), got {self.momentum}"),
            (self.tol >= 0, f"tol must be zero or positive, got {self.tol}"),
            (self.patience is None or self.patience >= 1, f"patience must be at least 1, got {self.patience}"),
            (self.init_scale >= 0, f"init scale must be zero or positive, got {self.init_scale}"),
            (self.threads >= 1, f"threads must be at least 1, got {self.threads}"),
        ]
        for ok, message in checks:
            if not ok:
                raise ConfigError(message)
        if self.optimizer in LINE_SEARCH_OPTIMIZERS:
            self._check_line_search()

    def _check_line_search(self) -> None:
        """lbfgs and newton need the whole batch and a gradient; newton a second derivative too."""
        if self.loss == "zero-one":
            raise ConfigError(f"{self.optimizer} cannot train zero-one: its gradient is 0 almost everywhere (lecture 2.1)")
        if self.optimizer == "newton" and not get_loss(self.loss).differentiable:
            raise ConfigError(f"newton needs the loss's second derivative and {self.loss} has a kink; use lbfgs or gd")
        if self.batch_size is not None:
            raise ConfigError(f"{self.optimizer} is a full-batch method: leave out the batch size")
