"""Figure 3 of the lecture: every loss against z for a positive example, the selected one highlighted."""

from __future__ import annotations

from functools import cache

import numpy as np
from rich.text import Text
from textual.app import RenderResult

from engine.loss_curves import LossCurve, loss_curves
from engine.losses import LOSSES
from tui_clf.views.loss_style import LOSS_COLORS, LOSS_LETTERS
from tui_clf.views.palette import rich_color
from tui_clf.app.widgets.themed_plot import ThemedPlot

Z_RANGE = (-4.0, 4.0)
Z_POINTS = 161  # 0.05 apart: smooth at any terminal width, cheap for plotext
Y_MAX = 4.0  # squared error reaches 12.5 at z = -4; above this the curves leave the picture
# Each curve is also tagged with its letter (loss_style.py) every TAG_SPACING in z, so the curves
# are told apart without colour; the curves' tags are offset from one another's, so that two
# curves that coincide (softmax with K = 2 is cross-entropy) both show.
TAG_SPACING = 1.0


@cache
def figure_3() -> dict[str, LossCurve]:
    """The curves of every loss on Z_RANGE for label 1 (they never change, so computed once)."""
    return loss_curves(np.linspace(*Z_RANGE, Z_POINTS), label=1)


def losses_legend(selected: str) -> Text:
    """Each loss's tag letter and name in the colour of its curve; the selected one bold, reversed and marked ━."""
    text = Text()
    for name in LOSSES:
        color = rich_color(LOSS_COLORS[name])
        label = f"{LOSS_LETTERS[name]}\u00a0{name}"  # no break between the letter and its name
        text.append(f"━ {label}" if name == selected else label, style=f"bold reverse {color}" if name == selected else color)
        text.append("  ")
    text.rstrip()
    return text


def tag_points(name: str, z: np.ndarray) -> np.ndarray:
    """Indices into `z` where the curve of `name` carries its letter: every TAG_SPACING, offset by loss."""
    offset = TAG_SPACING * list(LOSSES).index(name) / len(LOSSES)
    spots = np.arange(Z_RANGE[0] + offset, Z_RANGE[1], TAG_SPACING)
    return np.unique(np.searchsorted(z, spots).clip(0, len(z) - 1))


class LossesPlot(ThemedPlot):
    """L(z, t = 1) of the seven losses on one set of axes; `selected` drawn thick, over the rest;
    each curve tagged with its letter (LOSS_LETTERS, spelt out in the legend below the plot).

    Parts of a curve above Y_MAX are cut, not flattened, so every drawn point is true.
    softmax-cross-entropy with K = 2 and logits (0, z) is the cross-entropy curve (lecture 3).
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.selected = "cross-entropy"

    def show(self, selected: str) -> None:
        self.selected = selected
        self.refresh()

    def render(self) -> RenderResult:
        plt = self.plt
        plt.clear_figure()
        curves = figure_3()
        order = [n for n in curves if n != self.selected] + [self.selected]
        for name in order:
            curve = curves[name]
            shown = curve.value <= Y_MAX
            highlighted = name == self.selected
            plt.plot(
                curve.z[shown].tolist(),
                curve.value[shown].tolist(),
                marker="hd" if highlighted else "braille",
                color=LOSS_COLORS[name],
                label=name if highlighted else None,
            )
        for name in order:  # over every line, so that no curve hides another's letters
            curve = curves[name]
            tags = tag_points(name, curve.z)
            tags = tags[curve.value[tags] <= Y_MAX]
            plt.scatter(curve.z[tags].tolist(), curve.value[tags].tolist(), marker=LOSS_LETTERS[name], color=LOSS_COLORS[name])
        plt.xlim(*Z_RANGE)
        plt.ylim(0, Y_MAX)
        plt.title("L(z, t = 1) against z (Figure 3)")
        return super().render()
