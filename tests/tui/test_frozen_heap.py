"""A run freezes the objects that existed before it out of the cyclic GC, and gives them back when it ends."""

import gc
import weakref

import pytest
from app_pilot import ready, wait_for

from tui_clf.app.frozen_heap import frozen_heap


class Node:
    """A cycle's member: only the cyclic GC can free it."""

    def __init__(self) -> None:
        self.me = self


def test_a_cycle_dropped_during_the_run_is_collected_after_it_even_when_the_run_fails():
    node = Node()
    alive = weakref.ref(node)
    with pytest.raises(RuntimeError), frozen_heap():
        del node
        gc.collect()
        assert alive() is not None  # frozen: no collection walks it
        raise RuntimeError("the run failed")
    assert gc.get_freeze_count() == 0
    gc.collect()
    assert alive() is None


async def test_the_heap_is_frozen_while_the_app_trains_and_given_back_when_it_pauses(make_app):
    app = make_app(data="breast_cancer", epochs=10**6)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert gc.get_freeze_count() == 0
        await pilot.press("space")
        await wait_for(pilot, lambda: app.progress.steps > 10, "ten steps")
        assert gc.get_freeze_count() > 1000  # the app's widgets and the data, at least
        await pilot.press("space")
        await wait_for(pilot, lambda: app.state == "paused", "the pause")
        await wait_for(pilot, lambda: gc.get_freeze_count() == 0, "the heap given back")
