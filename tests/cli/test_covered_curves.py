"""A curve that a printed plot draws (all but) entirely under later ones is named beside the one covering it.

Curves are merged by value when they stay within a dot of each other; but two curves that differ
can still fall on the same cells. After 200 steps at lr 0.5 the train error (1.1%) lay under
the validation error's marks (4.4%) from end to end, and the legend still listed `train` on
its own, a curve nowhere to be seen.
"""

import io
import re
from types import SimpleNamespace

import numpy as np
import plotext as plt
import pytest
from plot_frames import boxes, inside, legend
from rich.console import Console

from tui_clf.cli.compare_report import Drawn, legend_entries
from tui_clf.cli.covered_curves import Covered, name_covered_curves
from tui_clf.cli.plots import print_plot

ESCAPE = re.compile(r"\x1b\[[0-9;]*m")
TERMINALS = {"pipe": {"COLUMNS": "80"}, "colour": {"FORCE_COLOR": "1", "TERM": "xterm-256color", "COLUMNS": "80"}}


def plot_legends(text: str) -> list[dict[str, str]]:
    """The legend (label -> marker) inside each plotext plot of `text`."""
    lines = ESCAPE.sub("", text).splitlines()
    return [legend(inside(lines, box)) for box in boxes(lines) if lines[box[0] + 1:box[0] + 2] and "┤" in lines[box[0] + 1]]


@pytest.mark.parametrize("terminal", list(TERMINALS))
def test_a_train_error_under_the_validation_error_is_named_beside_it(cli, terminal):
    result = cli("train", "--data", "breast_cancer", "--lr", "0.5", "--epochs", "200", env=TERMINALS[terminal])
    assert result.exit_code == 0, result.stderr
    cost, error = plot_legends(result.stdout)
    assert list(cost) == ["train", "validation"], cost
    assert list(error) == ["validation ≈ train"], f"the covered train error is not named: {error}"


@pytest.mark.parametrize("terminal", list(TERMINALS))
def test_squared_errors_error_under_the_others_is_named_among_them(cli, terminal):
    result = cli("compare", "--data", "blobs-outliers", "--lr", "0.1", env=TERMINALS[terminal])
    assert result.exit_code == 0, result.stderr
    text = ESCAPE.sub("", result.stdout)
    error_legend = " ".join(re.search(r"\n +step *\n(.*?)each loss's cost", text, re.S).group(1).split())
    assert re.search(r"≈ squared-error\b", error_legend), f"squared-error is not named: {error_legend}"
    assert not re.search(r"(?:^|\s)(\S)\1 squared-error\b", error_legend), f"squared-error has an entry of its own: {error_legend}"


def draw(curves: list[tuple[str, list[float]]]) -> tuple[list[Covered], str]:
    """Print one plot of `curves` over x = 0 .. 39 without colour; its covered curves and its text."""
    out = io.StringIO()
    console = Console(file=out, width=60, color_system=None)
    plt.clear_figure()
    for (label, y), marker in zip(curves, "•+x"):
        plt.plot(list(range(len(y))), y, label=label, marker=marker)
    [covered] = print_plot(console, 60, 16)
    return covered, out.getvalue()


def test_a_curve_on_the_cells_of_a_later_one_is_covered_though_its_values_differ():
    covered, text = draw([("low", [0.40] * 40), ("high", [0.41] * 40), ("far", [0.0] * 20 + [1.0] * 20)])
    assert covered == [Covered(curve=0, by=1)]
    assert "high ≈ low" in text and "•• low" not in text


def test_a_curve_that_shows_where_the_later_one_leaves_it_is_not_covered():
    covered, text = draw([("bends", [0.40] * 30 + [0.9] * 10), ("flat", [0.41] * 40), ("far", [0.0] * 40)])
    assert covered == []
    assert "≈" not in text


def test_a_curve_covered_by_one_covered_in_turn_is_named_with_both():
    plot = SimpleNamespace(label=["a", "b", "c"])
    name_covered_curves(plot, [Covered(curve=0, by=1), Covered(curve=1, by=2)])
    assert plot.label == [None, None, "c ≈ b ≈ a"]
    drawn = [Drawn((loss,), loss, np.zeros(2), np.zeros(2)) for loss in ("hinge", "squared-error", "zero-one")]
    [entry] = legend_entries(drawn, [Covered(curve=0, by=1), Covered(curve=1, by=2)])
    assert entry.label == "zero-one ≈ squared-error ≈ hinge" and entry.losses == ("zero-one", "squared-error", "hinge")
