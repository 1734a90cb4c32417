"""The CLI's plots in a real colour terminal (tmux, TERM=xterm-256color) at 80, 120 and 200 columns.

plotext colours with escape codes; if rich counts them as text it wraps every plot line and
the frame falls apart (`0.693┤ ⢕⢕ train` on one line, `│0.450┤ ⢕⢕ train` on the next). Each
command's whole output is read back from the pane and its frames are checked line by line.
"""

from __future__ import annotations

import re

import pytest
from plot_frames import boxes
from tmux_terminal import Terminal, installed_script, needs_tmux

pytestmark = needs_tmux

LEGEND = "⢕⢕ "  # plotext's legend mark for a braille series, which colour tells apart
CROSS_ENTROPIES = "cross-entropy = cross-entropy-naive = softmax-cross-entropy"
LOSS_LEGEND = ["zero-one", "squared-error", "logistic-squared-error", CROSS_ENTROPIES, "hinge"]
COMMANDS = {
    "train": ("train -d breast_cancer --epochs 20", ["train", "validation"]),
    "losses": ("losses", LOSS_LEGEND),
    "losses --derivatives": ("losses --derivatives", LOSS_LEGEND),
    "gradcheck --h-sweep": ("gradcheck -d breast_cancer --h-sweep", ["forward (Eq. 26)", "central (Eq. 27)"]),
    "convexity": ("convexity -d breast_cancer --segments 24", []),
    "compare": ("compare -d blobs-outliers", ["zero-one", "hinge ≈ squared-error"]),  # squared error lies under hinge
}
DONE = re.compile(r"\[exit (\d+)\]")
ESCAPE = re.compile(r"\x1b\[[0-9;]*m")


def run_in_tmux(args: str, width: int, tmp_path) -> tuple[str, str]:
    """The command's whole output as the pane shows it: (plain text, text with colour escapes)."""
    command = f"'{installed_script()}' {args}; echo \"[exit $?]\"; sleep 600"
    terminal = Terminal(["sh", "-c", command], cwd=tmp_path, width=width, height=50)
    try:
        text = terminal.wait_for(DONE.search, f"`tui-clf {args}` to end", timeout=30, read=terminal.scrollback)
        return text, terminal.scrollback(escapes=True)
    finally:
        terminal.close()


def assert_frame_intact(lines: list[str], box: tuple[int, int, int, int]) -> None:
    """Every row between the borders starts at the y axis (┤ at a tick, │ between) and ends at │.

    A rich table's rows start and end at its border too, its header in heavy lines.
    """
    top, bottom, left, right = box
    assert lines[bottom][right] == "┘", f"bottom border of the box at row {top} ends early:\n" + "\n".join(lines[top:bottom + 1])
    for row in range(top + 1, bottom):
        line = lines[row]
        assert line[left:left + 1] in ("┤", "│", "┃", "┡"), f"row {row} does not start at the y axis:\n" + "\n".join(lines[top:bottom + 1])
        assert line[right:right + 1] in ("│", "┃", "┩"), f"row {row} does not end at the border:\n" + "\n".join(lines[top:bottom + 1])


@pytest.mark.parametrize("width", [80, 120, 200])
@pytest.mark.parametrize("name", list(COMMANDS))
def test_a_plot_keeps_its_frame_and_its_colour_in_a_colour_terminal(name, width, tmp_path):
    args, legend = COMMANDS[name]
    text, coloured = run_in_tmux(args, width, tmp_path)
    assert DONE.search(text).group(1) == "0", text
    lines = text.splitlines()

    too_long = [line for line in lines if len(line.rstrip()) > width]
    assert not too_long, f"lines wider than the {width}-column terminal:\n" + "\n".join(too_long)
    found = boxes(lines)
    assert found, f"no plot or table frame in:\n{text}"
    for box in found:
        assert_frame_intact(lines, box)
    for label in legend:
        assert LEGEND + label in text, f"legend entry {label!r} missing:\n{text}"
    if legend:
        legend_lines = [line for line in coloured.splitlines() if LEGEND in ESCAPE.sub("", line)]
        assert any(ESCAPE.search(line) for line in legend_lines), "the plot lost its colour in a colour terminal"
    if name == "convexity":
        for loss in ("logistic-squared-error", "cross-entropy-naive", "softmax-cross-entropy"):
            assert f"│ {loss}" in text, f"{loss} is cut short in the table:\n{text}"
