"""The convexity view (Figure 4): the Jensen probe of `tui-clf convexity` on the session's cost, drawn.

The probe (engine.jensen_probe: seeded segments, many lambda each) runs on a thread worker
(group "convexity") once per session, when the view is first shown; then J along one segment
is drawn with its chord: the worst counterexample for a cost the probe found not convex, else
a segment through the initial weights and the reference point (chord.segment_to_draw).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static
from textual.worker import Worker, WorkerState, get_current_worker

from tui_clf.app.session import Session
from tui_clf.app.widgets.chord_plot import ABOVE_MARKER, WORST_MARKER, ChordPlot
from tui_clf.views.convexity_picture import Probed, probe_cost
from tui_clf.views.palette import RIGHT_COLOR, WRONG_COLOR, rich_color


class ConvexityView(Vertical):
    """The chord plot and the probe's verdict."""

    @dataclass
    class Done(Message):
        """The probe is done (posted by the worker)."""

        session_id: int
        probed: Probed

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session: Session | None = None
        self.probed: Probed | None = None
        self.computing = False

    def compose(self) -> ComposeResult:
        yield ChordPlot(id="chord-plot")
        yield Static(id="convexity-caption", classes="caption")

    def show_session(self, session: Session) -> None:
        """A new loss or dataset: probe it once shown."""
        self.workers.cancel_group(self, "convexity")
        self.session, self.probed, self.computing = session, None, False
        self._redraw()

    def shown(self) -> None:
        """The view came on screen: probe the session's cost if not done yet."""
        if self.session is None or self.probed is not None or self.computing:
            return
        self.computing = True
        self._redraw()
        self.run_worker(partial(self._probe, self.session), thread=True, exclusive=True, group="convexity", exit_on_error=False)

    def _probe(self, session: Session) -> None:
        worker = get_current_worker()
        train = session.data.train
        probed = probe_cost(
            train.X, train.y, train.n_classes, session.loss, session.config.training, session.initial.params,
            lambda: worker.is_cancelled,
        )
        if probed is not None and not worker.is_cancelled:
            self.post_message(self.Done(session.id, probed))

    def on_convexity_view_done(self, message: Done) -> None:
        if self.session is not None and message.session_id == self.session.id:
            self.probed, self.computing = message.probed, False
            self._redraw()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "convexity" and event.state == WorkerState.ERROR:
            self.computing = False
            error = event.worker.error
            self.query_one("#convexity-caption", Static).update(f"✗ the convexity probe failed: {type(error).__name__}: {error}")

    def _redraw(self) -> None:
        plot = self.query_one("#chord-plot", ChordPlot)
        caption = self.query_one("#convexity-caption", Static)
        probed = self.probed
        if probed is None:
            plot.show(None, None)
            caption.update("Probing Jensen's inequality along random segments…" if self.computing else "")
            return
        example = probed.probe.counterexample
        plot.show(probed.along, (example.lam, example.f_lambda) if example else None)
        caption.update(verdict(probed))


def verdict(probed: Probed) -> Text:
    """The probe's verdict in words, the segment drawn, and the test in z."""
    probe, in_z = probed.probe, probed.in_z
    example = probe.counterexample
    text = Text(f"{probe.loss}: ")
    if example is None:
        text.append("convex", style=rich_color(RIGHT_COLOR))
        text.append(
            f" on all {probe.n_segments} segments tried ({probe.n_lambdas} λ each): J never rose above a chord "
            f"(largest height above one: {probe.max_violation:.1e}, rounding at most).\n"
        )
    else:
        text.append("not convex", style=rich_color(WRONG_COLOR))
        chord = example.f_lambda - example.violation
        text.append(
            f": {probe.n_violating_segments} of {probe.n_segments} segments rise above their chord. The worst ({WORST_MARKER}): "
            f"at λ = {example.lam:.2f}, J = {example.f_lambda:.4g} against the chord's {chord:.4g}; {ABOVE_MARKER} where J > chord.\n"
        )
    text.append(f"Drawn: {probed.segment.description}. ")
    text.append(f"In z alone: {'convex' if in_z.convex else f'not convex (second difference {in_z.min_second_difference:.1e} at z = {in_z.at_z:.2f})'}.")
    return text
