"""The command queue: first in, first out, one worker at a time, and what ends a run."""

import threading
import time

from tui_clf.app.command_queue import CheckGradient, CommandQueue, Pause, Run, SetLearningRate
from tui_clf.app.session import build_session
from tui_clf.config import RunConfig

SESSION = build_session(1, RunConfig.from_sources(None))


def test_the_first_command_asks_for_a_worker_and_the_worker_takes_every_command_in_order():
    queue = CommandQueue()
    commands = [Run(SESSION, 1), Run(SESSION, 1), CheckGradient(SESSION), Pause()]
    starts = [queue.put(command) for command in commands]
    assert starts == [True, False, False, False], "one worker serves the queue"
    taken = [queue.take() for _ in commands]
    assert all(a is b for a, b in zip(taken, commands))
    assert queue.take() is None
    assert queue.put(Pause()), "the worker stopped at the empty queue: the next command starts another"


def test_a_run_takes_a_learning_rate_or_a_check_in_its_stride_and_ends_for_anything_else():
    queue = CommandQueue()
    queue.put(Run(SESSION))
    queue.take()
    assert not queue.interrupting
    lr, check, pause = SetLearningRate(SESSION, 0.5), CheckGradient(SESSION), Pause()
    for command in (lr, check, pause):
        queue.put(command)
    assert queue.interrupting
    assert queue.take_in_stride() is lr and queue.take_in_stride() is check
    assert queue.take_in_stride() is None and queue.interrupting, "the pause ends the run"


def test_discard_ends_the_run_in_progress_and_drops_the_rest_until_the_next_take():
    queue = CommandQueue()
    queue.put(Run(SESSION))
    queue.take()
    queue.put(Run(SESSION, 1))
    queue.discard()
    assert queue.interrupting
    assert queue.take() is None and not queue.interrupting


def test_a_paced_wait_wakes_when_a_command_arrives():
    queue = CommandQueue()
    threading.Timer(0.05, queue.put, [Pause()]).start()
    started = time.monotonic()
    queue.wait(5.0)
    assert time.monotonic() - started < 2.0
