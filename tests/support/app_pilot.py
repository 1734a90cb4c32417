"""Helpers for driving the app headless: let its workers finish, wait for a state, train.

Waiting is on conditions, never on a fixed sleep: `settle` waits for every worker of the
app and for the messages they posted; `wait_for` polls a condition between event-loop
turns, up to a deadline, for what has no worker to wait on (a paused run's last message).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from textual import events
from textual.pilot import Pilot
from textual.strip import Strip
from textual.widget import Widget
from textual.worker import WorkerFailed

from tui_clf.app.app import ClassifierApp
from tui_clf.app.jobs import WORKER_GROUPS

DEADLINE_SECONDS = 20.0


async def settle(pilot: Pilot) -> None:
    """Wait until none of the app's own workers is pending or running and their messages are handled.

    A message handled during a pause may start another worker, so it loops until a pause
    finds none. Only the app's groups: some Textual widgets (DirectoryTree) keep a worker alive for good.
    """
    app = pilot.app
    while True:
        await pilot.pause()
        workers = [w for w in app.workers if not w.is_finished and w.group in WORKER_GROUPS]
        if not workers:
            return
        try:
            await app.workers.wait_for_complete(workers)
        except WorkerFailed:
            pass  # a failing worker is what some tests are about; the app shows it


async def wait_for(pilot: Pilot, condition: Callable[[], bool], what: str) -> None:
    """Let the app run until `condition()` holds; fail, naming `what`, after DEADLINE_SECONDS."""
    deadline = time.monotonic() + DEADLINE_SECONDS
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await pilot.pause(0.01)


async def press_at_once(pilot: Pilot, *keys: str) -> None:
    """Send `keys` in one burst, as a terminal delivers keys typed ahead: none waits for the one before.

    `pilot.press` lets the app go idle after each key, slower than key repeat; this does not.
    """
    app = pilot.app
    for key in keys:
        app.post_message(events.Key(key, key_character(key)))
    await pilot.pause()


def key_character(key: str) -> str | None:
    """The character a key types, as Textual's pilot gives it: none for a named key (enter, ctrl+p, escape)."""
    if key == "space":
        return " "
    return key if len(key) == 1 else None


async def ready(pilot: Pilot) -> ClassifierApp:
    """The app once its first session is built and shown."""
    await wait_for(pilot, lambda: pilot.app.session is not None, "the first session")
    await settle(pilot)
    return pilot.app


async def train(pilot: Pilot, steps: int) -> None:
    """Run exactly `steps` steps (or until a stop rule) and wait until the app shows them."""
    app = pilot.app
    app.start_training(max_steps=steps)
    await wait_for(pilot, lambda: not app.is_training, "the run to end")
    await settle(pilot)


def screen_strips(app: ClassifierApp) -> list[Strip]:
    """The screen as the terminal gets it: one strip of styled segments per row."""
    return app.screen._compositor.render_strips()


def screen_text(app: ClassifierApp) -> list[str]:
    """The characters of each row of the screen."""
    return [strip.text for strip in screen_strips(app)]


def widget_lines(app: ClassifierApp, widget: Widget) -> list[str]:
    """The characters of `widget`'s rows on the screen."""
    region = widget.region
    return [strip.crop(region.x, region.right).text for strip in screen_strips(app)[region.y : region.bottom]]


async def turn_wheel(pilot: Pilot, widget: Widget, offset: tuple[int, int], notches: int) -> None:
    """Turn the mouse wheel over `widget` at `offset`: `notches` up (negative: down), all at once, as a
    terminal reports them to the app (which passes each to the widget under the mouse)."""
    x, y = widget.region.x + offset[0], widget.region.y + offset[1]
    event = events.MouseScrollUp if notches > 0 else events.MouseScrollDown
    for _ in range(abs(notches)):
        pilot.app.post_message(event(None, x, y, 0, 0, 0, False, False, False, screen_x=x, screen_y=y))
    await pilot.pause()
