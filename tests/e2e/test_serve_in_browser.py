"""`tui-clf serve` in a real browser: headless Chromium opens the page, trains with space, and leaves nothing behind.

The page is textual-serve's: xterm.js draws the app on a canvas, so its text is read from the
terminal's own buffer, which the page keeps private: a script run before the page's own (CDP's
addScriptToEvaluateOnNewDocument) keeps each xterm.js Terminal as the page creates it.
"""

from __future__ import annotations

import re
import signal

import pytest
from headless_chromium import Chromium, needs_chromium, wait_until
from served_app import ServedApp, ended

pytestmark = needs_chromium

# textual.js stores its xterm.js Terminal as `this.terminal`: a setter on Object.prototype sees that assignment.
KEEP_TERMINALS = """
Object.defineProperty(Object.prototype, "terminal", {
  configurable: true,
  set(value) {
    Object.defineProperty(this, "terminal", {value, writable: true, configurable: true, enumerable: true});
    if (value && value.buffer) window.keptTerminals = [...(window.keptTerminals || []), value];
  },
});
"""
# The rows the terminal shows now, as text (null until the page has made its terminal).
SCREEN = """(() => {
  const terminal = (window.keptTerminals || [])[0];
  if (!terminal) return null;
  const buffer = terminal.buffer.active, rows = [];
  for (let y = 0; y < terminal.rows; y++) rows.push(buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? "");
  return rows.join("\\n");
})()"""
STEP = re.compile(r"\bstep (\d+)/\d+")


@pytest.fixture
def served(tmp_path):
    # Many epochs, so training is still running when the server is stopped.
    server = ServedApp(tmp_path, "--epochs", "100000")
    yield server
    server.stop(signal.SIGKILL)


@pytest.fixture
def browser(tmp_path):
    (tmp_path / "profile").mkdir()
    chromium = Chromium(tmp_path / "profile")
    yield chromium
    chromium.close()


def step_shown(screen: str | None) -> int | None:
    match = STEP.search(screen or "")
    return int(match.group(1)) if match else None


def test_a_browser_trains_through_serve_and_stopping_the_server_ends_its_app(served, browser):
    assert f"serving the app at http://127.0.0.1:{served.port}" in served.stderr()
    assert "other machines cannot reach it" in served.stderr()

    browser.call("Network.enable")
    browser.call("Page.enable")
    browser.call("Page.addScriptToEvaluateOnNewDocument", source=KEEP_TERMINALS)
    browser.call("Page.navigate", url=served.url)

    def screen() -> str | None:
        return browser.evaluate(SCREEN)

    def what_was_shown() -> str:
        text = screen()
        page = text if text is not None else "no terminal (does textual.js still set `this.terminal`?)"
        return f"; the page showed:\n{page}\nthe server said:\n{served.stderr()}"

    first = wait_until(lambda: step_shown(screen()) is not None and screen(), "the app to draw", 60, what_was_shown)
    assert step_shown(first) == 0 and "space" in first, first

    browser.evaluate("window.keptTerminals[0].focus()")
    browser.press(" ", "Space", text=" ")
    wait_until(lambda: (step_shown(screen()) or 0) > 0, "the step counter to rise after space", 30, what_was_shown)
    assert "running" in screen()

    origin = served.url.rstrip("/")
    asked = [url for url in browser.requested_urls() if not url.startswith("data:")]
    assert any(url.startswith(f"ws://127.0.0.1:{served.port}/ws") for url in asked), asked
    assert [url for url in asked if not url.startswith((origin, origin.replace("http", "ws", 1)))] == [], "the page reached beyond the server"

    apps = served.apps()
    assert len(apps) == 1 and all(argv[1:5] == ["-P", "-m", "tui_clf", "tui"] for argv in apps.values()), apps
    assert served.stop(signal.SIGTERM) == 143, served.stderr()
    assert [pid for pid in apps if not ended(pid)] == [], "the server exited before its app"
