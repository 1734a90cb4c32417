"""The installed `tui-clf` always ends, and gives the terminal back, in a real terminal (tmux).

A signal (kill, a dropped ssh connection) ends the app through Textual's shutdown: the pane
is back at the shell prompt on the normal screen with mouse reporting off, and the exit
status is the CLI's (143 for SIGTERM, 129 for SIGHUP). A FIFO opened through the dialog is
refused at once, and q then ends the process (a blocked read used to keep it running on a
blank screen).
"""

from __future__ import annotations

import os
import re
import signal
from pathlib import Path

import pytest
from served_app import wait_ended
from tmux_terminal import Terminal, installed_script, needs_tmux

pytestmark = needs_tmux

PROMPT = "ready$ "
AT_PROMPT = re.compile(r"ready\$\s*$")  # the last line is an empty prompt (capture-pane drops trailing spaces)
EXIT = re.compile(r"\[exit (\d+)\]")
FIRST_SCREEN = "space Run"


@pytest.fixture
def shell(tmp_path: Path):
    """A bash in a 80 x 24 pane, with a prompt to wait for."""
    term = Terminal(["bash", "--norc", "--noprofile"], cwd=tmp_path, env={"PS1": PROMPT})
    try:
        term.wait_for(AT_PROMPT.search, "the shell prompt")
        yield term
    finally:
        term.close()


def start_app(shell: Terminal, args: str = "") -> int:
    """Run the installed tui-clf in the shell, the exit status printed after it; its pid once its first screen shows."""
    shell.press(f"'{installed_script()}' tui --epochs 100000 {args}; echo \"[exit $?]\"", "Enter")
    shell.wait_for(lambda s: FIRST_SCREEN in s, "the app's first screen")
    shell_pid = int(shell.tmux("display", "-p", "-t", "app", "#{pane_pid}").stdout)
    (child,) = Path(f"/proc/{shell_pid}/task/{shell_pid}/children").read_text().split()
    return int(child)


def pane_flags(shell: Terminal) -> tuple[str, str]:
    """(alternate screen on, mouse reporting on) of the pane: "0" or "1" each."""
    flags = shell.tmux("display", "-p", "-t", "app", "#{alternate_on} #{mouse_any_flag}").stdout.split()
    return flags[0], flags[1]


def gone(pid: int, within: float) -> bool:
    """Whether the process has ended within `within` seconds: reaped, or a zombie.

    With its shell gone the app's reaper is PID 1, which in a container may take seconds, or
    never come: a zombie has ended all the same (it runs no code and holds no terminal).
    """
    return wait_ended([pid], within) == []


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGHUP, 129)], ids=["SIGTERM", "SIGHUP"])
def test_a_signal_while_training_gives_the_terminal_back_and_exits_with_its_code(shell, signum, code):
    pid = start_app(shell)
    assert pane_flags(shell) == ("1", "1"), "the app runs on the alternate screen with the mouse on"
    shell.press("space")
    shell.wait_for(lambda s: "running" in s, "training to start")
    os.kill(pid, signum)
    screen = shell.wait_for(lambda s: EXIT.search(s) and AT_PROMPT.search(s), "the shell prompt after the app")
    assert EXIT.search(screen).group(1) == str(code)
    assert f"interrupted by {signal.Signals(signum).name}" in screen
    assert pane_flags(shell) == ("0", "0"), "the normal screen, mouse reporting off"
    assert gone(pid, 1.0)


def test_a_dropped_connection_ends_the_app(shell):
    pid = start_app(shell)
    shell.press("space")
    shell.wait_for(lambda s: "running" in s, "training to start")
    shell.close()  # the terminal goes away, as with a dropped ssh connection: SIGHUP, then no terminal at all
    assert gone(pid, 5.0), "the app outlived its terminal"


def test_a_fifo_is_refused_in_the_dialog_and_q_then_ends_the_process(shell, tmp_path: Path):
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    pid = start_app(shell)
    shell.press("o")
    shell.wait_for(lambda s: "Open a data file" in s, "the open-file dialog")
    shell.press(str(fifo), "Enter")
    shell.wait_for(lambda s: "FIFO" in s and "not a regular file" in s, "the FIFO to be refused")
    shell.press("Escape")
    shell.wait_for(lambda s: "Open a data file" not in s, "the dialog to close")
    shell.press("q")
    screen = shell.wait_for(lambda s: EXIT.search(s), "the app to end")
    assert EXIT.search(screen).group(1) == "0"
    assert gone(pid, 1.0), "the process is still running after q"
