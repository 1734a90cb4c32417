"""Several losses trained on the same data, split and start, each to the end of its run.

One trainer per loss from engine.pipeline, with the setup's seed and settings: the same
thing the compare section's lock-step runner does one step at a time (engine/compare.py),
which can take this function's place without changing a stop.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from engine.data import load_dataset
from engine.objective import Params
from engine.pipeline import PreparedData, prepare
from engine.records import StepRecord, Stop
from tui_clf.views.tour.setup import Setup
from tui_clf.views.tour.starts import start_trainer


@dataclass(frozen=True)
class Finish:
    """How one loss's run went: record 0 and the weights it started from, its last step's
    record, the whole-data record of the weights it ended with, those weights, and why it stopped."""

    loss: str
    lr: float
    first: StepRecord
    initial: Params
    last: StepRecord
    final: StepRecord
    params: Params
    stop: Stop | None

    @property
    def steps(self) -> int:
        return self.last.step


def prepared(setup: Setup) -> PreparedData:
    """The setup's dataset, split and standardised as it says."""
    return _prepared(setup.data, setup.val_split, setup.standardize, setup.seed)


@lru_cache(maxsize=8)
def _prepared(data: str, val_split: float, standardize: bool, seed: int) -> PreparedData:
    # Several stops train on the same bundled data; reading and splitting it once is enough.
    return prepare(load_dataset(data), val_split=val_split, standardize=standardize, seed=seed)


def train_side_by_side(setup: Setup) -> dict[str, Finish]:
    """Train every loss of the setup to the end of its run; by loss name, in the setup's order."""
    data = prepared(setup)
    finishes = {}
    for loss in setup.losses:
        trainer = start_trainer(data, setup.config(loss), setup.start)
        first, initial = trainer.current_record(), trainer.params
        run = trainer.run()
        last = run.records[-1] if run.records else first
        finishes[loss] = Finish(loss, setup.lr_of(loss), first, initial, last, trainer.final_record(), trainer.params, run.stop)
    return finishes
