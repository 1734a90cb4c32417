"""The cost landscape view: J over a plane of weight space, and the path gradient descent takes on it.

The grid is computed on a thread worker (group "landscape"), coarse first and then fine, and
only while the view is shown: for a new session, and again when the weights have left the
plane drawn (landscape.needs_new_plane), never at every step. The path grows at every update
of the screen, shown or not. Each computation has a generation number, so the news of one
that a newer one replaced is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

import numpy as np
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static
from textual.worker import Worker, WorkerState, get_current_worker

from engine.objective import Params
from tui_clf.app.session import Session
from tui_clf.app.widgets.landscape_plot import (
    LEVEL_MARKERS,
    NOT_FINITE_MARKER,
    NOW_MARKER,
    REFERENCE_MARKER,
    START_MARKER,
    LandscapePlot,
)
from tui_clf.views.landscape import CostGrid, cost_grid, cost_levels, needs_new_plane, window_around
from tui_clf.views.landscape_plane import is_feature_plane, landscape_plane
from tui_clf.views.reference_weights import Reference, cross_entropy_reference
from tui_clf.views.weight_path import WeightPath
from tui_clf.views.weight_plane import unflatten

# (name, columns, rows) of each pass: a coarse picture at once, then the fine one.
STAGES = (("coarse", 16, 8), ("fine", 64, 32))

# What the picture shows of each loss (lecture section 4), in a line.
LESSONS = {
    "zero-one": "Flat steps: J is the error rate, constant between the lines where an example changes side: gradient 0.",
    "squared-error": "A bowl: convex, one minimum, walls rising as a square.",
    "logistic-squared-error": "Plateaus: where sigma(z) saturates J flattens out (one level over a wide area): slow going.",
    "cross-entropy": "A bowl: one valley whose walls keep rising all the way out: no plateau to stall on.",
    "cross-entropy-naive": "Cross-entropy's bowl, but ∞ wherever sigma(z) rounds to 0 or 1 for some example.",
    "hinge": "A bowl with straight walls, like cross-entropy far out; a flat floor once every margin is >= 1.",
    "softmax-cross-entropy": "A bowl: convex in all K x D weights, like the binary cross-entropy.",
}


class LandscapeView(Vertical):
    """The landscape plot and its caption; owns the path and the worker that computes the grid."""

    @dataclass
    class Computed(Message):
        """A pass of the grid is done (posted by the worker)."""

        generation: int
        grid: CostGrid
        stage: str

    @dataclass
    class ReferenceFound(Message):
        """The reference point of the session is known (posted by the worker)."""

        generation: int
        reference: Reference

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session: Session | None = None
        self.path = WeightPath()
        self.grid: CostGrid | None = None
        self.reference: Reference | None = None
        self.generation = 0
        self.computing = False

    def compose(self) -> ComposeResult:
        yield LandscapePlot(id="landscape-plot")
        yield Static(id="landscape-caption", classes="caption")

    def show_session(self, session: Session) -> None:
        """A new loss or dataset: a new path from the initial weights, a new grid once shown."""
        self.workers.cancel_group(self, "landscape")
        self.generation += 1
        self.session, self.grid, self.reference, self.computing = session, None, None, False
        self.path.restart(session.initial.params)

    def follow(self, params: Params, step: int) -> None:
        """The weights of `step` on screen: the path grows, or is cut back to a past step, or starts
        again at the initial weights; drawn by `shown`."""
        self.path.add(params, step)

    def shown(self) -> None:
        """The view came on screen (or is on it): compute what is missing, or draw."""
        if self.session is None:
            return
        if not self.computing and (self.grid is None or needs_new_plane(self.grid, self.current)):
            self._compute()
        self._redraw()

    @property
    def current(self) -> Params:
        return unflatten(self.path.latest, self.session.initial.params.W.shape)

    def _compute(self) -> None:
        self.generation += 1
        self.computing = True
        self.run_worker(
            partial(self._compute_grid, self.generation, self.session, self.current, self.path.thetas, self.reference, self.grid is None),
            thread=True,
            exclusive=True,
            group="landscape",
            exit_on_error=False,
        )

    def _compute_grid(
        self, generation: int, session: Session, current: Params, path: np.ndarray, reference: Reference | None, coarse: bool
    ) -> None:
        """On the worker: the reference (once per session), the plane, then each pass of the grid."""
        worker = get_current_worker()
        train, training = session.data.train, session.config.training
        X, T, loss = train.X, session.train_targets, session.loss
        if reference is None:
            reference = cross_entropy_reference(X, train.y, train.n_classes, training, lambda: worker.is_cancelled)
            if reference is None:
                return
            self.post_message(self.ReferenceFound(generation, reference))
        initial = session.initial.params
        plane = landscape_plane(initial, current, reference.params, reference.label, X, T, loss, l2=training.l2, seed=training.seed)
        landmarks = np.array([plane.coordinates(p) for p in (initial, current, reference.params)])
        window = window_around(np.vstack([plane.project_all(path), landmarks]))
        for stage, columns, rows in STAGES:
            if stage == "coarse" and not coarse:
                continue  # a picture is on screen already: it stays until the fine one is ready
            grid = cost_grid(plane, window, columns, rows, X, T, loss, training.l2, lambda: worker.is_cancelled)
            if grid is None:
                return
            self.post_message(self.Computed(generation, grid, stage))

    def on_landscape_view_reference_found(self, message: ReferenceFound) -> None:
        if message.generation == self.generation:
            self.reference = message.reference

    def on_landscape_view_computed(self, message: Computed) -> None:
        if message.generation != self.generation:
            return
        self.grid = message.grid
        if message.stage == STAGES[-1][0]:
            self.computing = False
        self._redraw()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "landscape" and event.state == WorkerState.ERROR:
            self.computing = False
            error = event.worker.error
            self.query_one("#landscape-caption", Static).update(f"✗ the landscape failed: {type(error).__name__}: {error}")

    def _redraw(self) -> None:
        plot = self.query_one("#landscape-plot", LandscapePlot)
        caption = self.query_one("#landscape-caption", Static)
        grid = self.grid
        if grid is None:
            plot.show(None, np.empty((0, 2)), {}, ())
            caption.update("Computing the cost landscape…" if self.computing else "")
            return
        plane = grid.plane
        initial = self.session.initial.params
        landmarks = {START_MARKER: plane.coordinates(initial), NOW_MARKER: plane.coordinates(self.current)}
        if self.reference is not None:
            landmarks[REFERENCE_MARKER] = plane.coordinates(self.reference.params)
        plot.show(grid, plane.project_all(self.path.thetas), landmarks, self._title(grid))
        caption.update(self._caption(grid))

    def _title(self, grid: CostGrid) -> tuple[str, ...]:
        """What the axes are: the weights themselves, or the directions of the plane."""
        if is_feature_plane(self.session.data.train.n_features, self.session.loss):
            return ("J over w1 (across) and w2 (up)", f"b held at {grid.plane.origin[-1]:.3g}")
        across, up = grid.plane.axis_names
        return (f"J on a plane from {START_MARKER} start", f"→ {across}", f"↑ {up}")

    def _caption(self, grid: CostGrid) -> Text:
        """The legend (markers, path, levels), the loss's lesson, and why the plane is not the one wanted, if it is not."""
        levels, edges = cost_levels(grid.cost, len(LEVEL_MARKERS))
        rows, columns = grid.cost.shape
        text = Text(f"{START_MARKER} start {NOW_MARKER} now ")
        if self.reference is not None:
            text.append(f"{REFERENCE_MARKER} {self.reference.label} ")
        text.append(f"⣿ path of {len(self.path)} │ {LEVEL_MARKERS} J {edges[0]:.3g}…{edges[-1]:.3g}")
        if (levels < 0).any():
            text.append(f" {NOT_FINITE_MARKER} inf")
        if self.computing:
            text.append(f" │ {columns}x{rows}, refining…")
        text.append("\n" + LESSONS.get(self.session.loss.name, ""))
        if grid.plane.note:
            text.append(f" ({grid.plane.note}.)")
        return text
