"""The frame budget: the worker gathers steps for longer while the UI's frames take more of the process's CPU."""

import pytest

from tui_clf.app.frame_budget import MAX_FLUSH_SECONDS, UI_SHARE, FrameBudget
from tui_clf.app.training_loop import FLUSH_SECONDS


class Machine:
    """The three clocks of an app that gets `cores` of CPU while training and spends `frame_cpu` on each frame."""

    def __init__(self, frame_cpu: float, cores: float = 1.0) -> None:
        self.frame_cpu, self.cores = frame_cpu, cores
        self.ui = self.process = self.wall = 0.0
        self.budget = FrameBudget(lambda: self.ui, lambda: self.process, lambda: self.wall)

    def batches(self, count: int, paced: bool = False) -> float:
        """`count` batches, each lasting the interval the budget asked; the interval it asks after the last."""
        for _ in range(count):
            interval = self.budget.flush_seconds
            self.wall += interval
            self.process += interval * self.cores  # the worker steps with what the UI leaves
            self.ui += self.frame_cpu
            asked = self.budget.batch_arrived(paced)
        return asked


def test_cheap_frames_keep_ten_a_second():
    assert Machine(frame_cpu=0.001).batches(30) == pytest.approx(FLUSH_SECONDS)


def test_a_frame_cost_stretches_the_interval_until_the_ui_takes_its_share():
    machine = Machine(frame_cpu=0.010)
    interval = machine.batches(60)
    assert interval == pytest.approx(0.010 / UI_SHARE, rel=1e-3)
    assert machine.frame_cpu / interval == pytest.approx(UI_SHARE, rel=1e-3)


def test_on_a_loaded_machine_the_same_frames_come_less_often():
    quiet, loaded = Machine(frame_cpu=0.010), Machine(frame_cpu=0.010, cores=0.5)  # others take half the core
    assert loaded.batches(60) == pytest.approx(2 * quiet.batches(60), rel=1e-3)


def test_costly_frames_still_come_twice_a_second():
    assert Machine(frame_cpu=0.2).batches(30) == pytest.approx(MAX_FLUSH_SECONDS, rel=1e-3)


def test_what_the_ui_did_between_runs_is_no_frame_s_cost():
    machine = Machine(frame_cpu=0.001)
    machine.batches(5)
    machine.ui += 5.0  # a person reads the screen between two runs; the UI redraws other things
    machine.process += 5.0
    machine.wall += 60.0
    machine.budget.run_started()
    assert machine.batches(1) == pytest.approx(FLUSH_SECONDS)


def test_a_paced_run_keeps_ten_frames_a_second_however_costly():
    assert Machine(frame_cpu=0.2).batches(30, paced=True) == FLUSH_SECONDS


def test_the_first_frames_measured_set_the_interval_at_once_and_later_ones_move_it_slowly():
    machine = Machine(frame_cpu=0.010)
    wanted = 0.010 / UI_SHARE
    assert machine.batches(2) == pytest.approx(wanted, rel=1e-3)  # the first interval measured: no creeping up
    machine.frame_cpu = 0.100  # one slow frame (a resize)
    assert machine.batches(1) < 2 * wanted
