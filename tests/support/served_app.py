"""The installed `tui-clf serve` as a subprocess on a free loopback port, and the app processes it starts.

The processes are read from /proc (Linux): a child of the server is a process whose parent is it.
"""

from __future__ import annotations

import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest
from tmux_terminal import installed_script

# Generous: on a loaded 2-core machine a cold start of the CLI can take seconds.
START_SECONDS = 30
STOP_SECONDS = 15


def free_port() -> int:
    """A TCP port nothing listens on now (the kernel's choice; the server binds it a moment later)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def process_state(pid: int) -> str | None:
    """The state letter of process `pid` (R, S, Z for a zombie, ...), or None when there is no such process."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    return stat.rpartition(")")[2].split()[0]  # after the command name, which may hold spaces and parentheses


def children_of(pid: int) -> dict[int, list[str]]:
    """The living child processes of `pid`: pid -> argv."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            argv = (entry / "cmdline").read_bytes().split(b"\0")[:-1]
        except (FileNotFoundError, ProcessLookupError):
            continue  # it ended while we looked
        after_name = stat.rpartition(")")[2].split()
        if int(after_name[1]) == pid and after_name[0] != "Z":
            found[int(entry.name)] = [part.decode() for part in argv]
    return found


class ServedApp:
    """`tui-clf serve --port PORT *options` running in `cwd`; stderr goes to a file to read."""

    def __init__(self, cwd: Path, *options: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.stderr_path = cwd / "serve-stderr.txt"
        with self.stderr_path.open("w") as stderr:
            self.process = subprocess.Popen(
                [installed_script(), "serve", "--port", str(self.port), *options],
                cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=stderr,
            )
        deadline = time.monotonic() + START_SECONDS
        while not self._accepts_connections():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop(signal.SIGKILL)
                pytest.fail(f"tui-clf serve did not start listening on port {self.port}:\n{self.stderr()}")
            time.sleep(0.1)

    def _accepts_connections(self) -> bool:
        with socket.socket() as probe:
            return probe.connect_ex(("127.0.0.1", self.port)) == 0

    def stderr(self) -> str:
        return self.stderr_path.read_text()

    def apps(self) -> dict[int, list[str]]:
        """The app processes the server runs now: pid -> argv."""
        return children_of(self.process.pid)

    def stop(self, signum: int = signal.SIGTERM) -> int:
        """Send `signum` and return the exit code; fail if the server is still running STOP_SECONDS later."""
        if self.process.poll() is None:
            self.process.send_signal(signum)
        try:
            return self.process.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            pytest.fail(f"tui-clf serve was still running {STOP_SECONDS} s after signal {signum}:\n{self.stderr()}")


def ended(pid: int) -> bool:
    """Whether process `pid` has ended (gone, or a zombie no one has reaped yet)."""
    return process_state(pid) in (None, "Z")


def wait_ended(pids, timeout: float = STOP_SECONDS) -> list[int]:
    """The pids among `pids` still running after `timeout` seconds (empty when all ended)."""
    deadline = time.monotonic() + timeout
    while (left := [pid for pid in pids if not ended(pid)]) and time.monotonic() < deadline:
        time.sleep(0.1)
    return left
