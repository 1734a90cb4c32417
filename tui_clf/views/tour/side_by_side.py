"""Several losses trained on the same data, split and start, each to the end of its run.

The race of engine/compare.py, the one the app's Compare runs a round at a time: so a stop
measures exactly what trying it in Compare shows. Each loss starts from the setup's start
(starts.py: the seed's weights, or e.g. badly wrong).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache, partial

from engine.compare import Contender, LockStep
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
    """Race every loss of the setup to the end of its run; by loss name, in the setup's order."""
    contenders = [Contender(loss, setup.lr_of(loss)) for loss in setup.losses]
    race = LockStep(prepared(setup), setup.config(setup.losses[0]), contenders, make=partial(start_trainer, start=setup.start))
    initial = {loss: trainer.params for loss, trainer in race.trainers.items()}
    last = dict(race.initial_records)
    while not race.done:
        last.update(race.step())
    finals = race.final_records()
    return {
        c.loss: Finish(
            c.loss, c.lr, race.initial_records[c.loss], initial[c.loss], last[c.loss], finals[c.loss],
            race.trainers[c.loss].params, last[c.loss].stop,
        )
        for c in contenders
    }
