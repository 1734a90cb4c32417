"""Without colour (NO_COLOR, or a pipe) every curve of every plot is still told apart by its marker.

In colour, every series is a braille line in its own colour; without colour, the same braille
would make train and validation, or seven losses, one indistinguishable tangle.
"""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from plot_frames import boxes, inside, legend

from engine import LOSSES

TUI_CLF = str(Path(sys.executable).parent / "tui-clf")
ESCAPE = re.compile(r"\x1b\[")
SAME_CURVE = re.compile(" [=≈] ")  # a label naming curves that a plot this size draws on the same dots

PLOTS = {
    "train": (["train", "-d", "breast_cancer", "--epochs", "20"], [["train", "validation"], ["train", "validation"]]),
    "losses": (["losses"], [list(LOSSES)]),
    "losses --derivatives": (["losses", "--derivatives"], [list(LOSSES), list(LOSSES)]),
    "gradcheck --h-sweep": (["gradcheck", "-d", "breast_cancer", "--h-sweep"], [["forward (Eq. 26)", "central (Eq. 27)"]]),
}


def plots(text: str) -> list[list[str]]:
    """The inside of every plot (a box with a legend) in `text`, row by row."""
    lines = text.splitlines()
    return [rows for rows in (inside(lines, box) for box in boxes(lines)) if legend(rows)]


def assert_series_told_apart(rows: list[str], names: list[str]) -> None:
    """Each name is in the legend, each legend entry has a marker of its own, and each marker is drawn."""
    entries = legend(rows)
    named = [name for label in entries for name in SAME_CURVE.split(label)]
    assert sorted(named) == sorted(names), f"legend {entries} does not name {names}"
    assert len(set(entries.values())) == len(entries), f"two series share a marker: {entries}"
    curves = "\n".join(rows[len(entries):])
    for label, marker in entries.items():
        assert marker in curves, f"{label!r} ({marker}) is not drawn:\n" + "\n".join(rows)


@pytest.mark.parametrize("name", list(PLOTS))
def test_under_no_color_each_series_has_its_own_marker(cli, name):
    args, series = PLOTS[name]
    result = cli(*args, env={"NO_COLOR": "1", "COLUMNS": "100"})
    assert result.exit_code == 0, result.stderr
    found = plots(result.stdout)
    assert len(found) == len(series), result.stdout
    for rows, names in zip(found, series):
        assert_series_told_apart(rows, names)


@pytest.mark.parametrize("name", ["train", "losses"])
def test_through_a_pipe_each_series_has_its_own_marker_and_no_escape_codes(name):
    args, series = PLOTS[name]
    result = subprocess.run([TUI_CLF, *args], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert not ESCAPE.search(result.stdout)
    for rows, names in zip(plots(result.stdout), series, strict=True):
        assert_series_told_apart(rows, names)
