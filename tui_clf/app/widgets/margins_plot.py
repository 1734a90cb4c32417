"""The per-example view: each example's |dL/dz| against its margin at the current weights."""

from __future__ import annotations

import numpy as np
from rich.text import Text
from textual.app import RenderResult

from engine.objective import Params
from tui_clf.views.palette import RIGHT_COLOR, WRONG_COLOR, rich_color
from tui_clf.app.session import Session
from tui_clf.app.widgets.themed_plot import ThemedPlot
from tui_clf.views.formatting import count
from tui_clf.views.margins import ExampleGradients, example_gradients
from tui_clf.views.plottable import drawable, not_drawn

# |dL/dz| below this counts as "no gradient signal" (lecture 2.3: -0.0066 at z = -5 is already weak).
WEAK_GRADIENT = 0.01

# What to look for in this view, loss by loss.
LESSONS = {
    "zero-one": "Every |dL/dz| is 0: there is no slope for gradient descent to follow (lecture 2.1).",
    "squared-error": "Right answers beyond their target (margin > 1/2) still get a gradient: z is pulled back to t (2.2).",
    "logistic-squared-error": "Badly wrong examples (margin far below 0) get almost no gradient: sigma(z) saturates (Figure 1).",
    "cross-entropy": "|dL/dz| = |y - t|: the worse the mistake, the stronger the push (Eq. 18).",
    "cross-entropy-naive": "Same slope as cross-entropy while it is finite; watch for nan once sigma(z) rounds to 0 or 1.",
    "hinge": "Examples with margin >= 1 have gradient 0: only those inside the margin move the boundary (Eq. 20).",
    "softmax-cross-entropy": "|dL/dz| = ||y - t||: the true class's logit is pushed up until it wins clearly (Eq. 24).",
}


def margins_caption(loss_name: str, view: ExampleGradients) -> Text:
    """Counts of misclassified and weak-gradient examples, and the lesson of this loss."""
    finite = np.isfinite(view.grad_size)
    wrong = ~view.correct
    weak = finite & (view.grad_size < WEAK_GRADIENT)
    text = Text(f"{count(len(view.margin))} examples: {count(int(view.correct.sum()))} right (o), ")
    text.append(f"{count(int(wrong.sum()))} wrong (x)", style=rich_color(WRONG_COLOR))
    text.append(f". |dL/dz| < {WEAK_GRADIENT} for {count(int(weak.sum()))}, {count(int((weak & wrong).sum()))} of them wrong.")
    shown = drawn_examples(view)
    if not shown.all():
        text.append(f" {not_drawn(int((~shown).sum()), 'examples')}.", style="bold")
    text.append("\n" + LESSONS.get(loss_name, ""))
    return text


def drawn_examples(view: ExampleGradients) -> np.ndarray:
    """Mask of the examples the plot can place: margin and |dL/dz| both drawable (plottable.py)."""
    return drawable(view.margin) & drawable(view.grad_size)


class MarginsPlot(ThemedPlot):
    """Scatter of |dL/dz| against the margin: o classified right, x wrong (margins.py defines both)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session: Session | None = None
        self.params: Params | None = None
        self.view: ExampleGradients | None = None

    def show(self, session: Session, params: Params) -> ExampleGradients:
        """Compute the view for these weights (cheap: at most MAX_VIEW_ROWS examples) and redraw."""
        rows = session.view_rows
        train = session.data.train
        X = train.X[rows].astype(params.W.dtype)
        self.session, self.params = session, params
        self.view = example_gradients(session.loss, params, X, train.y[rows], session.train_targets[rows])
        self.refresh()
        return self.view

    def render(self) -> RenderResult:
        plt = self.plt
        plt.clear_figure()
        view = self.view
        if view is not None:
            drawn = drawn_examples(view)
            for mask, marker, color, label in (
                (view.correct, "o", RIGHT_COLOR, "right"),
                (~view.correct, "x", WRONG_COLOR, "wrong"),
            ):
                shown = mask & drawn
                if shown.any():
                    plt.scatter(view.margin[shown].tolist(), view.grad_size[shown].tolist(), marker=marker, color=color, label=label)
            plt.vertical_line(0.0, color="gray")
            plt.title(self.fitted_title("|dL/dz| against the margin", "> 0: right side"))
        return super().render()
