"""`tui-clf serve` without a browser: its page, its app processes, and how they end.

A browser's side is played here by a websocket client on the page's own websocket (/ws), the
one textual.js opens: each connection starts one app process, as a browser tab does.
"""

from __future__ import annotations

import re
import signal
import time
import urllib.request
from contextlib import ExitStack

import pytest
from served_app import ServedApp, ended, wait_ended
from websockets.sync.client import connect

from engine.bundled import bundled_file

def open_connection(stack: ExitStack, served: ServedApp):
    """A websocket on the page's /ws, as textual.js opens it; it reads all that arrives (no flow control)."""
    return stack.enter_context(connect(f"ws://127.0.0.1:{served.port}/ws?width=100&height=30", max_queue=None, open_timeout=30))


def read_until(connection, *markers: bytes, timeout: float = 60) -> bytes:
    """What the app sent, up to the first message by which it has sent every one of `markers`."""
    received, deadline = b"", time.monotonic() + timeout
    while not all(marker in received for marker in markers):
        try:
            message = connection.recv(timeout=max(deadline - time.monotonic(), 0.01))
        except TimeoutError:
            pytest.fail(f"the app did not send all of {markers} within {timeout:g} s; it sent {len(received)} bytes")
        received += message if isinstance(message, bytes) else b""
    return received


@pytest.fixture
def served(tmp_path):
    server = ServedApp(tmp_path, "--epochs", "100000")
    yield server
    server.stop(signal.SIGKILL)


def test_the_page_loads_nothing_from_the_internet_and_points_where_the_browser_came_from(served):
    # As through `ssh -L 9000:localhost:PORT`: the browser asks for localhost:9000.
    request = urllib.request.Request(served.url, headers={"Host": "localhost:9000"})
    with urllib.request.urlopen(request, timeout=30) as answer:
        page = answer.read().decode()
    assert 'data-session-websocket-url="ws://localhost:9000/ws"' in page
    assert "googleapis" not in page
    assert "http://localhost:9000/static/fonts/RobotoMono" in page, "the font textual-serve ships stands in for Google's"
    links = [url for pair in re.findall(r"""(?:href|src)=["']([^"']+)|url\(["']?([^"')]+)""", page) for url in pair if url]
    assert links and [url for url in links if not url.startswith("http://localhost:9000/")] == []


def test_ctrl_c_ends_the_server_after_every_browsers_app(served):
    with ExitStack() as stack:
        for _ in range(2):
            read_until(open_connection(stack, served), b"step 0/")
        apps = served.apps()
        assert len(apps) == 2, apps
        assert served.stop(signal.SIGINT) == 130, served.stderr()
        assert [pid for pid in apps if not ended(pid)] == [], "the server exited before its apps"
    assert "interrupted by Ctrl-C (SIGINT)" in served.stderr()


def test_an_app_whose_server_was_killed_ends_by_itself(served):
    with ExitStack() as stack:
        read_until(open_connection(stack, served), b"step 0/")
        apps = served.apps()
        assert len(apps) == 1, apps
        served.stop(signal.SIGKILL)  # no chance to end its apps: each must notice its server has gone
        assert wait_ended(apps) == [], f"apps left running, orphaned: {apps}"


def test_each_browsers_app_runs_with_the_options_given_word_for_word_with_no_shell_in_between(tmp_path):
    data = tmp_path / "two words; $(touch pwned) 'quoted'.csv"
    data.write_bytes(bundled_file("blobs").read_bytes())
    served = ServedApp(tmp_path, "--data", str(data), "--loss", "hinge", "--lr", "0.05", "--no-standardize")
    try:
        with ExitStack() as stack:
            drawn = read_until(open_connection(stack, served), b"step 0/")
            (argv,) = served.apps().values()
    finally:
        served.stop()
    assert argv[1:] == ["-P", "-m", "tui_clf", "tui", f"--data={data}", "--no-standardize", "--loss=hinge", "--lr=0.05"]
    assert b"hinge on " in drawn
    assert not (tmp_path / "pwned").exists()


def test_a_tour_stop_given_to_serve_opens_each_browsers_app_at_that_stop(tmp_path):
    served = ServedApp(tmp_path, "--tour-stop", "2.2")
    try:
        with ExitStack() as stack:
            read_until(open_connection(stack, served), "Tour of the lecture · stop 2 of 9".encode(), b"Squared error and the confidently right point")
    finally:
        served.stop()
