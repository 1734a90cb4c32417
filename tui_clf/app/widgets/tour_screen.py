"""The tour (t): the lecture's claims one stop at a time, each measured live and checked, and tried on a key.

A stop's numbers come from `visit(stop)` (tui_clf/views/tour), run on a worker when the stop
is shown: nothing is typed into the text. space tries the stop: a stop of two or more losses
opens Compare on its data, losses, learning rates, epochs and start; a stop of one loss, or one
whose view is a figure of the app (losses against z, naive CE, convexity, h sweep, gradient
check), sets
the app to it (its first loss) and goes back there, on that view.
"""

from __future__ import annotations

from functools import partial

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from tui_clf.app.training_loop import RunControls
from tui_clf.app.widgets.compare_screen import CompareScreen
from tui_clf.app.widgets.key_footer import KeyFooter
from tui_clf.config import RunConfig
from tui_clf.views.tour import STOP_IDS, TourStop, Visit, get_stop, neighbour, start_trainer, visit


class StopVisited(Message):
    """A stop's live numbers, verdict and text (posted from the worker)."""

    def __init__(self, visit: Visit) -> None:
        super().__init__()
        self.visit = visit


# Stop views that are figures of the app itself, not a race of losses.
APP_FIGURES = ("losses", "stability", "convexity", "h-sweep", "gradcheck")


class TourScreen(Screen[tuple[RunConfig, str] | None]):
    """One stop on screen; n and p move, space tries it, escape (or t) goes back to the app.

    Dismissed with the RunConfig and the view a stop asks the app to switch to, or None.
    """

    BINDINGS = [
        Binding("n", "move(1)", "Next"),
        Binding("p", "move(-1)", "Previous"),
        Binding("space", "try_stop", "Try it", priority=True),
        Binding("escape,t", "back", "Back"),
    ]

    def __init__(self, stop_id: str, controls: RunControls) -> None:
        super().__init__()
        self.stop: TourStop = get_stop(stop_id)
        self.controls = controls
        self.visited: Visit | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="tour-title")
        with VerticalScroll(id="tour-body"):
            yield Static(id="tour-text")
        yield KeyFooter()

    def on_mount(self) -> None:
        self._show(self.stop)

    def action_move(self, offset: int) -> None:
        self._show(neighbour(self.stop.id, offset))

    def action_back(self) -> None:
        self.dismiss(None)

    def action_try_stop(self) -> None:
        setup = self.stop.setup
        config = RunConfig.from_sources(
            None,
            data=setup.data,
            loss=setup.losses[0],
            lr=setup.lr,
            epochs=setup.epochs,
            seed=setup.seed,
            standardize=setup.standardize,
            val_split=setup.val_split,
        )
        if len(setup.losses) == 1 or setup.view in APP_FIGURES:
            self.dismiss((config, setup.view))
            return
        lrs = {loss: setup.lr_of(loss) for loss in setup.losses}
        make = partial(start_trainer, start=setup.start)  # each loss from the stop's start (the seed's, or badly wrong)
        self.app.push_screen(CompareScreen(config.load(), config, self.controls, setup.losses, lrs, make))

    def _show(self, stop: TourStop) -> None:
        self.stop, self.visited = stop, None
        place = STOP_IDS.index(stop.id) + 1
        self.query_one("#tour-title", Static).update(f"Tour of the lecture · stop {place} of {len(STOP_IDS)}")
        self.query_one("#tour-text", Static).update("Measuring this stop's numbers on the engine…")
        self._visit(stop)

    @work(thread=True, group="tour", exclusive=True, exit_on_error=False)
    def _visit(self, stop: TourStop) -> None:
        self.post_message(StopVisited(visit(stop)))

    def on_stop_visited(self, message: StopVisited) -> None:
        if message.visit.stop is not self.stop:
            return  # n or p has moved on since this stop was measured
        self.visited = message.visit
        setup = self.stop.setup
        in_app = len(setup.losses) == 1 or setup.view in APP_FIGURES
        action = f"space sets the app to this setup ({setup.view} view)" if in_app else "space opens Compare with this setup"
        self.query_one("#tour-text", Static).update(f"{message.visit.as_text()}\n\n{action}; n next stop, p previous.")

