"""The app's "Naive CE" view: where the naive cross-entropy breaks, in the run's own dtype, as the engine finds it."""

from __future__ import annotations

import pytest
from app_pilot import press_at_once, ready, screen_text, wait_for

from engine.stability import break_points, stability_curve
from tui_clf.app.app import ClassifierApp
from tui_clf.config import RunConfig


@pytest.mark.parametrize("dtype", ["float64", "float32"])
async def test_the_view_shows_where_the_naive_form_breaks_in_the_runs_dtype(dtype):
    app = ClassifierApp(RunConfig.from_sources(None, dtype=dtype), show_timings=False, pace=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await press_at_once(pilot, "v", "v", "v", "v", "v", "v")
        tabs = app.query_one("#view-tabs")
        await wait_for(pilot, lambda: tabs.active == "tab-stability", "the Naive CE view")
        text = "\n".join(screen_text(app))
        for label in (1, 0):
            (value_break,) = [b for b in break_points(stability_curve(dtype, label)) if b.quantity == "value"]
            assert f"t={label}: naive gives inf from z = {value_break.z:.2f}" in text
        assert f"cross-entropy, {dtype}" in text
