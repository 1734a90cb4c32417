"""The frame budget: the worker gathers steps for longer while the UI's frames cost more CPU."""

import pytest

from tui_clf.app.frame_budget import MAX_FLUSH_SECONDS, UI_SHARE, FrameBudget
from tui_clf.app.training_loop import FLUSH_SECONDS


class CpuClock:
    """The UI thread's CPU seconds, advanced by hand: each frame costs what the test says."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def frames(budget: FrameBudget, clock: CpuClock, cost: float, count: int) -> float:
    """`count` batches arrive, each after a frame of `cost` CPU seconds; the last interval asked."""
    for _ in range(count):
        clock.now += cost
        interval = budget.batch_arrived()
    return interval


def test_cheap_frames_keep_ten_a_second():
    clock = CpuClock()
    budget = FrameBudget(clock)
    assert frames(budget, clock, 0.001, 20) == FLUSH_SECONDS


def test_a_frame_cost_stretches_the_interval_so_the_ui_takes_its_share():
    clock = CpuClock()
    budget = FrameBudget(clock)
    cost = 0.015
    assert frames(budget, clock, cost, 40) == pytest.approx(cost / UI_SHARE, rel=1e-6)


def test_costly_frames_still_come_twice_a_second():
    clock = CpuClock()
    budget = FrameBudget(clock)
    assert frames(budget, clock, 0.2, 20) == MAX_FLUSH_SECONDS


def test_the_ui_s_cpu_between_runs_is_no_frame_s_cost():
    clock = CpuClock()
    budget = FrameBudget(clock)
    frames(budget, clock, 0.001, 5)
    clock.now += 10.0  # a person reads the screen between two runs; the UI redraws other things
    budget.run_started()
    assert frames(budget, clock, 0.001, 1) == FLUSH_SECONDS
