"""The model views, as tabs: the data and boundary, the losses against z (Figure 3), the
per-example gradients, the gradient check's h sweep (Figure 5), the cost landscape with the
path of training, the Jensen probe of convexity (Figure 4), and naive against stable
cross-entropy over a wide range of z."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static, TabbedContent, TabPane

from engine.objective import Params
from tui_clf.app.gradient_lab import GradientReport
from tui_clf.app.session import Session
from tui_clf.app.widgets.boundary_plot import BoundaryPlot
from tui_clf.app.widgets.convexity_view import ConvexityView
from tui_clf.app.widgets.caption_box import CaptionBox
from tui_clf.app.widgets.h_sweep_plot import H_SWEEP_PROMPT, HSweepPlot, h_sweep_caption
from tui_clf.app.widgets.cursor_plot import CursorPlot
from tui_clf.app.widgets.landscape_view import LandscapeView
from tui_clf.app.widgets.losses_plot import LossesPlot, loss_readout_parts
from tui_clf.app.widgets.readout import Readout
from tui_clf.app.widgets.margins_plot import MarginsPlot, margins_caption
from tui_clf.app.widgets.stability_plot import StabilityPlot, stability_caption
from tui_clf.app.widgets.view_tabs import ViewTabs


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
        with ViewTabs(id="view-tabs"):
            with TabPane("Boundary", id="tab-boundary"):
                yield BoundaryPlot(id="boundary-plot")
            with TabPane("Losses vs z", id="tab-losses"):
                yield LossesPlot(id="losses-plot")
                yield Readout(id="losses-readout", classes="caption")
            with TabPane("Per-example", id="tab-margins"):
                yield MarginsPlot(id="margins-plot")
                with CaptionBox(classes="caption-box"):
                    yield Static(id="margins-caption", classes="caption")
            with TabPane("h sweep", id="tab-h-sweep"):
                yield HSweepPlot(id="h-sweep")
                with CaptionBox(classes="caption-box"):
                    yield Static(H_SWEEP_PROMPT, id="h-sweep-caption", classes="caption")
            with TabPane("Landscape", id="tab-landscape"):
                yield LandscapeView(id="landscape")
            with TabPane("Convexity", id="tab-convexity"):
                yield ConvexityView(id="convexity")
            with TabPane("Naive CE", id="tab-stability"):
                yield StabilityPlot(id="stability-plot")
                with CaptionBox(classes="caption-box"):
                    yield Static(stability_caption("float64"), id="stability-caption", classes="caption")

    def next_view(self) -> None:
        """Show the next tab, wrapping round."""
        tabs = self.query_one("#view-tabs", TabbedContent)
        order = ["tab-boundary", "tab-losses", "tab-margins", "tab-h-sweep", "tab-landscape", "tab-convexity", "tab-stability"]
        tabs.active = order[(order.index(tabs.active) + 1) % len(order)]
        self._focus_cursor_plot()  # now, so that arrow keys typed ahead of the next frame move its cursor

    def show_tab(self, tab: str) -> None:
        """Show the view of this tab id (tab-boundary, tab-losses, tab-margins, tab-h-sweep, tab-landscape, tab-convexity, tab-stability)."""
        self.query_one("#view-tabs", TabbedContent).active = tab
        self._focus_cursor_plot()

    @property
    def shown_params(self) -> Params | None:
        """The weights the views show (the latest, or a past step's)."""
        return self._latest[1] if self._latest else None

    def show_session(self, session: Session) -> None:
        """A new loss or dataset: highlight the loss, draw its initial weights."""
        name = session.loss.name
        self.query_one("#losses-plot", LossesPlot).show(name)
        self.query_one(LandscapeView).show_session(session)
        self.query_one(ConvexityView).show_session(session)
        self.show_params(session, session.initial.params, 0)
        self.show_gradient_report(None)
        dtype = session.config.training.dtype
        self.query_one("#stability-plot", StabilityPlot).show(dtype)
        self.query_one("#stability-caption", Static).update(stability_caption(dtype))

    def show_params(self, session: Session, params: Params, step: int) -> None:
        """The weights of `step` to show: the latest from training, or a past step's (the landscape's
        path follows them, shown or not)."""
        self._latest = (session, params)
        self.query_one(LandscapeView).follow(params, step)
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
        elif active == "tab-landscape":
            self.query_one(LandscapeView).shown()
        elif active == "tab-convexity":
            self.query_one(ConvexityView).shown()

    @on(TabbedContent.TabActivated, "#view-tabs")
    def _view_shown(self) -> None:
        self.update_shown_view()
        self._focus_cursor_plot()

    def shown_cursor_plot(self) -> CursorPlot | None:
        """The plot of the view in the active tab, if it has a cursor."""
        pane = self.query_one("#view-tabs", TabbedContent).active_pane
        return next(iter(pane.query(CursorPlot)), None) if pane is not None else None

    def _focus_cursor_plot(self) -> None:
        """Focus the shown view's plot if it has a cursor: its arrow keys move the cursor (the tabs' would
        switch the view). A hidden view's plot gives the focus up: its keys act only while it is shown."""
        plot = self.shown_cursor_plot()
        if plot is not None:
            self.screen.set_focus(plot)
        elif isinstance(self.screen.focused, CursorPlot) and self in self.screen.focused.ancestors:
            self.screen.set_focus(None)

    @on(CursorPlot.Moved, "#losses-plot")
    def _losses_cursor_moved(self, event: CursorPlot.Moved) -> None:
        plot = self.query_one("#losses-plot", LossesPlot)
        self.query_one("#losses-readout", Readout).show(*loss_readout_parts(plot.readout(), plot.selected))

    def show_gradient_report(self, report: GradientReport | None) -> None:
        """The h sweep of a gradient check, or the prompt to run one (None)."""
        self.query_one("#h-sweep", HSweepPlot).show(report.sweep if report else None)
        self.query_one("#h-sweep-caption", Static).update(h_sweep_caption(report) if report else H_SWEEP_PROMPT)
