"""A printed plot's step axis: whole-number ticks whose labels stand apart, whatever the run's length.

After a long run plotext split the steps in four: `0.0      3658.8     7317.5    10976.2 14635.0`,
decimals on steps and two labels one blank apart, the two plots' axes running into one.
"""

import io
import re

import pytest
from rich.console import Console

from tui_clf.cli.train_report import print_curves
from tui_clf.views.bounded_curve import RunCurves
from tui_clf.views.ticks import integer_ticks

LABEL = re.compile(r"\S+")


def run_curves(steps: int) -> RunCurves:
    """Cost and error falling over steps 0 .. `steps`, validation a little above training."""
    curves = RunCurves()
    for key, series in curves.series.items():
        for step in range(steps + 1):
            series.add(step, (1.1 if key.startswith("val") else 1.0) * 0.5 / (1 + step / 100))
    return curves


def tick_rows(text: str) -> list[str]:
    """The rows under a plot's bottom border: its x tick labels."""
    lines = text.splitlines()
    return [lines[i + 1] for i, line in enumerate(lines[:-1]) if "└" in line and "┬" in line]


@pytest.mark.parametrize("width", [60, 80, 120])
@pytest.mark.parametrize("steps", [14635, 20, 999, 123457])
def test_step_labels_are_whole_numbers_at_least_two_blanks_apart(steps, width):
    out = io.StringIO()
    print_curves(Console(file=out, width=width, color_system=None), run_curves(steps))
    [row] = tick_rows(out.getvalue())
    labels = list(LABEL.finditer(row))
    assert len(labels) >= 4, f"each of the two plots should have at least 2 ticks:\n{row}"
    for label in labels:
        assert label.group().isdigit(), f"step label {label.group()!r} is not a whole number:\n{row}"
        assert int(label.group()) <= steps
    for left, right in zip(labels, labels[1:]):
        assert right.start() - left.end() >= 2, f"{left.group()} and {right.group()} touch:\n{row}"


@pytest.mark.parametrize(("low", "high", "count", "ticks"), [
    (0, 14635, 5, [0, 5000, 10000]),
    (0, 10, 5, [0, 5, 10]),  # 2.5 apart is no whole number: 5
    (0, 3, 5, [0, 1, 2, 3]),
    (120, 300, 3, [200, 300]),
])
def test_integer_ticks_are_round_multiples_in_the_range(low, high, count, ticks):
    assert integer_ticks(low, high, count) == ticks
