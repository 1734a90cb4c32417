"""The data and the decision boundary of the current weights (2-D data), or the scores by class;
on 2-D data, a cursor to add, remove or relabel points (the app applies the edit)."""

from __future__ import annotations

from typing import Literal, Protocol, cast

import numpy as np
from textual.app import RenderResult
from textual.events import Click
from textual.binding import Binding

from engine.objective import Params, scores
from tui_clf.views.palette import BOUNDARY_COLOR, SHOWN_STEP_COLOR, class_color, class_marker, region_marker, wrong_marker
from tui_clf.app.session import Session
from tui_clf.app.widgets.plot_canvas import PlotCanvas
from tui_clf.app.widgets.themed_plot import ThemedPlot
from tui_clf.views.boundary import DecisionGrid, decision_grid, plot_limits
from tui_clf.views.margins import example_gradients
from tui_clf.views.plot_frame import PlotFrame, plot_frame
from tui_clf.views.plottable import PLOT_LIMIT, drawable, drawable_rows, not_drawn

# Rows of the widget taken by the title and the x axis; columns are not trimmed, so that
# there is at least one grid cell per column of the canvas (no blank seams in the regions).
AXIS_ROWS = 4
HISTOGRAM_BINS = 30
# One arrow key moves the edit cursor by this share of the plot's span.
CURSOR_MOVES = 40
CURSOR_MARKER = "◆"
EditKind = Literal["add", "remove", "flip"]


class DataEditor(Protocol):
    """What the plot needs from the app (a Protocol: no import of the app, no cycle)."""

    def edit_data(self, kind: EditKind, point: np.ndarray, label: int) -> None:
        """Add a point of class `label` at `point` (the units drawn), or remove / relabel the one nearest it."""


class BoundaryPlot(ThemedPlot):
    """2-D data: each class's points over its predicted region, the boundary marked where regions meet.

    Each predicted region has its own shading and a misclassified point its class's marker
    filled in (palette.py), so the view reads without colour too. Points or scores that
    plotext cannot place (plottable.py) are left out, and the title counts them.

    Focused (e, or a click), on 2-D data: a click adds a point of the chosen class there (the right
    button removes the nearest), and the arrow keys move a cursor (◆) that may leave the
    data's range (the plot follows it, so far points can be made: the lecture's y = 9); a adds a
    point of the chosen class there, d removes the nearest point, i gives it the next class, k
    chooses the class to add. The app's `edit_data` applies each.

    Other data: the histogram (a line per class, common bins) of each class's scores z (binary losses) or margins (softmax)
    at the current weights, which shows the separation a 2-D picture cannot. Recomputed
    when it renders, so a hidden view costs nothing.
    """

    can_focus = True
    # Priority, as the app's trainer keys: so an edit joins the command queue in the order the keys were pressed.
    BINDINGS = [
        Binding("left", "move_cursor(-1, 0)", "←", show=False, priority=True),
        Binding("right", "move_cursor(1, 0)", "→", show=False, priority=True),
        Binding("up", "move_cursor(0, 1)", "↑", show=False, priority=True),
        Binding("down", "move_cursor(0, -1)", "↓", show=False, priority=True),
        Binding("a", "edit('add')", "Add", priority=True, tooltip="Add a point of the chosen class at the cursor"),
        Binding("d", "edit('remove')", "Delete", priority=True, tooltip="Remove the point nearest the cursor"),
        Binding("i", "edit('flip')", "Flip", priority=True, tooltip="Give the point nearest the cursor the next class"),
        Binding("k", "next_class", "Class", priority=True, tooltip="The class that a adds"),
        Binding("escape", "stop_editing", "Done", priority=True, tooltip="Leave editing (the cursor goes)"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session: Session | None = None
        self.params: Params | None = None
        self.cursor: np.ndarray | None = None  # (2,), in the units drawn; None until editing starts
        self._limits: tuple[tuple[float, float], tuple[float, float]] | None = None  # of the last 2-D drawing
        self._frame: PlotFrame | None = None  # where that drawing's data area lies in the widget
        self._picture: bytes | None = None  # what the last 2-D drawing showed of its weights (_regions_picture)
        self.add_class = 1

    def show(self, session: Session, params: Params) -> None:
        """Draw these weights; on 2-D data, only if the picture changes (most steps move the line less than a cell)."""
        if self.session is not None and session.id != self.session.id:
            self.cursor = None  # another dataset: the cursor's place meant nothing there
        unchanged = session is self.session and self._picture is not None and self._picture == self._regions_picture(session, params)
        self.session, self.params = session, params
        if self.has_focus:
            self.on_focus()
        if not unchanged:
            self.refresh()

    @property
    def editable(self) -> bool:
        return self.session is not None and self.session.data.train.n_features == 2

    def on_focus(self) -> None:
        """Editing starts: the cursor appears in the middle of the data (or where it was left)."""
        if self.editable and self.cursor is None:
            X = self.session.data.train.X
            self.cursor = (X.min(axis=0) + X.max(axis=0)) / 2
            self.add_class %= self.session.data.train.n_classes
        self.refresh()

    def action_move_cursor(self, right: int, up: int) -> None:
        if self.cursor is None:
            return
        x_range, y_range = plot_limits(self._drawn_points())
        self.cursor = self.cursor + np.array([right * (x_range[1] - x_range[0]), up * (y_range[1] - y_range[0])]) / CURSOR_MOVES
        self.refresh()

    def action_edit(self, kind: EditKind) -> None:
        if self.cursor is not None and self.editable:
            # A call, not a message: the edit must join the command queue before the keys pressed after it.
            cast(DataEditor, self.app).edit_data(kind, self.cursor.copy(), self.add_class)

    def action_stop_editing(self) -> None:
        self.cursor = None
        self.screen.set_focus(None)
        self.refresh()

    def action_next_class(self) -> None:
        if self.editable:
            self.add_class = (self.add_class + 1) % self.session.data.train.n_classes
            self.refresh()

    def _drawn_points(self) -> np.ndarray:
        """The points the plot's range holds: the shown examples and the cursor."""
        session = self.session
        X = session.data.train.X[session.view_rows]
        X = X[drawable_rows(X)]
        return X if self.cursor is None else np.vstack([X, self.cursor])

    def render(self) -> RenderResult:
        plt = self.plt
        plt.clear_figure()
        self._limits = self._picture = None
        if self.session is not None and self.params is not None:
            if self.session.data.train.n_features == 2:
                self._draw_regions(self.session, self.params)
            else:
                self._draw_histograms(self.session, self.params)
        drawn = super().render()
        self._frame = plot_frame(drawn.plain.splitlines()) if isinstance(drawn, PlotCanvas) else None
        return drawn

    def on_click(self, event: Click) -> None:
        """A click on the data: the cursor goes there and a point of the chosen class is added (the right button:
        the nearest point is removed)."""
        if self._frame is None or self._limits is None or not self.editable:
            return
        offset = event.get_content_offset(self)
        place = self._frame.data_point(offset.x, offset.y, *self._limits) if offset is not None else None
        if place is None:
            return
        self.focus()
        self.cursor = np.array(place)
        self.action_edit("remove" if event.button == 3 else "add")

    def _draw_regions(self, session: Session, params: Params) -> None:
        plt = self.plt
        train = session.data.train
        X, labels = train.X[session.view_rows], train.y[session.view_rows]
        shown = drawable_rows(X)
        if not shown.any():
            plt.title(f"⚠ no point to draw: every one has a coordinate beyond ±{PLOT_LIMIT:.0e}, inf or nan")
            return
        x_range, y_range = plot_limits(self._drawn_points())
        grid, wrong = self._grid(session, params), self._misclassified(session, params)
        self._picture = regions_picture(grid, wrong)
        gx, gy = np.meshgrid(grid.x, grid.y)
        for k in range(train.n_classes):
            region = (grid.classes == k) & ~grid.boundary
            if region.any():
                plt.scatter(gx[region].tolist(), gy[region].tolist(), marker=region_marker(k), color=class_color(k))
        if grid.boundary.any():
            plt.scatter(gx[grid.boundary].tolist(), gy[grid.boundary].tolist(), marker="•", color=BOUNDARY_COLOR)
        for k, name in enumerate(train.classes):
            mine = labels == k
            label: str | None = name  # on the class's first series drawn (plotext fails on an empty labelled one)
            for points, marker in ((mine & shown & ~wrong, class_marker(k)), (mine & shown & wrong, wrong_marker(k))):
                if points.any():
                    plt.scatter(X[points, 0].tolist(), X[points, 1].tolist(), marker=marker, color=class_color(k), label=label)
                    label = None
        if self.cursor is not None:
            plt.scatter([float(self.cursor[0])], [float(self.cursor[1])], marker=CURSOR_MARKER, color=SHOWN_STEP_COLOR)
        plt.xlim(*x_range)
        plt.ylim(*y_range)
        self._limits = (x_range, y_range)
        scale = " (standardised)" if session.config.standardize else ""
        misclassified = "".join(wrong_marker(k) for k in range(train.n_classes))
        plt.title(
            self.fitted_title(
                *([f"{CURSOR_MARKER} a adds class {train.classes[self.add_class]} (k)"] if self.cursor is not None else []),
                f"{train.feature_names[1]} against {train.feature_names[0]}{scale}",
                not_drawn(int(np.count_nonzero(~shown)), "points"),
                "• boundary",
                f"{misclassified} misclassified",
            )
        )

    def _grid(self, session: Session, params: Params) -> DecisionGrid:
        """The predicted class of a cell per plot column and row (no fewer, so the regions have no seams)."""
        x_range, y_range = plot_limits(self._drawn_points())
        columns, rows = max(self.size.width, 4), max(self.size.height - AXIS_ROWS, 4)
        return decision_grid(session.loss, params, x_range, y_range, columns, rows)

    def _misclassified(self, session: Session, params: Params) -> np.ndarray:
        """Which of the examples drawn these weights get wrong, (len(view_rows),) bool."""
        rows = session.view_rows
        with np.errstate(all="ignore"):
            predicted = session.loss.predict(scores(params, session.data.train.X[rows].astype(params.W.dtype), session.loss))
        return predicted != session.data.train.y[rows]

    def _regions_picture(self, session: Session, params: Params) -> bytes | None:
        """What a 2-D drawing of `params` shows that depends on them: each cell's class and the points misclassified
        (None for other data, whose histograms move with every step)."""
        if session.data.train.n_features != 2:
            return None
        return regions_picture(self._grid(session, params), self._misclassified(session, params))

    def _draw_histograms(self, session: Session, params: Params) -> None:
        plt = self.plt
        train = session.data.train
        rows = session.view_rows
        X, labels = train.X[rows].astype(params.W.dtype), train.y[rows]
        loss = session.loss
        if loss.multiclass:
            values = example_gradients(loss, params, X, labels, session.train_targets[rows]).margin
            what = "margin z_true - max z_other"
        else:
            with np.errstate(all="ignore"):
                values = scores(params, X, loss)
            what = "score z = w·x + b"
        shown = drawable(values)
        if not shown.any():
            plt.title(f"⚠ every {what} is beyond ±{PLOT_LIMIT:.0e}, inf or nan at these weights")
            return
        edges = np.linspace(values[shown].min(), values[shown].max() + 1e-12, HISTOGRAM_BINS + 1)
        centres = (edges[:-1] + edges[1:]) / 2
        for k, name in enumerate(train.classes):
            counts, _ = np.histogram(values[shown & (labels == k)], bins=edges)
            plt.plot(centres.tolist(), counts.tolist(), marker=class_marker(k), color=class_color(k), label=name)
        plt.title(
            self.fitted_title(
                f"{what} by class",
                f"{train.n_features} features: no 2-D picture",
                not_drawn(int(np.count_nonzero(~shown)), "scores"),
            )
        )


def regions_picture(grid: DecisionGrid, wrong: np.ndarray) -> bytes:
    """The part of a 2-D drawing that the weights decide: each cell's class (R, C) and each point's misclassification (N,)."""
    return grid.classes.tobytes() + wrong.tobytes()
