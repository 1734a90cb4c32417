"""A real terminal for end-to-end tests: one tmux pane on a private server, read by capture-pane.

The private server (-L) never touches a person's sessions; TERM is xterm-256color, as in a
colour terminal emulator.
"""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

TMUX = shutil.which("tmux")
SERVERS = itertools.count()
needs_tmux = pytest.mark.skipif(TMUX is None, reason="tmux is not installed; this test drives a tmux pane")


def installed_script() -> str:
    """The `tui-clf` console script of this environment (next to its Python), else the one on PATH."""
    beside = Path(sys.executable).with_name("tui-clf")
    found = str(beside) if beside.exists() else shutil.which("tui-clf")
    if found is None:
        pytest.fail("the tui-clf console script is not installed: pip install -e .")
    return found


class Terminal:
    """One tmux pane of width x height running `command`, driven by keys and read by capture-pane."""

    def __init__(self, command: list[str], cwd: Path, width: int = 80, height: int = 24, env: dict[str, str] | None = None) -> None:
        # A server of its own: a new session on the one just killed can meet it still shutting down.
        self.server = f"tui-clf-e2e-{os.getpid()}-{next(SERVERS)}"
        env = {**os.environ, "TERM": "xterm-256color", **(env or {})}
        started = self.tmux("new-session", "-d", "-s", "app", "-x", str(width), "-y", str(height), "-c", str(cwd), *command, env=env)
        if started.returncode != 0:
            pytest.fail(f"tmux could not start the pane: {started.stderr.strip()}")

    def tmux(self, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
        return subprocess.run([TMUX, "-L", self.server, *args], capture_output=True, text=True, env=env, timeout=30)

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "app").stdout

    def scrollback(self, escapes: bool = False) -> str:
        """Everything the pane printed, scrolled-off lines too, a line wrapped by tmux joined again."""
        return self.tmux("capture-pane", "-p", "-J", "-S", "-", *(["-e"] if escapes else []), "-t", "app").stdout

    def press(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "app", *keys)

    def running(self) -> bool:
        return self.tmux("has-session", "-t", "app").returncode == 0

    def wait_for(self, condition, what: str, timeout: float = 20.0, read=None) -> str:
        """Poll the screen (or `read()`) until condition(text) holds; fail with the last text after `timeout`."""
        read = read or self.screen
        deadline = time.monotonic() + timeout
        while True:
            text = read()
            if condition(text):
                return text
            if time.monotonic() > deadline:
                pytest.fail(f"timed out waiting for {what}; the screen was:\n{text}")
            time.sleep(0.1)

    def close(self) -> None:
        self.tmux("kill-server")
