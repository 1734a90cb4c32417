"""The app's background jobs: the only code that touches a trainer, each on a thread worker.

`_train` (steps) and `_reset` hold the session's lock, so one thread at a time drives a
trainer; `_build_session` makes new sessions; `_check_gradient` reads an immutable snapshot.
Each job reports only by posting the messages of messages.py (post_message is thread-safe),
and the UI reaches a running job only through RunControls (learning rate, pace) and by
cancelling it (pause, reset, quit). exit_on_error=False: an exception ends the job, not the
app; the app shows it from the worker's state change.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from textual import work
from textual.worker import get_current_worker

from engine.dataset import Dataset
from engine.errors import EngineError
from engine.records import StepRecord
from engine.trainer import Progress
from tui_clf.config import RunConfig
from tui_clf.gradient_lab import check_session_gradient
from tui_clf.messages import GradientChecked, RunEnded, RunStarted, SessionFailed, SessionReady, StepsTaken, WeightsReset
from tui_clf.session import Session, build_session
from tui_clf.training_loop import RunControls, run_in_batches

# The app's worker groups, and what each does in words for an error message.
WORKER_GROUPS = {
    "training": "Training",
    "setup": "Preparing the data",
    "gradcheck": "The gradient check",
    "open-file": "Reading the file",
}


class BackgroundJobs:
    """Mixed into the App, which provides post_message and run_worker; it sets `controls`."""

    controls: RunControls

    @work(thread=True, exclusive=True, exit_on_error=False, group="training")
    def _train(self, session: Session, max_steps: int | None, reset_lr: float | None = None) -> None:
        """Step until a stop rule fires, `max_steps` are done or the worker is cancelled.

        reset_lr: first go back to the initial weights with this learning rate (a reset that
        this run cancelled before it could happen; the press of r still comes first).
        """
        worker = get_current_worker()
        with session.lock:
            if worker.is_cancelled:
                return
            if reset_lr is not None:
                self._reset_trainer(session, reset_lr)
            self.post_message(RunStarted(session.id))
            stop = run_in_batches(
                session.trainer,
                max_steps=max_steps,
                is_cancelled=lambda: worker.is_cancelled,
                controls=self.controls,
                publish=partial(self._publish_steps, session.id),
                wait=worker.cancelled_event.wait,
            )
            trainer = session.trainer
            self.post_message(RunEnded(session.id, stop, trainer.snapshot(), trainer.evaluate()))

    def _publish_steps(self, session_id: int, records: tuple[StepRecord, ...], progress: Progress, rate: float) -> None:
        self.post_message(StepsTaken(session_id, records, progress, rate))

    @work(thread=True, exclusive=True, exit_on_error=False, group="training")
    def _reset(self, session: Session, lr: float) -> None:
        """Back to the initial weights, keeping the learning rate `lr` the form shows."""
        with session.lock:
            if not get_current_worker().is_cancelled:  # else a later run does it (its reset_lr)
                self._reset_trainer(session, lr)

    def _reset_trainer(self, session: Session, lr: float) -> None:
        """With the session's lock held: initial weights, the learning rate `lr`, and say so."""
        session.trainer.reset()
        session.trainer.lr = lr  # it may differ from the session config's, after a change mid-run
        self.post_message(WeightsReset(session.id, session.trainer.snapshot()))

    @work(thread=True, exclusive=True, exit_on_error=False, group="setup")
    def _build_session(self, build_id: int, config: RunConfig, dataset: Dataset | None, changes: dict[str, Any]) -> None:
        """Load (unless `dataset` is given) and prepare `config`; a newer build cancels this one."""
        try:
            session = build_session(build_id, config, dataset)
        except EngineError as error:
            self.post_message(SessionFailed(build_id, str(error)))
            return
        if not get_current_worker().is_cancelled:
            self.post_message(SessionReady(session, changes))

    @work(thread=True, exclusive=True, exit_on_error=False, group="gradcheck")
    def _check_gradient(self, session: Session, progress: Progress) -> None:
        """The gradient-check lab on the weights of `progress`."""
        report = check_session_gradient(session, progress.params, progress.steps)
        if not get_current_worker().is_cancelled:
            self.post_message(GradientChecked(session.id, report))
