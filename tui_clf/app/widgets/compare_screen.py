"""Compare (c): the binary losses trained in lock step from the same start, on the app's data and settings.

The race (engine.compare.LockStep) runs on one worker thread that serves the keys in the
order pressed (race_loop.py); this screen only draws what it publishes: every loss's
training error on one plot, its cost relative to its start on another, for 2-D data every
loss's boundary over the same points, and a table of where each loss stands.
"""

from __future__ import annotations

import queue
from collections.abc import Callable

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.events import Resize
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Static

from engine.compare import BINARY_LOSSES, COMPARE_TARGET_ERROR, Contender, LockStep, Standing, Status
from engine.dataset import Dataset
from engine.pipeline import PreparedData, make_trainer
from engine.train_config import TrainConfig
from engine.trainer import Trainer
from tui_clf.app.race_loop import RaceCommand, RaceNews, serve_race
from tui_clf.app.session import fit_config_to_data, shown_rows
from tui_clf.app.training_loop import RunControls
from tui_clf.app.widgets.key_footer import KeyFooter
from tui_clf.app.widgets.race_boundaries import RaceBoundaries
from tui_clf.app.widgets.race_plot import RacePlot
from tui_clf.config import RunConfig
from tui_clf.views.bounded_curve import RunCurves
from tui_clf.views.formatting import number, percent
from tui_clf.views.loss_style import LOSS_COLORS, LOSS_LETTERS
from tui_clf.views.palette import rich_color

WIDE = 120  # from this width the cost plot and the boundaries are shown side by side
STATUS_SIGNS = {Status.FINISHED: "✓", Status.DIVERGED: "✗", Status.STALLED: "■"}


def status_cell(status: Status, steps: int, running: bool) -> str:
    """A loss's status as the race stands: the engine's RUNNING (not stopped yet) is "ready" before the
    first round, "running" while the race runs and "paused" while it waits for a key."""
    if status is not Status.RUNNING:
        return f"{STATUS_SIGNS[status]} {status}"
    if running:
        return "▶ running"
    return "‖ paused" if steps else "· ready"


class RaceUpdated(Message):
    """News from the race's worker (posted from its thread)."""

    def __init__(self, news: RaceNews) -> None:
        super().__init__()
        self.news = news


class CompareScreen(Screen[None]):
    """The race of several losses (the binary ones by default); space runs or pauses it, s takes one round, r starts it again."""

    BINDINGS = [
        Binding("space", "toggle_run", "Run/Pause", priority=True),
        Binding("s", "step", "Step", priority=True),
        Binding("r", "restart", "Restart", priority=True),
        Binding("v", "next_view", "Cost/Lines"),
        Binding("escape,c", "back", "Back"),
    ]

    def __init__(
        self,
        dataset: Dataset,
        config: RunConfig,
        controls: RunControls,
        losses: tuple[str, ...] = BINARY_LOSSES,
        lrs: dict[str, float | str] | None = None,
        make: Callable[[PreparedData, TrainConfig], Trainer] = make_trainer,
    ) -> None:
        """Race `losses` on `dataset` with `config`'s settings and epochs, each at `lrs[loss]` (default: the config's lr;
        `auto` gives each loss its own 1/L);
        `make` builds each loss's trainer (another start than the seed's: a tour stop's)."""
        super().__init__()
        # One class against the rest on K-class data, as the app trains (the title says which class).
        self.config, _ = fit_config_to_data(config.updated(loss=losses[0]), dataset)
        self.dataset = dataset
        self.losses = losses
        self.lrs = {name: (lrs or {}).get(name, self.config.training.lr) for name in losses}
        self.make = make
        self.controls = controls
        self.curves = {name: RunCurves() for name in losses}
        self.first_costs: dict[str, float] = {}
        self.standings: dict[str, Standing] = {}
        self.steps = 0
        self.running = False  # what the keys pressed so far lead to, as in the app
        self._commands: queue.Queue[RaceCommand | None] = queue.Queue()
        self._two_d = dataset.n_features == 2
        self._show_lines = self._two_d
        self._prepared: PreparedData | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="race-title")
        with Horizontal(id="race-plots"):
            yield RacePlot(self.curves, self.first_costs, "error", id="race-error")
            yield RacePlot(self.curves, self.first_costs, "cost", id="race-cost")
            yield RaceBoundaries(id="race-boundaries")
        yield DataTable(id="race-table", cursor_type="none", show_cursor=False)
        yield Static(id="race-notes")
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.can_focus = False  # the keys belong to the race, not to a table cursor
        *_, self._status_column = table.add_columns("loss", "lr", "error", "val", "cost", f"≤{COMPARE_TARGET_ERROR:.0%} at", "status")
        self._place_views(self.app.size.width)
        self._show_title()
        self._serve()

    def on_unmount(self) -> None:
        self._commands.put(None)  # the worker ends after the round in progress

    def on_resize(self, event: Resize) -> None:
        self._place_views(event.size.width)

    @work(thread=True, group="compare", exit_on_error=False)
    def _serve(self) -> None:
        serve_race(self._build_race, self._commands, lambda news: self.post_message(RaceUpdated(news)), self.controls)

    def _build_race(self) -> LockStep:
        """On the worker: split and standardise as the app does, then one trainer per loss from the same start."""
        data = self._prepared = self.config.prepare(self.dataset)  # read by the UI once the race's first news arrives
        contenders = [Contender(name, self.lrs[name]) for name in self.losses]
        return LockStep(data, self.config.training, contenders, COMPARE_TARGET_ERROR, make=self.make)

    def action_toggle_run(self) -> None:
        self.running = not self.running
        self._commands.put(RaceCommand.RUN if self.running else RaceCommand.PAUSE)
        self._show_title()
        self._show_states()

    def action_step(self) -> None:
        self.running = False
        self._commands.put(RaceCommand.STEP)

    def action_restart(self) -> None:
        self.running = False
        self._commands.put(RaceCommand.RESTART)

    def action_back(self) -> None:
        self.dismiss()

    def action_next_view(self) -> None:
        if self._two_d:
            self._show_lines = not self._show_lines
            self._place_views(self.app.size.width)

    def on_race_updated(self, message: RaceUpdated) -> None:
        news = message.news
        if news.started:
            for name in self.curves:
                self.curves[name] = RunCurves()  # a new race: its curves start again (the plots share this dict)
            first = news.rounds[0]
            self.first_costs.clear()
            self.first_costs.update({name: record.train_cost for name, record in first.items()})
            if self._two_d:
                self._show_points()
        for round_ in news.rounds:
            for name, record in round_.items():
                self.curves[name].add(record)
        for name, final in news.finals.items():
            self.curves[name].end_with(final)
        self.standings, self.steps = news.standings, news.steps
        if not news.running:
            self.running = False
        self._show_table(news)
        self._show_title()
        for plot in self.query(RacePlot):
            plot.refresh()
        self.query_one(RaceBoundaries).show_params(news.params)

    def _show_points(self) -> None:
        """The training points of the race just built (a seeded sample if there are many)."""
        train = self._prepared.train
        rows = shown_rows(train.n_rows, self.config.training.seed)
        self.query_one(RaceBoundaries).show_points(train.X[rows], train.y[rows], train.classes)

    def _place_views(self, width: int) -> None:
        wide = width >= WIDE
        self.query_one("#race-cost").display = wide or not self._show_lines
        self.query_one(RaceBoundaries).display = self._two_d and (wide or self._show_lines)

    def _show_title(self) -> None:
        state = "running" if self.running else "paused"
        epochs = self.config.training.epochs
        positive = self.config.positive_class
        versus = f" ({positive} vs rest)" if positive is not None and self.dataset.n_classes > 2 else ""
        self.query_one("#race-title", Static).update(
            f"Compare · {self.dataset.name}{versus} · {epochs} epochs · step {self.steps} · {state}"
        )

    def _show_table(self, news: RaceNews) -> None:
        """One row per loss: its lr, train and validation error, cost, steps to the target error, status."""
        latest = {name: record for round_ in news.rounds for name, record in round_.items()} | news.finals
        table = self.query_one(DataTable)
        notes = []
        for name in self.losses:
            record = latest.get(name)
            if record is None:
                continue  # nothing new: this loss stopped earlier and its row stands
            standing = news.standings[name]
            reached = "never" if standing.steps_to_target is None else str(standing.steps_to_target)
            row = (
                Text(f"{LOSS_LETTERS[name]} {name}", style=rich_color(LOSS_COLORS[name])),
                f"{record.lr:.3g}",  # the rate its last step used: auto's number, the schedule's
                percent(record.train_error),
                percent(record.val_error),
                number(record.train_cost),
                reached if standing.status is not Status.RUNNING or standing.steps_to_target is not None else "…",
                status_cell(standing.status, standing.steps, self.running),
            )
            if name in table.rows:
                for column, value in zip(table.columns, row):
                    table.update_cell(name, column, value, update_width=True)
            else:
                table.add_row(*row, key=name)
        for name, standing in news.standings.items():
            if standing.message and standing.status in (Status.DIVERGED, Status.STALLED):
                # A divergence's message already begins with "diverged:".
                said = standing.message if standing.message.startswith(f"{standing.status}:") else f"{standing.status}: {standing.message}"
                notes.append(f"{LOSS_LETTERS[name]} {name} {said}")
        # One line a stopped loss, cut to the width: every loss's reason in sight, however many stopped.
        self.query_one("#race-notes", Static).update("\n".join(notes))

    def _show_states(self) -> None:
        """Every row's status as the race stands now: a key that runs or pauses it changes them before any news."""
        table = self.query_one(DataTable)
        for name, standing in self.standings.items():
            if name in table.rows:
                table.update_cell(name, self._status_column, status_cell(standing.status, standing.steps, self.running), update_width=True)

