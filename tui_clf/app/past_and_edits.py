"""The app's keys for what the screen shows: step back and forward (b, f), edit the data (e, then
the boundary view's keys), export the views (x) and save the edited data (w).

A mixin of the App, on the UI thread. Every key goes through the command queue (jobs.py), so it
acts, in order, on the state the keys before it leave: b after s shows the step before that
step's, and x after s s writes the curves with both steps. The worker answers with a message
(PastShown, DataEdited, ExportDue) that brings the screen to that state.
"""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

import numpy as np

from engine.atomic import write_atomically
from engine.data import save_dataset
from engine.errors import DataError
from tui_clf.app.command_queue import EditData, Export, StepBack, StepForward
from tui_clf.app.messages import DataEdited, ExportDue, PastShown
from tui_clf.app.session import Session
from tui_clf.app.widgets.boundary_plot import BoundaryPlot, EditKind
from tui_clf.app.widgets.curves_pane import CurvesPane
from tui_clf.app.widgets.model_views import ModelViews
from tui_clf.app.widgets.notice_bar import NoticeBar
from tui_clf.app.widgets.status_line import StatusLine
from tui_clf.views.data_edit import EditableSet
from tui_clf.views.export_tables import csv_bytes, curve_table, example_table
from tui_clf.views.margins import example_gradients

# What the app says of an action that needs all the data in memory, on a run that streams its file.
STREAMED_ONLY = "{what}; this run streams its file from disk (the views draw a sample of it), so that is not available"


def timestamped(stem: str, suffix: str) -> Path:
    """A new file name in the current folder: tui-clf-<stem>-YYYYmmdd-HHMMSS<suffix>."""
    return Path.cwd() / f"tui-clf-{stem}-{time.strftime('%Y%m%d-%H%M%S')}{suffix}"


class PastAndEdits:
    """Mixed into ClassifierApp (which has session, history, send, query_one, ...)."""

    # Where w writes the edited set (--save-data); None: a timestamped file in the current folder.
    save_data_path: Path | None = None
    # The session the edits were made on and its editable rows (None before the first edit).
    _editable: tuple[Session, EditableSet] | None = None

    def action_step_back(self) -> None:
        self._send_move(StepBack)

    def action_step_forward(self) -> None:
        self._send_move(StepForward)

    def _send_move(self, command: type[StepBack | StepForward]) -> None:
        if self.session is not None:
            self._open_run = None  # b ends a run, as s does
            self.send(command(self.session))
            self.refresh_bindings()

    def on_past_shown(self, message: PastShown) -> None:
        if not self._current(message.session_id):
            return
        kept, live = message.kept, message.live
        shown = kept or live
        was_live = self.history.shown_step is None
        self.history.shown_step = kept.record.step if kept else None
        self.query_one(StatusLine).show_weights(shown.record, live.progress.steps if kept else None)
        self.query_one(CurvesPane).redraw()
        self.query_one(ModelViews).show_params(self.session, shown.progress.params, shown.progress.steps)
        if kept is None:
            if not was_live:
                self.query_one(NoticeBar).show(f"The latest step, {live.progress.steps}, again.")
            elif message.back:
                self.query_one(NoticeBar).show(
                    f"Nothing is kept before step {live.progress.steps}: a reset or an edit of the data starts the past afresh."
                )
            else:
                self.query_one(NoticeBar).show(f"This is the latest step, {live.progress.steps}: b goes back.")
            return
        self.query_one(NoticeBar).show(
            f"⏮ Step {kept.record.step} of {live.progress.steps}: every view shows it (│ on the curves). b goes back, f "
            "forward; space or s trains on from here as if the run had stopped here (the steps after it are dropped)."
        )

    def action_edit_data(self) -> None:
        """Show the boundary view and give it the keys: arrows move the cursor, a adds, d removes, i flips, k the class."""
        if self.session is not None and self.session.streamed:
            self.query_one(NoticeBar).show(STREAMED_ONLY.format(what="Editing changes data in memory"), "warning")
            return
        if self.session is None or self.session.data.train.n_features != 2:
            self.query_one(NoticeBar).show("Editing the data needs 2-D data (the boundary view draws it): pick blobs, xor or rings.", "warning")
            return
        self.action_show_section("train")
        views = self.query_one(ModelViews)
        views.show_tab("tab-boundary")
        self.query_one(BoundaryPlot).focus()
        self.query_one(NoticeBar).show(
            "Editing the data: the arrows move ◆, a adds a point of the class shown (k changes it), d removes the "
            "nearest point, i flips its label; escape leaves, w saves the edited set."
        )

    def edit_data(self, kind: EditKind, point: np.ndarray, label: int) -> None:
        """Add a point of class `label` at `point` (standardised units), or remove / relabel the training point
        nearest it; the trainer takes the edited rows at this place in the command queue."""
        session = self.session
        if session is None:
            return
        if self._editable is None or self._editable[0] is not session:
            raw = session.config.updated(standardize=False).prepare(session.dataset)
            self._editable = (session, EditableSet(session.data, raw))
        rows = self._editable[1]
        classes = rows.train.classes
        if kind == "add":
            edited = rows.added(point, label)
            what = f"Added a point of class {classes[label]}"
        elif rows.train.n_rows <= 1:
            self.query_one(NoticeBar).show("The last training point stays: a classifier needs data.", "warning")
            return
        else:
            nearest = rows.nearest(point)
            old = int(rows.train.y[nearest])
            if kind == "remove":
                edited, what = rows.removed(nearest), f"Removed the nearest point (class {classes[old]})"
            else:
                new = (old + 1) % len(classes)
                edited, what = rows.relabelled(nearest, new), f"Relabelled the nearest point {classes[old]} → {classes[new]}"
        session = replace(session, data=edited.prepared, dataset=edited.whole_in_file_units())
        self.session, self._editable = session, (session, edited)
        self.send(EditData(session, edited.train.X, edited.train.y, what))

    def on_data_edited(self, message: DataEdited) -> None:
        if not self._current(message.session_id):
            return
        start = message.start
        self.history.end_with(start.record)  # the cost of these weights on the edited rows
        self.query_one(StatusLine).show_weights(start.record)
        self.query_one(CurvesPane).redraw()
        self.query_one(ModelViews).show_params(self.session, start.progress.params, start.progress.steps)
        n = self.session.data.train.n_rows
        self.query_one(NoticeBar).show(
            f"{message.what}: training goes on from step {start.record.step} on the edited data ({n} training points). "
            "The split and the standardisation are kept: a new point is standardised with the existing "
            "statistics and joins the training set. w saves the edited set."
        )

    def action_export(self) -> None:
        if self.session is not None:
            self.send(Export(self.session, "views"))

    def action_save_data(self) -> None:
        if self.session is not None:
            self.send(Export(self.session, "data"))

    def on_export_due(self, message: ExportDue) -> None:
        if not self._current(message.session_id):
            return
        try:
            written = self._save_data() if message.what == "data" else self._export_views()
        except (OSError, DataError) as error:
            self.query_one(NoticeBar).show(f"✗ Export failed: {error}", "error")
            return
        self.query_one(NoticeBar).show("Saved " + ", ".join(str(path) for path in written) + ".")

    def _export_views(self) -> list[Path]:
        """The screen (SVG), the curves through the step shown and the per-example numbers (CSV)."""
        session = self.session
        screen, curves, examples = timestamped("screen", ".svg"), timestamped("curves", ".csv"), timestamped("examples", ".csv")
        svg = self.export_screenshot().encode("utf-8")
        write_atomically(screen, lambda file: file.write(svg))
        write_atomically(curves, lambda file: file.write(csv_bytes(curve_table(self.history))))
        params = self.query_one(ModelViews).shown_params
        rows, train = session.view_rows, session.data.train
        view = example_gradients(session.loss, params, train.X[rows].astype(params.W.dtype), train.y[rows], session.train_targets[rows])
        write_atomically(examples, lambda file: file.write(csv_bytes(example_table(train, rows, view))))
        return [screen, curves, examples]

    def _save_data(self) -> list[Path]:
        """The data as edited, in the file's units and columns (the training rows, then the validation rows)."""
        if self.session.streamed:
            raise DataError(STREAMED_ONLY.format(what="Saving writes the data held in memory"))
        path = self.save_data_path or timestamped("data", ".csv")
        save_dataset(self.session.dataset, path)  # an edit made it the edited set (see edit_data)
        return [path]
