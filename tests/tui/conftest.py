"""Fixtures for the app's tests: an app on a given config, timings hidden, as fast as it goes."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tui_clf.app.app import ClassifierApp
from tui_clf.config import RunConfig


@pytest.fixture
def make_app() -> Callable[..., ClassifierApp]:
    """make_app(data=..., loss=..., ...) -> an app on that config (options as RunConfig.from_sources takes them)."""

    def make(**options: object) -> ClassifierApp:
        return ClassifierApp(RunConfig.from_sources(None, **options), show_timings=False, pace=0)  # 0: no pacing

    return make
