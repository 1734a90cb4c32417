"""The keys that drive the trainer, queued in the order they were pressed, for the one thread that trains.

The UI thread puts one command per key (space, s, r, g, b, f, an edit of the data, an export,
a new learning rate); a single worker
takes them in order and applies each to the trainer as the commands before it left it, so
ten quick presses of s are ten steps, and g checks the weights of every step pressed before
it. A run goes on until a stop rule fires or another command waits: a new learning rate or
a gradient check or an export is taken in the run's stride (IN_STRIDE), any other command ends the run first.
Knows nothing of Textual; the commands name their session, so a replaced one is never stepped.
"""

from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass
from typing import Literal

import numpy as np

from tui_clf.app.session import Session


@dataclass(frozen=True, eq=False)
class Run:
    """Train until a stop rule fires or another command waits; at most `max_steps` steps (s: 1)."""

    session: Session
    max_steps: int | None = None


@dataclass(frozen=True, eq=False)
class Pause:
    """End the run in progress (it does nothing else: a command waiting is what ends a run)."""


@dataclass(frozen=True, eq=False)
class Reset:
    """Back to the initial weights, at the learning rate `lr` the form shows."""

    session: Session
    lr: float


@dataclass(frozen=True, eq=False)
class SetLearningRate:
    """Use `lr` from the next step on."""

    session: Session
    lr: float


@dataclass(frozen=True, eq=False)
class CheckGradient:
    """Check the gradient at the weights the commands before this one leave."""

    session: Session


@dataclass(frozen=True, eq=False)
class StepBack:
    """Show the kept step before the one shown (b)."""

    session: Session


@dataclass(frozen=True, eq=False)
class StepForward:
    """Show the kept step after the one shown, or the trainer's own once there is none before it."""

    session: Session


@dataclass(frozen=True, eq=False)
class EditData:
    """Train on these rows (standardised as the old ones) from the next step; `what` says what changed."""

    session: Session
    X: np.ndarray
    y: np.ndarray
    what: str


@dataclass(frozen=True, eq=False)
class Export:
    """Write out what the screen shows once the commands before this one have shown theirs:
    `what` is "views" (the screen, the curves, the per-example numbers) or "data" (the edited set)."""

    session: Session
    what: Literal["views", "data"]


Command = Run | Pause | Reset | SetLearningRate | CheckGradient | StepBack | StepForward | EditData | Export
# Taken between two batches of a run without ending it.
IN_STRIDE = (SetLearningRate, CheckGradient, Export)


class CommandQueue:
    """First in, first out, served by at most one worker at a time.

    `put` says when no worker serves the queue, so the caller starts one; that worker `take`s
    until the queue is empty and stops. Both under one lock, so no command is left unserved.
    """

    def __init__(self) -> None:
        self._lock = threading.Condition()
        self._commands: deque[Command] = deque()
        self._serving = False
        self._discarded = False

    def put(self, command: Command) -> bool:
        """Queue `command`; True when no worker serves the queue, so the caller must start one."""
        with self._lock:
            self._commands.append(command)
            self._lock.notify_all()
            start, self._serving = not self._serving, True
            return start

    def take(self) -> Command | None:
        """The oldest command; None when the queue is empty, and the worker must stop serving."""
        with self._lock:
            self._discarded = False
            if not self._commands:
                self._serving = False
                return None
            return self._commands.popleft()

    def take_in_stride(self) -> Command | None:
        """The oldest command if a run takes it without ending (IN_STRIDE), else None."""
        with self._lock:
            if self._commands and isinstance(self._commands[0], IN_STRIDE):
                return self._commands.popleft()
            return None

    @property
    def interrupting(self) -> bool:
        """True when a run should end here: a command waits, or the queue was discarded."""
        return bool(self._commands) or self._discarded

    def wait(self, seconds: float) -> None:
        """Sleep up to `seconds`, waking as soon as a run should end (a paced run's rest)."""
        with self._lock:
            self._lock.wait_for(lambda: self.interrupting, seconds)

    def discard(self) -> None:
        """Forget the queued commands and end the run in progress (a new session replaces the old)."""
        with self._lock:
            self._commands.clear()
            self._discarded = True
            self._lock.notify_all()

    def abandon(self) -> None:
        """The serving worker failed: drop what it left, so the next `put` starts a new one."""
        with self._lock:
            self._commands.clear()
            self._serving = False
