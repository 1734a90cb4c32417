"""Fixtures for the app's tests: an app on a given config, timings hidden, as fast as it goes."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tui_clf.app import ClassifierApp
from tui_clf.config import RunConfig


@pytest.fixture
def make_app() -> Callable[..., ClassifierApp]:
    """make_app(data=..., loss=..., ...) -> an app on that config (options as RunConfig.from_sources takes them)."""

    def make(**options: object) -> ClassifierApp:
        app = ClassifierApp(RunConfig.from_sources(None, **options), show_timings=False)
        app.controls.pace = None  # no pacing in tests: as fast as the machine goes
        return app

    return make
