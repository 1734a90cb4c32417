"""The installed `tui-clf` in a real terminal (tmux, 80 x 24): open, train, see the cost fall, check, quit.

Runs on a private tmux server (-L) so it never touches a person's sessions, and reads the
screen with capture-pane, as a person would see it.
"""

from __future__ import annotations

import math
import re
import time

import pytest
from tmux_terminal import Terminal, installed_script, needs_tmux

pytestmark = needs_tmux

WIDTH, HEIGHT = 80, 24
BRAILLE = re.compile("[\u2801-\u28ff]")  # the dots plotext draws lines with
COST = re.compile(r"cost (\d+\.\d+)")


@pytest.fixture
def terminal(tmp_path):
    # Many epochs, so it is still training at q; the shell records the exit status (a crash is not 0).
    command = f"'{installed_script()}' tui --epochs 100000; echo $? > exit-status"
    term = Terminal(["sh", "-c", command], cwd=tmp_path, width=WIDTH, height=HEIGHT)
    term.exit_status = tmp_path / "exit-status"
    yield term
    term.close()


def status_cost(screen: str) -> float | None:
    match = COST.search(screen.splitlines()[-2] if screen.strip() else "")
    return float(match.group(1)) if match else None


def test_train_watch_the_cost_fall_check_the_gradient_and_quit(terminal):
    terminal.wait_for(lambda s: "blobs-overlap" in s and "space Run" in s, "the first screen")

    terminal.press("space")
    terminal.wait_for(lambda s: "running" in s, "training to start on the boundary view")
    terminal.press("2")
    terminal.wait_for(lambda s: "error rate" in s and status_cost(s) is not None, "the curves")
    # From ln 2 at the near-zero initial weights; at lr auto most of the fall may be over before the curves show.
    later = terminal.wait_for(
        lambda s: (cost := status_cost(s)) is not None and cost < math.log(2) - 0.05, "the cost to fall"
    )
    assert "cost" in later and "error rate" in later, "the curves section is shown"
    assert BRAILLE.search(later), "the cost curve is drawn"

    terminal.press("g")
    checked = terminal.wait_for(lambda s: "two-sided (Eq. 27)" in s, "the gradient check")
    assert "✓ correct" in checked

    terminal.press("q")
    started = time.monotonic()
    while terminal.running() and time.monotonic() - started < 5:
        time.sleep(0.05)
    assert not terminal.running(), "q did not quit"
    assert time.monotonic() - started < 1.5, "q took more than a second to quit"
    assert terminal.exit_status.read_text().strip() == "0"
