"""Learning-rate schedules: the rate of a step as a pure function of the base rate and the epoch.

`epoch` is how far the run has come, in epochs, when the step is taken: e = epochs done +
rows of the current epoch already used / N (0 at the first step; with full batches, the step
count). E is the run's epochs (TrainConfig.epochs). The base rate lr0 is the configured rate
(or the one `auto` chose, engine.learning_rate), which a person may change mid-run.

    constant      lr0
    inverse-time  lr0 / (1 + decay * e)                    (the 1/t decay SGD needs to settle)
    cosine        lr0 * (1 + cos(pi * min(e, E) / E)) / 2   (from lr0 down to 0 at the last epoch)
    step          lr0 * factor ** floor(e / every)          (times `factor` every `every` epochs)

Constant-rate minibatch SGD hovers around the optimum at a distance that grows with the rate;
a decaying schedule shrinks that distance as the run goes on.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

SCHEDULES = ("constant", "inverse-time", "cosine", "step")


@dataclass(frozen=True)
class Schedule:
    """One schedule with its parameters; `rate(lr0, epoch)` is the learning rate at that epoch."""

    name: str = "constant"
    epochs: int = 1
    decay: float = 0.1
    every: int = 10
    factor: float = 0.5

    def rate(self, lr0: float, epoch: float) -> float:
        """The learning rate of a step taken `epoch` epochs into the run (see the module docstring)."""
        if self.name == "inverse-time":
            return lr0 / (1.0 + self.decay * epoch)
        if self.name == "cosine":
            return lr0 * (1.0 + math.cos(math.pi * min(epoch, self.epochs) / self.epochs)) / 2.0
        if self.name == "step":
            return lr0 * self.factor ** math.floor(epoch / self.every)
        return lr0
