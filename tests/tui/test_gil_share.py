"""While a run steps as fast as it goes, the UI thread gets the GIL back within 1 ms, not 5 (gil_share.py)."""

import sys

from app_pilot import ready, settle, wait_for

from tui_clf.app.gil_share import RUN_SWITCH_SECONDS


async def test_a_run_shortens_the_switch_interval_and_its_end_puts_it_back(make_app):
    before = sys.getswitchinterval()
    app = make_app(data="breast_cancer", batch_size=32, epochs=10**6)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("space")
        await wait_for(pilot, lambda: len(app.history) > 100, "some minibatch steps")
        during = sys.getswitchinterval()
        await pilot.press("space")
        await wait_for(pilot, lambda: app.state == "paused", "the pause")
        await settle(pilot)
        assert during <= RUN_SWITCH_SECONDS < before
        assert sys.getswitchinterval() == before
