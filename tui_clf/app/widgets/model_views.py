"""The model views, as tabs: the data and boundary, the losses against z (Figure 3), the
per-example gradients, and the gradient check's h sweep (Figure 5)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static, TabbedContent, TabPane

from engine.objective import Params
from tui_clf.app.gradient_lab import GradientReport
from tui_clf.app.session import Session
from tui_clf.app.widgets.boundary_plot import BoundaryPlot
from tui_clf.app.widgets.h_sweep_plot import H_SWEEP_PROMPT, HSweepPlot, h_sweep_caption
from tui_clf.app.widgets.losses_plot import LossesPlot, losses_legend
from tui_clf.app.widgets.margins_plot import MarginsPlot, margins_caption


class ModelViews(Vertical):
    """The views of the model at the latest weights.

    New weights come up to ~10 times a second; only the view on screen is brought up to
    date with them, the others when they are shown (a hidden view costs nothing).
    """

    BORDER_TITLE = "Model"

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._latest: tuple[Session, Params] | None = None

    def compose(self) -> ComposeResult:
        with TabbedContent(id="view-tabs"):
            with TabPane("Boundary", id="tab-boundary"):
                yield BoundaryPlot(id="boundary-plot")
            with TabPane("Losses vs z", id="tab-losses"):
                yield LossesPlot(id="losses-plot")
                yield Static(id="losses-legend", classes="caption")
            with TabPane("Per-example", id="tab-margins"):
                yield MarginsPlot(id="margins-plot")
                yield Static(id="margins-caption", classes="caption")
            with TabPane("h sweep", id="tab-h-sweep"):
                yield HSweepPlot(id="h-sweep")
                yield Static(H_SWEEP_PROMPT, id="h-sweep-caption", classes="caption")

    def next_view(self) -> None:
        """Show the next tab, wrapping round."""
        tabs = self.query_one("#view-tabs", TabbedContent)
        order = ["tab-boundary", "tab-losses", "tab-margins", "tab-h-sweep"]
        tabs.active = order[(order.index(tabs.active) + 1) % len(order)]

    def show_tab(self, tab_id: str) -> None:
        self.query_one("#view-tabs", TabbedContent).active = tab_id

    @property
    def shown_params(self) -> Params | None:
        """The weights the views show (the latest, or a past step's)."""
        return self._latest[1] if self._latest else None

    def show_session(self, session: Session) -> None:
        """A new loss or dataset: highlight the loss, draw its initial weights."""
        name = session.loss.name
        self.query_one("#losses-plot", LossesPlot).show(name)
        self.query_one("#losses-legend", Static).update(losses_legend(name))
        self.show_params(session, session.initial.params)
        self.show_gradient_report(None)

    def show_params(self, session: Session, params: Params) -> None:
        """New weights from training."""
        self._latest = (session, params)
        self.update_shown_view()

    def update_shown_view(self) -> None:
        """Bring the view on screen up to date with the latest weights (call when it is shown)."""
        if self._latest is None or not self.display:
            return
        session, params = self._latest
        active = self.query_one("#view-tabs", TabbedContent).active
        if active == "tab-boundary":
            self.query_one("#boundary-plot", BoundaryPlot).show(session, params)
        elif active == "tab-margins":
            view = self.query_one("#margins-plot", MarginsPlot).show(session, params)
            self.query_one("#margins-caption", Static).update(margins_caption(session.loss.name, view))

    @on(TabbedContent.TabActivated, "#view-tabs")
    def _view_shown(self) -> None:
        self.update_shown_view()

    def show_gradient_report(self, report: GradientReport | None) -> None:
        """The h sweep of a gradient check, or the prompt to run one (None)."""
        self.query_one("#h-sweep", HSweepPlot).show(report.sweep if report else None)
        self.query_one("#h-sweep-caption", Static).update(h_sweep_caption(report) if report else H_SWEEP_PROMPT)
