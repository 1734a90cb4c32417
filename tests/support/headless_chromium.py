"""A real browser for end-to-end tests: headless Chromium driven over the Chrome DevTools Protocol.

Runs the system's Chromium (Debian's `chromium` package) with a fresh profile in a temporary
folder, and speaks CDP to its page over a websocket (the `websockets` package): JSON commands
with an id, answered with the same id; events in between are kept in `events`. Nothing is
downloaded: no browser build of its own, no driver.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from websockets.sync.client import connect

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install -y chromium); this test drives a real browser")


def wait_until(condition, what: str, timeout: float, describe=lambda: ""):
    """Poll `condition()` until it returns something true, and return it; fail naming `what` after `timeout` s."""
    deadline = time.monotonic() + timeout
    while True:
        found = condition()
        if found:
            return found
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout:g} s waiting for {what}{describe()}")
        time.sleep(0.1)


class Chromium:
    """One headless Chromium with one page, `width` x `height` CSS pixels, driven by CDP."""

    def __init__(self, profile: Path, width: int = 1280, height: int = 800) -> None:
        args = [
            CHROMIUM, "--headless=new", "--remote-debugging-port=0", f"--user-data-dir={profile}",
            f"--window-size={width},{height}", "--no-first-run", "--no-default-browser-check",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "about:blank",
        ]
        if os.geteuid() == 0:
            args.insert(1, "--no-sandbox")  # Chromium refuses to run its sandbox as root (CI runs as root)
        self.process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.ids = itertools.count(1)
        self.events: list[dict] = []
        port_file = profile / "DevToolsActivePort"  # Chromium writes the port it chose here
        port = wait_until(lambda: port_file.exists() and port_file.read_text().split("\n")[0], "Chromium's DevTools port", 30)
        self.connections = contextlib.ExitStack()  # websockets closes a connection opened in a `with` when it ends
        self.socket = self.connections.enter_context(connect(self._page_websocket(int(port)), max_size=None, open_timeout=30))

    def _page_websocket(self, port: int) -> str:
        def page() -> str | None:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as answer:
                targets = json.load(answer)
            return next((t["webSocketDebuggerUrl"] for t in targets if t["type"] == "page"), None)

        return wait_until(page, "Chromium's page", 30)

    def call(self, method: str, timeout: float = 30, **params) -> dict:
        """Send one CDP command and return its result (events that arrive meanwhile go to `events`)."""
        command_id = next(self.ids)
        self.socket.send(json.dumps({"id": command_id, "method": method, "params": params}))
        deadline = time.monotonic() + timeout
        while True:
            message = json.loads(self.socket.recv(timeout=max(deadline - time.monotonic(), 0.01)))
            if message.get("id") == command_id:
                if "error" in message:
                    pytest.fail(f"CDP {method} failed: {message['error']}")
                return message["result"]
            self.events.append(message)

    def evaluate(self, expression: str) -> object:
        """The value of a JavaScript expression in the page."""
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            pytest.fail(f"the page threw on {expression!r}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def press(self, key: str, code: str, text: str = "") -> None:
        """One key pressed and released, as a keyboard would send it to the focused element."""
        for kind in ("keyDown", "keyUp"):
            self.call("Input.dispatchKeyEvent", type=kind, key=key, code=code, text=text if kind == "keyDown" else "")

    def requested_urls(self) -> list[str]:
        """Every URL the page asked for (documents, scripts, styles, fonts, images, websockets), in order."""
        self.call("Runtime.evaluate", expression="0")  # drains the events that came before now
        return [
            event["params"]["request"]["url"] if event["method"] == "Network.requestWillBeSent" else event["params"]["url"]
            for event in self.events
            if event.get("method") in ("Network.requestWillBeSent", "Network.webSocketCreated")
        ]

    def close(self) -> None:
        self.connections.close()
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
