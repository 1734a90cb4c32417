"""The app's background jobs, each on a thread worker.

`_serve_commands` is the only code that touches a trainer: one worker at a time takes the
keys' commands from the CommandQueue in the order they were pressed (see command_queue.py).
`_build_session` makes new sessions; `_check_gradient` reads an immutable snapshot that the
command worker took at the gradient check's place in the queue. A job that reads a file
hands the read to a daemon thread (`unless_cancelled`), so that no read keeps the process
alive after the app quits. Each job reports only by
posting the messages of messages.py (post_message is thread-safe); the UI reaches the
trainer only through the queue, and the pace through RunControls. exit_on_error=False: an
exception ends the job, not the app; the app shows it from the worker's state change.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as StillRunning
from functools import partial
from typing import Any, TypeVar

from textual import work
from textual.worker import get_current_worker

from engine.dataset import Dataset
from engine.errors import EngineError
from engine.records import StepRecord
from engine.trainer import Progress
from tui_clf.app.command_queue import (
    CheckGradient,
    Command,
    CommandQueue,
    EditData,
    Export,
    Reset,
    Run,
    SetLearningRate,
    StepBack,
    StepForward,
)
from tui_clf.app.frozen_heap import frozen_heap
from tui_clf.app.gradient_lab import check_session_gradient
from tui_clf.app.messages import (
    DataEdited,
    ExportDue,
    GradientChecked,
    PastShown,
    RunEnded,
    RunStarted,
    SessionFailed,
    SessionReady,
    StepsTaken,
    WeightsReset,
    WeightsToCheck,
)
from tui_clf.app.replay import Kept
from tui_clf.app.session import Session, build_session
from tui_clf.app.training_loop import RunControls, run_in_batches
from tui_clf.config import RunConfig

T = TypeVar("T")

# How often a worker that waits for a read looks whether it was cancelled (the app quits).
CANCEL_POLL_SECONDS = 0.05
# The longest the worker waits for the UI to draw a batch (the app may be closing, or busy elsewhere).
DRAW_WAIT_SECONDS = 0.5

# The app's worker groups, and what each does in words for an error message.
WORKER_GROUPS = {
    "training": "Training",
    "setup": "Preparing the data",
    "gradcheck": "The gradient check",
    "open-file": "Reading the file",
    "landscape": "The cost landscape",
    "convexity": "The convexity probe",
    "release": "Closing the old data's cluster",
}


def unless_cancelled(read: Callable[[], T]) -> T | None:
    """`read()` on a daemon thread, waited for by the current worker; None if the worker is cancelled first.

    Textual runs thread workers in asyncio's default executor, whose threads the interpreter
    joins at exit: a worker blocked in a read (a slow mount, a huge file) kept the process
    running after q, on a blank screen. A daemon thread is left behind instead. The read's
    exception, if any, is raised here.
    """
    outcome: Future[T] = Future()

    def run() -> None:
        try:
            outcome.set_result(read())
        except BaseException as error:  # handed to the waiting worker, which raises it
            outcome.set_exception(error)

    threading.Thread(target=run, name="tui-clf read", daemon=True).start()
    worker = get_current_worker()
    while True:
        try:
            return outcome.result(timeout=CANCEL_POLL_SECONDS)
        except StillRunning:
            if worker.is_cancelled:
                return None


class BackgroundJobs:
    """Mixed into the App, which provides post_message and run_worker; it sets `commands` and `controls`."""

    commands: CommandQueue
    controls: RunControls

    def send(self, command: Command) -> None:
        """Queue a key's command for the trainer; start the worker that serves the queue if none does."""
        if self.commands.put(command):
            self._serve_commands()

    @work(thread=True, exit_on_error=False, group="training")
    def _serve_commands(self) -> None:
        """Apply the queued commands in order until none is left; the only code that touches a trainer."""
        worker = get_current_worker()
        try:
            while not worker.is_cancelled and (command := self.commands.take()) is not None:
                self._apply(command, lambda: worker.is_cancelled or self.commands.interrupting)
        except Exception:
            self.commands.abandon()  # the commands after a failure were meant for a state that never came
            raise

    def _apply(self, command: Command, interrupted: Callable[[], bool]) -> None:
        if isinstance(command, Run):
            self._run(command, interrupted)
        elif isinstance(command, Reset):
            trainer = command.session.trainer
            trainer.reset()
            trainer.lr = command.lr  # it may differ from the session config's, after a change mid-run
            start = trainer.current_record()
            command.session.replay.restart(trainer.snapshot(), start)
            self.post_message(WeightsReset(command.session.id, trainer.snapshot(), start))
        elif isinstance(command, SetLearningRate):
            command.session.trainer.lr = command.lr
        elif isinstance(command, CheckGradient):
            shown = command.session.replay.shown  # the weights on screen: a past step's, if b showed one
            progress = shown.progress if shown else command.session.trainer.snapshot()
            self.post_message(WeightsToCheck(command.session.id, progress))
        elif isinstance(command, StepBack | StepForward):
            self._move_shown_step(command)
        elif isinstance(command, EditData):
            self._edit_data(command)
        elif isinstance(command, Export):
            self.post_message(ExportDue(command.session.id, command.what))

    def _move_shown_step(self, command: StepBack | StepForward) -> None:
        """b or f: show the kept step before or after the one shown (after the last: the trainer's own)."""
        session, trainer = command.session, command.session.trainer
        back = isinstance(command, StepBack)
        if back:
            session.replay.back(trainer.steps)  # at the earliest kept step it stays there
        else:
            session.replay.forward(trainer.steps)
        live = Kept(trainer.snapshot(), trainer.final_record())
        self.post_message(PastShown(session.id, session.replay.shown, live, back))

    def _resume_shown_step(self, session: Session) -> None:
        """A past step is on screen: the trainer goes on from it, as if it had stopped there."""
        kept = session.replay.take_resume_point()
        if kept is not None:
            session.trainer.restore(kept.progress)

    def _edit_data(self, command: EditData) -> None:
        session, trainer = command.session, command.session.trainer
        self._resume_shown_step(session)
        trainer.use_training_data(command.X, command.y)
        start = Kept(trainer.snapshot(), trainer.current_record())
        session.replay.restart(start.progress, start.record)  # the steps before were taken on other data
        self.post_message(DataEdited(session.id, start, command.what))

    def _run(self, run: Run, interrupted: Callable[[], bool]) -> None:
        """Step until a stop rule fires, `run.max_steps` are done or another command waits."""
        session, trainer = run.session, run.session.trainer
        self._resume_shown_step(session)
        self.post_message(RunStarted(session.id, run))
        with frozen_heap():
            stop = run_in_batches(
                trainer,
                max_steps=run.max_steps,
                interrupted=interrupted,
                controls=self.controls,
                publish=partial(self._publish_steps, session.id),
                between_batches=partial(self._take_in_stride, interrupted),
                keep=session.replay.keep,
                wait=self.commands.wait,
            )
        self.post_message(RunEnded(session.id, run, stop, trainer.snapshot(), trainer.final_record()))

    def _take_in_stride(self, interrupted: Callable[[], bool]) -> None:
        while (command := self.commands.take_in_stride()) is not None:
            self._apply(command, interrupted)

    def _publish_steps(self, session_id: int, records: tuple[StepRecord, ...], progress: Progress, rate: float) -> None:
        batch = StepsTaken(session_id, records, progress, rate)
        self.post_message(batch)
        # The UI draws the batch alone: a frame that shares the GIL with stepping takes many switch intervals.
        batch.drawn.wait(DRAW_WAIT_SECONDS)

    @work(thread=True, exclusive=True, exit_on_error=False, group="setup")
    def _build_session(self, build_id: int, config: RunConfig, dataset: Dataset | None, changes: dict[str, Any]) -> None:
        """Load (unless `dataset` is given) and prepare `config`; a newer build cancels this one."""
        try:
            session = unless_cancelled(partial(build_session, build_id, config, dataset))
        except EngineError as error:
            self.post_message(SessionFailed(build_id, str(error)))
            return
        if session is not None and get_current_worker().is_cancelled:
            session.resources.close()  # a newer build replaces it: let its cluster go
        elif session is not None:
            self.post_message(SessionReady(session, changes))

    @work(thread=True, exit_on_error=False, group="release")
    def _release(self, session: Session) -> None:
        """Close what an old session held (a Dask cluster takes a second or two) off the UI thread."""
        session.resources.close()

    @work(thread=True, exclusive=True, exit_on_error=False, group="gradcheck")
    def _check_gradient(self, session: Session, progress: Progress) -> None:
        """The gradient-check lab on the weights of `progress` (an immutable snapshot: any thread may read it)."""
        report = check_session_gradient(session, progress.params, progress.steps)
        if not get_current_worker().is_cancelled:
            self.post_message(GradientChecked(session.id, report))
