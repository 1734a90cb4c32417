"""Every optimiser and schedule name shows whole in the Setup section, compact (80x24) and side by side (110x34, 120x40)."""

import pytest
from textual.widgets import Select

from engine.optim import OPTIMIZERS
from engine.schedules import SCHEDULES
from app_pilot import settle, widget_lines


@pytest.mark.parametrize("size", [(80, 24), (110, 34), (120, 40)])
async def test_optimiser_and_schedule_names_are_never_cut(make_app, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("1")
        await settle(pilot)
        for field, names in (("#optimizer", OPTIMIZERS), ("#schedule", SCHEDULES)):
            select = app.query_one(field, Select)
            for name in names:
                select.value = name
                await settle(pilot)
                shown = " ".join(widget_lines(app, select))
                assert f"{name} " in f"{shown} ", (field, name, shown)
