"""While a run steps as fast as it goes, the worker waits for each batch to be drawn (jobs.py), so
keys reach the UI between batches: tiny steps used to starve it of the GIL (a pause took minutes)."""

import time

from app_pilot import ready, wait_for

from tui_clf.app.messages import StepsTaken


async def test_a_fast_minibatch_run_pauses_at_once_and_every_batch_is_drawn(make_app):
    app = make_app(data="breast_cancer", batch_size=32, epochs=10**6)
    batches: list[StepsTaken] = []
    async with app.run_test(size=(120, 40), message_hook=lambda m: batches.append(m) if isinstance(m, StepsTaken) else None) as pilot:
        await ready(pilot)
        started = time.monotonic()
        await pilot.press("space")
        await wait_for(pilot, lambda: len(batches) >= 5, "five batches of steps")
        await pilot.press("space")
        await wait_for(pilot, lambda: app.state == "paused", "the pause")
        # Latency, not speed: without the wait this took a minute here (a batch lasts at most 0.5 s).
        assert time.monotonic() - started < 15
        await wait_for(pilot, lambda: all(batch.drawn.is_set() for batch in batches), "every batch drawn")
        assert len(app.history) == sum(len(batch.records) for batch in batches) + 1  # every step reached the curves
