"""The messages the app's workers and widgets send; small dataclasses, safe to post from a thread.

Messages about training carry the id of the session they come from (see session.py), so
the app can drop news from a session that a change of loss or dataset has replaced.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from textual.message import Message

from engine.records import StepRecord, Stop
from engine.trainer import Progress
from tui_clf.app.command_queue import Run
from tui_clf.app.gradient_lab import GradientReport
from tui_clf.app.replay import Kept
from tui_clf.app.session import Session


@dataclass
class SettingsChanged(Message):
    """A form changed some settings, keyed as RunConfig.updated takes them (lr, loss, data, ...)."""

    changes: dict[str, Any]


@dataclass
class SessionReady(Message):
    """A configuration was loaded and prepared: from now on the app trains this session.

    `changes` are the settings whose change asked for it (empty for the first session).
    """

    session: Session
    changes: dict[str, Any]


@dataclass
class SessionFailed(Message):
    """The configuration of build `build_id` could not be used: `error` is one line for a
    person; the old session stays."""

    build_id: int
    error: str


@dataclass
class RunStarted(Message):
    """The training worker took the trainer and is stepping, for the command `run`."""

    session_id: int
    run: Run


@dataclass
class StepsTaken(Message):
    """A batch of steps: every record since the last batch, the weights after them, the pace.

    The worker waits on `drawn` until the UI has drawn the batch (see jobs.py), so the two never
    take turns at the GIL in the middle of a frame.
    """

    session_id: int
    records: tuple[StepRecord, ...]
    progress: Progress
    steps_per_second: float
    drawn: threading.Event = field(default_factory=threading.Event)


@dataclass
class RunEnded(Message):
    """The run of the command `run` ended: `reason` says why, None if it was paused or its steps are done.

    `progress` is where the trainer stands now (after a divergence: the best weights seen, with
    their step count) and `final` the record of those weights measured on the whole data, as
    `tui-clf train` reports them and its history ends.
    """

    session_id: int
    run: Run
    reason: Stop | None  # not `stop`: that name is Message.stop(), which it would hide
    progress: Progress
    final: StepRecord


@dataclass
class WeightsReset(Message):
    """The trainer is back at its initial weights; `start` is their record (step 0)."""

    session_id: int
    progress: Progress
    start: StepRecord


@dataclass
class WeightsToCheck(Message):
    """A gradient check's turn came in the queue: these are the weights it checks."""

    session_id: int
    progress: Progress


@dataclass
class GradientChecked(Message):
    """The gradient-check lab finished on the weights of `report.step`."""

    session_id: int
    report: GradientReport


@dataclass
class PastShown(Message):
    """b (`back`) or f moved the step shown: `kept` is a past step's state, or None when the trainer's
    own is shown (`live`: its progress and its record measured on the whole data)."""

    session_id: int
    kept: Kept | None
    live: Kept
    back: bool


@dataclass
class DataEdited(Message):
    """The trainer trains on edited rows from the next step: `start` is its state now (the cost
    measured on the new rows); `what` says what changed."""

    session_id: int
    start: Kept
    what: str


@dataclass
class ExportDue(Message):
    """An export's turn came in the queue: the screen now shows what the keys before it left."""

    session_id: int
    what: str


@dataclass
class FileLoaded(Message):
    """The open-file dialog made a session from `path` (label column `target`, None for the last)."""

    path: str
    target: str | None
    session: Session


@dataclass
class FileRefused(Message):
    """The open-file dialog could not read the file: the loader's one-line error."""

    error: str
