"""Thousands of random keys and resizes, in bursts, never waiting between keys: the app lives on and still trains right.

The keys are the app's bindings (the footer's and the sections'), the palette's (ctrl+p,
typing, enter, escape) and the open-file dialog's; the terminal is resized down to 20 x 8
and back. Seeded, so a failure repeats. At the end: no exception, no worker failed, and
after r and s the weights equal one step of a fresh trainer on the same configuration.
"""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
from app_pilot import key_character, settle, wait_for
from textual import events
from textual.app import SystemCommand
from textual.geometry import Size
from textual.screen import Screen
from textual.worker import Worker, WorkerState

import tui_clf.app.app
from engine.pipeline import make_trainer
from tui_clf.app.app import ClassifierApp
from tui_clf.config import RunConfig

SEED = 20240610
EVENTS = 2500
APP_KEYS = [binding.key for binding in ClassifierApp.BINDINGS if binding.key != "q"]  # q would end the test
OTHER_KEYS = ["ctrl+p", "escape", "enter", "down", "up", "tab", "a", "e", "x", "7", "."]
SIZES = [(20, 8), (30, 10), (50, 16), (80, 24), (120, 40), (24, 30), (140, 12)]


class HammeredApp(ClassifierApp):
    """The app without the palette's Quit, which random typing would pick now and then (quitting is no crash)."""

    CSS_PATH = Path(tui_clf.app.app.__file__).with_name(ClassifierApp.CSS_PATH)  # a relative path would be read from here

    def get_system_commands(self, screen: Screen) -> list[SystemCommand]:
        return [command for command in super().get_system_commands(screen) if command.title != "Quit"]


def random_events(rng: random.Random) -> list[str | tuple[int, int]]:
    """EVENTS key names and terminal sizes, mostly the app's own keys."""
    choices: list[str | tuple[int, int]] = []
    for _ in range(EVENTS):
        roll = rng.random()
        if roll < 0.03:
            choices.append(rng.choice(SIZES))
        elif roll < 0.75:
            choices.append(rng.choice(APP_KEYS))
        else:
            choices.append(rng.choice(OTHER_KEYS))
    return choices


def post(app: ClassifierApp, event: str | tuple[int, int]) -> None:
    """A key press or a terminal resize, as the terminal would deliver it."""
    if isinstance(event, tuple):
        size = Size(*event)
        app._driver._size = size  # the headless driver's terminal, as pilot.resize_terminal sets it
        app.post_message(events.Resize(size, size))
    else:
        app.post_message(events.Key(event, key_character(event)))


async def back_to_the_main_screen(pilot) -> None:
    app = pilot.app
    await wait_for(pilot, lambda: app.session is not None, "a session")
    while len(app.screen_stack) > 1:
        assert app.is_running
        await pilot.press("escape")
        await settle(pilot)


async def test_thousands_of_random_keys_and_resizes_leave_the_app_alive_and_training_right(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the palette's "Save screenshot" writes here, and the dialog lists this folder
    failures: list[Worker] = []

    def record_failures(message) -> None:
        if isinstance(message, Worker.StateChanged) and message.state == WorkerState.ERROR:
            failures.append(message.worker)

    rng = random.Random(SEED)
    app = HammeredApp(RunConfig.from_sources(None, epochs=3), show_timings=False, pace=0)
    async with app.run_test(size=(80, 24), message_hook=record_failures) as pilot:
        await wait_for(pilot, lambda: app.session is not None, "the first session")
        hammer = random_events(rng)
        while hammer:
            length = rng.randint(1, 60)
            burst, hammer = hammer[:length], hammer[length:]
            for event in burst:
                post(app, event)
            await pilot.pause()
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        await back_to_the_main_screen(pilot)
        assert app.is_running
        assert not failures, [(worker.group, repr(worker.error)) for worker in failures]

        await pilot.press("r", "s")
        await settle(pilot)
        await wait_for(pilot, lambda: app.progress.steps == 1, "one step from the initial weights")
        config = app.session.config.updated(lr=app.config.training.lr)
        fresh = make_trainer(config.prepare(app.session.dataset), config.training)
        fresh.step()
        np.testing.assert_allclose(app.progress.params.W, fresh.params.W, rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(app.progress.params.b, fresh.params.b, rtol=1e-12, atol=1e-15)
