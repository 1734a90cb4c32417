"""The Textual app: pick a dataset and a loss, watch the cost fall, check the gradient.

The UI thread owns the widgets and the app's state; the background jobs (jobs.py) own the
trainer and report by message. The app shows the news of the current session only, so a
run replaced by a new loss or dataset cannot write over the screen.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal, Vertical
from textual.events import Resize
from textual.reactive import reactive
from textual.screen import ModalScreen
from textual.theme import ThemeProvider
from textual.widgets import Button, Input, Tab, Tabs
from textual.worker import Worker, WorkerState

from engine.compare import COMPARE_EPOCHS, trainable_losses
from engine.dataset import Dataset
from engine.errors import ConfigError
from engine.learning_rate import is_auto
from engine.records import StopKind
from engine.trainer import Progress
from tui_clf.app.command_queue import CheckGradient, CommandQueue, Pause, Reset, Run, SetLearningRate
from tui_clf.app.commands import TrainingCommands
from tui_clf.app.frame_budget import FrameBudget
from tui_clf.app.jobs import WORKER_GROUPS, BackgroundJobs
from tui_clf.app.past_and_edits import STREAMED_ONLY, PastAndEdits
from tui_clf.app.messages import (
    FileLoaded,
    GradientChecked,
    RunEnded,
    RunStarted,
    SessionFailed,
    SessionReady,
    SettingsChanged,
    StepsTaken,
    WeightsReset,
    WeightsToCheck,
)
from tui_clf.app.session import Session
from tui_clf.app.training_loop import RunControls
from tui_clf.app.widgets.command_palette import CommandPalette
from tui_clf.app.widgets.compare_screen import CompareScreen
from tui_clf.app.widgets.tour_screen import TourScreen
from tui_clf.app.widgets.curves_pane import CurvesPane
from tui_clf.app.widgets.cursor_plot import CursorPlot
from tui_clf.app.widgets.dataset_pane import DatasetPane, dataset_label
from tui_clf.app.widgets.gradcheck_pane import GradCheckPane
from tui_clf.app.widgets.key_footer import KeyFooter
from tui_clf.app.widgets.model_views import ModelViews
from tui_clf.app.widgets.notice_bar import NoticeBar
from tui_clf.app.widgets.number_input import NumberInput
from tui_clf.app.widgets.open_file_screen import OpenFileScreen
from tui_clf.app.widgets.status_line import State, StatusLine
from tui_clf.app.widgets.training_form import DEFAULT_PACE, PaceChanged, TrainingForm
from tui_clf.config import RunConfig
from tui_clf.views.tour import STOP_IDS
from tui_clf.views.history import History

# Below this size the panes no longer fit side by side: one section at a time, picked by tabs.
# "Train" shows the cost curve beside the boundary: the cost falling as the line moves.
COMPACT_WIDTH, COMPACT_HEIGHT = 110, 34
SECTIONS = {"train": "Train", "setup": "Setup", "curves": "Curves", "views": "Model", "gradcheck": "Gradient"}
SECTION_KEYS = {"train": "0", "setup": "1", "curves": "2", "views": "3", "gradcheck": "4"}
# Where each view a tour stop names is: (section, model-view tab or None).
TOUR_VIEWS = {
    "curves": ("curves", None),
    "boundary": ("views", "tab-boundary"),
    "losses": ("views", "tab-losses"),
    "margins": ("views", "tab-margins"),
    "h-sweep": ("views", "tab-h-sweep"),
    "stability": ("views", "tab-stability"),
    "convexity": ("views", "tab-convexity"),
    "gradcheck": ("gradcheck", None),
}
# The actions of the keys that drive the trainer (priority bindings, queued in order).
TRAINER_ACTIONS = ("start", "pause", "step", "reset", "gradcheck", "step_back", "step_forward", "export", "save_data")
WELCOME = (
    "{loss} on {data}: space trains, s steps, g checks the gradient, c compares the losses, t tours the "
    "lecture, v and 0-4 switch views (1 Setup: data and loss), ? lists the keys, ctrl+p every command."
)


class ClassifierApp(PastAndEdits, BackgroundJobs, App[None]):
    """Train a linear classifier with any loss of the lecture and watch what it does."""

    CSS_PATH = "app.tcss"
    TITLE = "tui-clf"
    AUTO_FOCUS = None  # nothing focused at first, so every key of the footer works at once
    COMMANDS = App.COMMANDS | {TrainingCommands}
    BINDINGS = [
        # Priority: the keys that drive the trainer act even while a list or a checkbox has focus
        # (enter opens or ticks those), and all at the same level, so they are handled in the order pressed.
        Binding("space", "start", "Run", id="start", priority=True, tooltip="Train until a stop rule fires or you pause"),
        Binding("space", "pause", "Pause", id="pause", priority=True, tooltip="Pause after the current step"),
        Binding("s", "step", "Step", id="step", priority=True, tooltip="One gradient step"),
        Binding("r", "reset", "Reset", id="reset", priority=True, tooltip="Back to the initial weights of the seed"),
        Binding("g", "gradcheck", "Check", id="gradcheck", priority=True, tooltip="Finite differences against the gradient"),
        Binding("b", "step_back", "Back", id="step-back", priority=True, tooltip="Show the kept step before this one"),
        Binding("f", "step_forward", "Fwd", id="step-forward", priority=True, show=False, tooltip="Show the kept step after this one"),
        Binding("x", "export", "Export", id="export", priority=True, show=False, tooltip="Save the screen (SVG), curves and per-example numbers (CSV)"),
        Binding("w", "save_data", "Save data", id="save-data", priority=True, show=False, tooltip="Write the data with your edits as CSV"),
        Binding("e", "edit_data", "Edit", id="edit-data", show=False, tooltip="Edit 2-D data in the boundary view"),
        Binding("l", "toggle_log", "Log", id="log-scale", tooltip="Cost axis: linear or log"),
        Binding("o", "open_file", "Open", id="open-file", tooltip="Read a data file"),
        Binding("v", "next_view", "View", id="next-view", tooltip="Next model view: boundary, losses, per-example, h sweep, landscape, convexity, naive CE"),
        Binding("c", "compare", "Compare", id="compare", tooltip="The binary losses trained side by side from the same start"),
        Binding("t", "tour", "Tour", id="tour", tooltip="The lecture's claims, one stop at a time, measured live"),
        Binding("left", "read_figure(-1)", "Cursor ←", show=False, tooltip="Move the cursor of the figure on screen"),
        Binding("right", "read_figure(1)", "Cursor →", show=False, tooltip="Move the cursor of the figure on screen"),
        # Of the sections only Train is in the footer (the tabs show the others' keys), and only in the compact layout.
        *(Binding(SECTION_KEYS[name], f"show_section('{name}')", title, show=name == "train") for name, title in SECTIONS.items()),
        Binding("question_mark,f1", "toggle_keys", "Keys", id="keys", show=False, tooltip="Show or hide every key and what it does"),
        Binding("q", "quit", "Quit", id="quit"),
    ]

    state: reactive[State] = reactive("idle")
    # A small terminal opens on the cost curve beside the data and the boundary, as a large one shows them.
    section: reactive[str] = reactive("train")

    def __init__(
        self, config: RunConfig, *, show_timings: bool = True, pace: int = DEFAULT_PACE, tour_stop: str | None = None
    ) -> None:
        """`config` is the run to open with; show_timings=False hides steps/s (for snapshot tests);
        pace: the steps per second training starts at (0: as fast as the machine goes);
        tour_stop: open the tour at this stop (`tui-clf tour --stop 2.3`)."""
        super().__init__()
        self._tour_stop = tour_stop  # the stop the tour shows when t opens it
        self.config = config  # what the person asked for; the forms show it
        self.session: Session | None = None
        self.progress: Progress | None = None
        self.history = History()
        self.commands = CommandQueue()
        self.controls = RunControls(pace=pace or None)
        self.frame_budget = FrameBudget()  # how long the worker gathers steps before the next frame
        self._pace = pace
        self.show_timings = show_timings
        self._session_config = config  # the config of the current session, to go back to if a change fails
        self._build_id = 0
        self._check_when_ready = False  # a tour stop on the h sweep or the check: run g on its session
        # The run that space started and whose end has not been reported, if no later key ended it.
        self._open_run: Run | None = None
        self.ended_by_signal: int | None = None  # the signal that ended the app, if one did

    def compose(self) -> ComposeResult:
        yield Tabs(
            *(Tab(f"{SECTION_KEYS[name]} {title}", id=f"section-{name}") for name, title in SECTIONS.items()),
            active=f"section-{self.section}",
            id="sections",
        )
        with Horizontal(id="body"):
            with Vertical(id="left"):
                with Container(id="setup", classes="section"):
                    yield DatasetPane(self.config, id="dataset-pane")
                    yield TrainingForm(self.config, pace=self._pace, id="training-form")
                yield GradCheckPane(id="gradcheck", classes="section")
            with Vertical(id="right"):
                yield CurvesPane(self.history, id="curves", classes="section")
                yield ModelViews(id="views", classes="section")
        yield NoticeBar(id="notice")
        training = self.config.training
        yield StatusLine(
            epochs=training.epochs, full_batch=training.batch_size is None, show_timings=self.show_timings, id="status"
        )
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(NoticeBar).clear()
        self._rebuild(self.config, {})
        if self._tour_stop is not None:
            self.action_tour()

    def on_resize(self, event: Resize) -> None:
        compact = event.size.width < COMPACT_WIDTH or event.size.height < COMPACT_HEIGHT
        if compact != self.compact:
            self.set_class(compact, "-compact")
            self.refresh_bindings()  # the section keys are for the compact layout only

    @property
    def compact(self) -> bool:
        """True when one section is shown at a time (a small terminal)."""
        return self.has_class("-compact")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.screen is not self.screen_stack[0] and action != "quit":
            return False  # a dialog or the compare screen is on top: its own keys only, and the footer shows just those
        if action in TRAINER_ACTIONS and self.is_typing:
            return False  # let the key through to the text being typed
        if action in ("start", "pause"):
            return self.is_training if action == "pause" else not self.is_training
        if action in TRAINER_ACTIONS and self.session is None:
            return None
        if action == "show_section":
            return self.compact
        return True

    @property
    def is_typing(self) -> bool:
        """True while a dialog is open or text (not a number) is being typed."""
        focused = self.focused
        return isinstance(self.screen, ModalScreen) or (isinstance(focused, Input) and not isinstance(focused, NumberInput))

    @property
    def is_training(self) -> bool:
        """True from the press of space that starts a run until a later key pauses it or it stops.

        The state the keys pressed so far lead to, not what the worker has got to: so the next
        space pauses even if the worker has not started the run yet.
        """
        return self._open_run is not None

    def action_start(self) -> None:
        self.start_training()

    def action_pause(self) -> None:
        self._open_run = None
        self.send(Pause())  # the run ends after the step in progress, publishes, and posts RunEnded
        self.refresh_bindings()

    def action_toggle_run(self) -> None:
        """Start or pause, whichever applies (for the command palette)."""
        if self.is_training:
            self.action_pause()
        else:
            self.action_start()

    def action_step(self) -> None:
        self.start_training(max_steps=1)

    def action_reset(self) -> None:
        if self.session is not None:
            self._open_run = None
            self.send(Reset(self.session, self.config.training.lr))
            self.refresh_bindings()

    def action_gradcheck(self) -> None:
        if self.session is None:
            return
        self.action_show_section("gradcheck")
        self.send(CheckGradient(self.session))  # at the weights the keys pressed before it leave

    def action_toggle_log(self) -> None:
        curves = self.query_one(CurvesPane)
        curves.set_log_scale(not curves.log_scale)

    def action_next_view(self) -> None:
        self.query_one(ModelViews).next_view()
        if self.section != "train":  # Train shows the model views too
            self.action_show_section("views")

    def action_read_figure(self, steps: int) -> None:
        """←/→ with nothing focused: the figure shown with a cursor (the model view's, else the cost
        curve) takes the focus, and so the keys after it, and moves its cursor. What is shown is read
        from the sections and tabs, not the last frame, so that keys typed ahead act in order."""
        if self.focused is not None:
            return  # a focused widget that has no use for the key keeps the focus
        shown = {self.section, *(("curves", "views") if self.section == "train" else ())} if self.compact else set(SECTIONS)
        views_plot = self.query_one(ModelViews).shown_cursor_plot() if "views" in shown else None
        plot = views_plot or (self.query_one("#cost-plot", CursorPlot) if "curves" in shown else None)
        if plot is not None:
            self.screen.set_focus(plot)
            plot.move_cursor(steps, coarse=False)

    def action_toggle_keys(self) -> None:
        """? or F1: Textual's keys panel (every key of the screen shown, hidden ones included) on or off."""
        if self.screen.query("HelpPanel"):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()

    def action_compare(self) -> None:
        """Open Compare on the current data and settings (the race starts paused: space runs it)."""
        if self.session is None:
            self.notify("There is no dataset to compare the losses on yet: pick one, or open a file (o).")
            return
        if self.session.streamed:
            self.notify(STREAMED_ONLY.format(what="Compare races the losses on data in memory"))
            return
        losses = trainable_losses(self.config.training.optimizer)
        self.push_screen(CompareScreen(self.session.dataset, self.config.updated(epochs=COMPARE_EPOCHS), self.controls, losses))

    def action_tour(self) -> None:
        """Open the tour at the stop it last showed (the first, at first)."""
        self._tour = TourScreen(self._tour_stop or STOP_IDS[0], self.controls)
        self.push_screen(self._tour, self._tour_left)

    def _tour_left(self, chosen: tuple[RunConfig, str] | None) -> None:
        """Back from the tour: remember its stop; a stop tried in the app sets its config and shows its view."""
        self._tour_stop = self._tour.stop.id
        if chosen is None:
            return
        config, view = chosen
        changes = {key: value for key, value in config.as_dict().items() if self.config.as_dict().get(key) != value}
        section, tab = TOUR_VIEWS.get(view, ("train", None))
        if tab is not None:
            self.query_one(ModelViews).show_tab(tab)
        self.action_show_section(section)
        # Those figures are a gradient check's: measured at once, not left waiting for g.
        checks = view in ("h-sweep", "gradcheck")
        if changes:
            self._check_when_ready = checks
            self.choose(**changes)
        elif checks and self.session is not None:
            self.send(CheckGradient(self.session))

    def end_on_signal(self, signum: int) -> None:
        """A signal asked the app to end (launch.py calls this on the event loop): quit as q does.

        signals.to_event_loop ends the process if this shutdown stalls (a terminal gone away).
        """
        self.ended_by_signal = self.ended_by_signal or signum
        self.exit(return_code=128 + signum)

    def action_command_palette(self) -> None:
        """Open the command palette (Textual's, guarded against keys typed ahead: see command_palette.py)."""
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(id="--command-palette"))

    def search_themes(self) -> None:
        """The palette's theme picker, in the guarded palette too."""
        self.push_screen(CommandPalette(providers=[ThemeProvider], placeholder="Search for themes…"))

    def action_open_file(self) -> None:
        self.push_screen(OpenFileScreen(Path.cwd(), self.config), self._file_opened)

    def action_show_section(self, name: str) -> None:
        """In the compact layout, show this section (train, setup, curves, views, gradcheck)."""
        if self.compact:
            self.section = name

    def start_training(self, max_steps: int | None = None) -> None:
        """Train the current session on a worker: until a stop rule fires, or `max_steps` steps."""
        if self.session is None:
            self.notify("There is no dataset to train on yet: pick one, or open a file (o).")
            return
        if self.section == "setup":
            self.action_show_section("train")
        run = Run(self.session, max_steps)
        self._open_run = run if max_steps is None else None  # s ends a run, as any key but g does
        self.send(run)
        self.refresh_bindings()

    def choose(self, **changes: Any) -> None:
        """Apply settings as if the forms had changed them (the command palette uses this)."""
        self.post_message(SettingsChanged(changes))

    def on_settings_changed(self, message: SettingsChanged) -> None:
        changes = message.changes
        try:
            config = self.config.updated(**changes)
        except (ConfigError, ValueError) as error:
            self._refuse(str(error))
            return
        if config == self.config:
            return  # the setting it already has: nothing to change, no run to throw away
        self.config = config
        if set(changes) == {"lr"} and self.session is not None:
            self.send(SetLearningRate(self.session, config.training.lr))
            # The session's trainer now runs at this rate: a later refused change must not undo it.
            self._session_config = self._session_config.updated(lr=config.training.lr)
            self.query_one(TrainingForm).show_config(config)
            lr = config.training.lr
            shown = f"auto ({self.session.auto_rate.lr:.3g})" if is_auto(lr) else f"{lr:g}"
            # Under a schedule the rate typed is the base rate lr0 the schedule scales.
            base = "" if config.training.schedule == "constant" else f" as the base of the {config.training.schedule} schedule"
            self.query_one(NoticeBar).show(f"Learning rate {shown} applies from the next step{base}.")
            return
        self._rebuild(config, changes)

    def on_pace_changed(self, message: PaceChanged) -> None:
        self.controls.pace = message.steps_per_second or None

    def _file_opened(self, opened: FileLoaded | None) -> None:
        """The dialog's session replaces the app's, as a rebuilt one would (it is the newest build)."""
        if opened is not None:
            changes = {"data": opened.path, "target": opened.target, "positive_class": None}
            self.config = self.config.updated(**changes)
            self._build_id += 1
            self.post_message(SessionReady(replace(opened.session, id=self._build_id), changes))

    def _rebuild(self, config: RunConfig, changes: dict[str, Any], dataset: Dataset | None = None) -> None:
        """Make a new session for `config` off the UI thread; reuse the loaded data if it is the same."""
        # A streamed session holds only a sample: its file is opened again.
        reusable = self.session is not None and not self.session.streamed
        if dataset is None and reusable and not {"data", "target", "stream", "stream_above"} & set(changes):
            dataset = self.session.dataset
        self._build_id += 1
        self._build_session(self._build_id, config, dataset, changes)

    def _refuse(self, error: str) -> None:
        """A change that cannot be used: say why, and show the settings that are in force again."""
        self.config = self._session_config
        self.query_one(NoticeBar).show(f"✗ {error}", "error")
        self._show_config()

    def _show_config(self) -> None:
        self.query_one(DatasetPane).show_config(self.config)
        self.query_one(TrainingForm).show_config(self.config)

    def on_session_ready(self, message: SessionReady) -> None:
        session = message.session
        if session.id != self._build_id or not self.is_running:
            return  # a newer change is on its way, or the app is closing
        had_steps = self.progress.steps if self.progress is not None else 0
        self.commands.discard()  # the keys for the old trainer: its run ends, the rest is dropped
        self._open_run = None
        self.workers.cancel_group(self, "gradcheck")
        if self.session is not None:
            self._release(self.session)
        self.session, self.progress = session, session.initial
        self._session_config = self.config
        if session.config.training.lr != self.config.training.lr:  # typed while this session was being built
            self.send(SetLearningRate(session, self.config.training.lr))
        self.history.clear()
        self.history.extend([session.start])
        self.history.optimum_cost = session.optimum_cost
        self.state = "idle"
        status = self.query_one(StatusLine)
        status.epochs = session.config.training.epochs
        status.full_batch = session.config.training.batch_size is None
        status.show_weights(session.start)
        self.query_one(DatasetPane).show_session(session, self.config)
        self.query_one(TrainingForm).show_config(self.config)
        self.query_one(TrainingForm).show_rates(session.auto_rate, session.stability_limit)
        self.query_one(CurvesPane).redraw()
        self.query_one(ModelViews).show_session(session)
        self.query_one(GradCheckPane).clear()
        self.refresh_bindings()
        if message.changes:
            first = self._describe_change(session, message.changes, had_steps)
        else:
            first = WELCOME.format(loss=session.config.training.loss, data=session.data.train.name)
        lines = [line for line in (first, *session.notes) if line]
        self.query_one(NoticeBar).show("\n".join(lines), "warning" if session.notes else "information")
        if self._check_when_ready:
            self._check_when_ready = False
            self.send(CheckGradient(session))

    @staticmethod
    def _describe_change(session: Session, changes: dict[str, Any], had_steps: int) -> str:
        """What changed, and that training starts over."""
        if "data" in changes:
            what = f"Dataset {dataset_label(session.config.data)}"
        elif "loss" in changes:
            what = f"Loss {session.config.training.loss}"
        else:
            what = "Changed " + ", ".join(key.replace("_", " ") for key in changes)
        dropped = f"the {had_steps} steps so far were dropped and " if had_steps else ""
        return f"{what}: a new trainer, so {dropped}training starts from step 0."

    def on_session_failed(self, message: SessionFailed) -> None:
        if message.build_id == self._build_id and self.is_running:
            self._check_when_ready = False
            self._refuse(message.error)

    def on_run_started(self, message: RunStarted) -> None:
        if self._current(message.session_id):
            self.frame_budget.run_started()
            self.state = "running"
            self.query_one(NoticeBar).clear()

    def on_steps_taken(self, message: StepsTaken) -> None:
        self.call_after_refresh(message.drawn.set)  # the worker waits for this frame before stepping on
        if not self._current(message.session_id):
            return
        self.controls.flush_seconds = self.frame_budget.batch_arrived(paced=self.controls.pace is not None)
        self.history.extend(message.records)
        self.progress = message.progress
        status = self.query_one(StatusLine)
        status.show_records(message.records)
        status.steps_per_second = message.steps_per_second
        self.query_one(CurvesPane).redraw()
        self.query_one(ModelViews).show_params(self.session, message.progress.params, message.progress.steps)

    def on_run_ended(self, message: RunEnded) -> None:
        if not self._current(message.session_id):
            return
        if message.run is self._open_run:
            self._open_run = None
        stop = message.reason
        self.progress = message.progress
        kept = message.progress.steps
        if stop is not None and stop.kind == StopKind.DIVERGED:
            # The curves keep the steps that ran and mark the one whose weights the trainer kept.
            self.history.mark_divergence(kept)
        else:
            self.history.end_with(message.final)  # a minibatch's last point: the whole data's, as the status
        self.query_one(StatusLine).show_weights(message.final)
        self.query_one(CurvesPane).redraw()
        self.query_one(ModelViews).show_params(self.session, message.progress.params, message.progress.steps)
        notice = self.query_one(NoticeBar)
        if stop is None:
            self.state = "paused"
        elif stop.kind == StopKind.DIVERGED:
            self.state = "diverged"
            notice.show(
                f"⚠ {stop.message}. The weights kept are those of step {kept} (│ on the curves); "
                "fix that in Setup, then space trains on from there.",
                "warning",
            )
        elif stop.kind == StopKind.ZERO_GRADIENT:
            self.state = "stuck"  # not "done": nothing was learned, and the notice says why
            notice.show(f"{stop.kind}: {stop.message}.", "warning")
        else:
            self.state = "done"
            hint = " r starts again from the initial weights." if stop.kind == StopKind.FINISHED else ""
            notice.show(f"{stop.kind}: {stop.message}.{hint}", "information")
        self.refresh_bindings()

    def on_weights_reset(self, message: WeightsReset) -> None:
        if not self._current(message.session_id):
            return
        self.history.clear()
        self.history.extend([message.start])
        self.progress = message.progress
        self.state = "idle"
        self.query_one(StatusLine).show_weights(message.start)
        self.query_one(CurvesPane).redraw()
        self.query_one(ModelViews).show_params(self.session, message.progress.params, message.progress.steps)
        self.query_one(NoticeBar).show(f"Reset: back to the initial weights of seed {self.session.config.training.seed}.")
        self.refresh_bindings()

    def on_weights_to_check(self, message: WeightsToCheck) -> None:
        if self._current(message.session_id):
            self.query_one(GradCheckPane).show_running(message.progress.steps)
            self._check_gradient(self.session, message.progress)

    def on_gradient_checked(self, message: GradientChecked) -> None:
        if self._current(message.session_id):
            self.query_one(GradCheckPane).show_report(message.report)
            self.query_one(ModelViews).show_gradient_report(message.report)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if not self.is_running:
            return
        if event.state == WorkerState.ERROR:
            error = event.worker.error
            what = WORKER_GROUPS.get(event.worker.group, "A background job")
            self.query_one(NoticeBar).show(f"✗ {what} failed: {type(error).__name__}: {error}", "error")
            if event.worker.group == "training":
                self.state = "failed"
                self._open_run = None
            elif event.worker.group == "setup":
                self.config = self._session_config
                self._show_config()
        if event.worker.group == "training":
            self.refresh_bindings()

    def _current(self, session_id: int) -> bool:
        """True for news about the session on screen; older sessions' last words, and any
        news that arrives while the app is closing (its widgets are gone), are dropped."""
        return self.is_running and self.session is not None and session_id == self.session.id

    def watch_state(self, state: State) -> None:
        self.query_one(StatusLine).state = state

    def watch_section(self, section: str) -> None:
        for name in SECTIONS:
            self.set_class(name == section, f"-show-{name}")
        for views in self.query(ModelViews).results(ModelViews):  # none before the app is composed
            if section in ("views", "train"):
                self.call_after_refresh(views.update_shown_view)  # once it is displayed
        for tabs in self.query("#sections").results(Tabs):  # none while the app closes
            # Silently: a TabActivated from here would come back as a request for this section,
            # and two such changes in flight would swap the sections back and forth for ever.
            with tabs.prevent(Tabs.TabActivated):
                tabs.active = f"section-{section}"

    @on(Tabs.TabActivated, "#sections")
    def _section_picked(self, event: Tabs.TabActivated) -> None:
        self.section = event.tab.id.removeprefix("section-")

    @on(Button.Pressed, "#open-file")
    def _open_pressed(self) -> None:
        self.action_open_file()

