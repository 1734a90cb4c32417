"""What a tour stop sets up in the app, as plain data: data, losses, learning rates, start, view.

The same Setup drives the stop's own measurement (side_by_side.py) and the app, so the
numbers a stop names are those of the run the app shows. `as_dict()` is what a config file
or the app's compare section takes.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Mapping

from engine.errors import ConfigError
from engine.train_config import TrainConfig

# The app's views a stop may point at (the integrator maps each to a tab or a section).
VIEWS = ("boundary", "curves", "losses", "margins", "h-sweep", "gradcheck", "compare", "stability", "convexity")
START_KINDS = ("seed", "logistic", "badly-wrong")


@dataclass(frozen=True)
class Start:
    """The initial weights: "seed" (each trainer's own draw), "logistic" (the binary seed
    weights w, b for every loss; softmax with K = 2 gets logits (0, w x + b)), or "badly-wrong"
    (starts.badly_wrong_start: the typical positive at score z, the typical negative at -z)."""

    kind: str = "seed"
    z: float | None = None

    def __post_init__(self) -> None:
        if self.kind not in START_KINDS:
            raise ConfigError(f"unknown start {self.kind!r}; the starts are: {', '.join(START_KINDS)}")
        if (self.kind == "badly-wrong") != (self.z is not None):
            raise ConfigError("a badly-wrong start needs its score z, and only it does")

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "z": self.z}


@dataclass(frozen=True)
class Setup:
    """One stop's run: every loss in `losses` trained on `data` from the same start.

    lr is every loss's learning rate unless `lrs` names one of its own; val_split, standardize
    and seed prepare the data as RunConfig does.
    """

    data: str
    losses: tuple[str, ...]
    lr: float
    epochs: int
    view: str
    start: Start = field(default_factory=Start)
    lrs: Mapping[str, float] = field(default_factory=dict)
    standardize: bool = True
    val_split: float = 0.2
    seed: int = 0

    def __post_init__(self) -> None:
        if self.view not in VIEWS:
            raise ConfigError(f"unknown view {self.view!r}; the views are: {', '.join(VIEWS)}")
        for loss in self.losses:
            self.config(loss)  # refuses an unknown loss or a bad learning rate now, not mid-tour

    def lr_of(self, loss: str) -> float:
        return self.lrs.get(loss, self.lr)

    def config(self, loss: str) -> TrainConfig:
        """The TrainConfig of `loss` in this setup (full batch, plain gradient descent)."""
        return TrainConfig(loss=loss, lr=self.lr_of(loss), epochs=self.epochs, seed=self.seed)

    def with_one_lr(self) -> Setup:
        """The same setup with `lr` for every loss."""
        return replace(self, lrs={})

    def as_dict(self) -> dict[str, Any]:
        """Plain data: the app's and the compare section's settings."""
        return {
            "data": self.data,
            "losses": list(self.losses),
            "lr": {loss: self.lr_of(loss) for loss in self.losses},
            "epochs": self.epochs,
            "view": self.view,
            "start": self.start.as_dict(),
            "standardize": self.standardize,
            "val_split": self.val_split,
            "seed": self.seed,
        }
