"""One live curve plot: the training and validation cost, or error rate, against the step."""

from __future__ import annotations

from typing import Literal

import numpy as np
from textual.app import RenderResult
from textual.binding import Binding

from tui_clf.views.palette import KEPT_COLOR, OPTIMUM_COLOR, SHOWN_STEP_COLOR, TRAIN_COLOR, VALIDATION_COLOR, WRONG_COLOR
from tui_clf.app.widgets.cursor_plot import CURSOR_COLOR, CursorPlot
from tui_clf.views.cursor import AxisCursor
from tui_clf.views.column_envelope import column_envelope
from tui_clf.views.history import Column, History
from tui_clf.views.hidden_curves import covered_curves, merged_labels
from tui_clf.views.legend_room import LEGEND_PADDING, legend_top
from tui_clf.views.plottable import drawable
from tui_clf.views.ticks import nice_step_ticks

Metric = Literal["cost", "error"]
# Columns taken by the y-axis labels and the frame, not by the data.
AXIS_COLUMNS = 10
# Rows of the widget that are not the canvas: the title, the frame's two and the step labels.
FRAME_ROWS = 4
# The diverging step's point; a vertical line │ marks the step whose weights were kept.
DIVERGED_MARKER = "✗"
# The exact optimum's cost (squared error): a level line across the steps.
OPTIMUM_MARKER = "-"


class CurvePlot(CursorPlot):
    """Draws `metric` from a History each time it renders, thinned to each column's lowest and highest
    point (column_envelope.py): plotext gets at most ~2 points a column however long the history;
    `points_drawn` says how many the last render handed it.

    Render only happens when the app asks for a refresh (at most ~10 times a second, after a
    batch of steps) and only while the plot is on screen. Values that plotext cannot place
    (a diverged step's inf, or 1e250: see plottable.py) are left out (the pane counts them);
    on a log scale, so are the values <= 0 (a hinge cost of 0). After a divergence the
    diverging step is marked ✗ and the step whose weights were kept by a vertical line; a past
    step shown (b) by a vertical line of its own colour.

    The cursor (a vertical line, off until an arrow key or a click, off again on escape) reads
    the recorded step nearest it; its first move starts from the last step. The pane keeps the
    cost's and the error's cursors together.
    """

    BINDINGS = [Binding("escape", "hide_cursor", "Cursor off", show=False)]

    def __init__(self, history: History, metric: Metric, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._history = history
        self.metric: Metric = metric
        self.log_scale = False
        self.cursor: AxisCursor | None = None
        self.points_drawn = 0

    def move_cursor(self, steps: int, coarse: bool) -> None:
        cursor = self._cursor_over_steps()
        if cursor is not None:
            self.cursor = cursor.moved(steps, coarse)
            self.cursor_changed()

    def cursor_to_x(self, x: float) -> None:
        cursor = self._cursor_over_steps()
        if cursor is not None:
            self.cursor = cursor.at(x)
            self.cursor_changed()

    def action_hide_cursor(self) -> None:
        self.cursor = None
        self.cursor_changed()

    def _cursor_over_steps(self) -> AxisCursor | None:
        """The cursor over the steps recorded so far (at the last one if it was off); None before two records."""
        steps = self._history.steps.values
        if len(steps) < 2:
            return None
        first, last = float(steps[0]), float(steps[-1])
        cursor = self.cursor or AxisCursor(last, first, last, limits=(first, last), min_span=1.0, quantum=1.0)
        return cursor.spanning(first, last)

    def _series(self) -> list[tuple[str, Column, Column, tuple[int, int, int], str]]:
        h = self._history
        if self.metric == "cost":
            return [("train", h.steps, h.train_cost, TRAIN_COLOR, "braille"), ("val", h.val_steps, h.val_cost, VALIDATION_COLOR, "dot")]
        return [("train", h.steps, h.train_error, TRAIN_COLOR, "braille"), ("val", h.val_steps, h.val_error, VALIDATION_COLOR, "dot")]

    def render(self) -> RenderResult:
        plt = self.plt
        plt.clear_figure()
        log = self.log_scale and self.metric == "cost"
        columns = max(self.size.width - AXIS_COLUMNS, 10)
        curves = self._curves(log, columns)
        labels = [label for label, *_ in curves]
        name = "cost" if self.metric == "cost" else "error rate"
        title = f"{name} (log scale)" if log else name
        if not len(self._history):  # no dataset yet (a --data file that failed to load)
            title += ": o opens a file"
        elif len(self._history) == 1:  # only the initial weights' record
            title += ": space trains"
            if curves and not log:  # one point: plotext would spread six-digit ticks around it
                top = 2 * max(float(self._series()[0][2].values[0]), 1e-12)
                plt.ylim(0, top if drawable(top) else None)
        elif self._history.diverged_step is None:  # a divergence sets the axes' own limits
            labels, top = self._legend(curves, columns, log)
            if top is not None:
                plt.ylim(None, top)
        for (_, x, y, color, marker), label in zip(curves, labels):  # in order: plotext paints later curves over earlier ones
            plt.plot(x.tolist(), y.tolist(), label=label, color=color, marker=marker)
        drawn = sum(len(x) for _, x, *_ in curves)
        if self._history.diverged_step is not None:
            drawn += self._draw_divergence(log)
        if self._history.shown_step is not None:  # b went back: mark the step every view shows
            plt.vline(self._history.shown_step, SHOWN_STEP_COLOR)
        if self.cursor is not None:
            plt.vline(self.cursor.x, CURSOR_COLOR)
        self.points_drawn = drawn
        plt.title(self.fitted_title(title))  # plotext drops a title wider than the plot (the pane's subtitle has the notes)
        if log and drawn:  # plotext cannot scale an empty plot
            plt.yscale("log")
        last = self._history.steps.values[-1] if len(self._history) else 1
        ticks = nice_step_ticks(last)
        plt.xticks(ticks, [str(t) for t in ticks])
        return super().render()

    def _curves(self, log: bool, columns: int) -> list[tuple[str, np.ndarray, np.ndarray, tuple[int, int, int], str]]:
        """(label, x, y, colour, marker) of each curve to draw, in drawing order: the optimum's level line
        first, then training and validation, each thinned to its columns' envelope; empty ones left out."""
        optimum = self._optimum_line(log)
        curves = [("optimum", *optimum, OPTIMUM_COLOR, OPTIMUM_MARKER)] if optimum is not None else []
        for label, steps, values, color, marker in self._series():
            x, y = steps.values, values.values
            keep = drawable(y, log=log)
            if not keep.all():  # most histories draw whole: no copy of them on every frame
                x, y = x[keep], y[keep]
            x, y = column_envelope(x, y, columns)
            if len(x):
                curves.append((label, x, y, color, marker))
        return curves

    def _legend(self, curves, columns: int, log: bool) -> tuple[list[str | None], float | None]:
        """The legend's labels, a covered curve named beside the one covering it (hidden_curves.py), and
        the top of the y axis that keeps the curves from under the legend (legend_room.py), or None."""
        if not curves:
            return [], None
        rows = self.size.height - FRAME_ROWS
        scaled = [(x, np.log10(y) if log else y, marker) for _, x, y, _, marker in curves]
        x_limits = (min(float(x.min()) for x, *_ in scaled), max(float(x.max()) for x, *_ in scaled))
        low, high = min(float(y.min()) for _, y, _ in scaled), max(float(y.max()) for _, y, _ in scaled)
        covered = covered_curves(scaled, x_limits, (low, high), columns, rows)
        labels = merged_labels([label for label, *_ in curves], covered)
        if LEGEND_PADDING + max(len(label or "") for label in labels) > columns:
            labels = [label for label, *_ in curves]  # plotext leaves out a legend wider than the plot: keep it short
        shown = [label for label in labels if label is not None]
        highest = 1.0 if self.metric == "error" else np.inf  # no error rate above 1 on the axis
        top = legend_top([(x, y) for _, x, y, *_ in curves], shown, columns, rows, log=log, highest=highest)
        if top is not None:
            raised = (low, np.log10(top) if log else top)
            if len(covered_curves(scaled, x_limits, raised, columns, rows)) > len(covered):
                top = None  # in fewer rows a curve would vanish under another: no room then
        return labels, top

    def _optimum_line(self, log: bool) -> tuple[np.ndarray, np.ndarray] | None:
        """The level line at the exact optimum's cost on the cost plot, where known: ([first, last] step, [cost, cost])."""
        h, optimum = self._history, self._history.optimum_cost
        if self.metric != "cost" or optimum is None or len(h) < 2 or not drawable(optimum, log=log):
            return None
        return np.array([h.steps.values[0], h.steps.values[-1]], dtype=float), np.array([optimum, optimum], dtype=float)

    def _draw_divergence(self, log: bool) -> int:
        """Mark the diverging step's training value (where it can be drawn) and the step whose
        weights were kept; return the points drawn."""
        plt, h = self.plt, self._history
        kept, diverged = h.kept_step, h.diverged_step
        plt.vline(kept, KEPT_COLOR)
        plt.xlim(min(kept, h.steps.values[0]), diverged)
        value = float(self._series()[0][2].values[-1])
        if not drawable(value, log=log):
            return 0
        plt.scatter([diverged], [value], marker=DIVERGED_MARKER, color=WRONG_COLOR, label="diverged")
        return 1
