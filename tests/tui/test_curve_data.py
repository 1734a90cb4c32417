"""The curves keep every step, and thin them to what a terminal column can show before plotting."""

import numpy as np

from engine.records import StepRecord
from tui_clf.views.decimate import decimate
from tui_clf.views.history import History
from tui_clf.views.ticks import nice_step_ticks


def record(step: int, cost: float, val: float | None = None) -> StepRecord:
    return StepRecord(step, 1, cost, cost, 0.5, val, val, None if val is None else 0.5, 1.0, 0.0, 0.1)


def test_decimation_keeps_at_most_two_points_per_column_and_both_ends():
    x = np.arange(100_000, dtype=float)
    y = np.exp(-x / 20_000)
    dx, dy = decimate(x, y, 80)
    assert len(dx) <= 2 * 80 + 4
    assert dx[0] == 0 and dx[-1] == 99_999
    assert np.all(np.diff(dx) > 0)


def test_decimation_keeps_a_single_spike_that_a_stride_would_skip():
    y = np.ones(50_001)
    y[31_337] = 1e6  # one diverging minibatch
    dx, dy = decimate(np.arange(len(y), dtype=float), y, 60)
    assert 1e6 in dy and 31_337 in dx


def test_short_curves_are_plotted_whole():
    x, y = np.arange(10.0), np.arange(10.0)
    dx, dy = decimate(x, y, 80)
    assert dx is x and dy is y


def test_history_grows_past_its_first_capacity_and_keeps_order():
    history = History()
    for start in range(0, 5000, 700):
        history.extend([record(s + 1, 1.0 / (s + 1), val=2.0 if s % 2 else None) for s in range(start, min(start + 700, 5000))])
    assert len(history) == 5000
    assert history.steps.values.tolist() == list(range(1, 5001))
    assert len(history.val_steps) == 2500
    history.clear()
    assert len(history) == 0 and len(history.val_cost) == 0


def test_step_ticks_are_round_integers_from_zero():
    assert nice_step_ticks(1000) == [0, 250, 500, 750, 1000]
    assert nice_step_ticks(96) == [0, 25, 50, 75]
    assert nice_step_ticks(1) == [0, 1]


def test_a_divergence_keeps_its_steps_until_training_goes_on_from_the_weights_kept():
    history = History()
    history.extend([record(s, 0.5, val=0.6) for s in (1, 2, 3)] + [record(4, 1e9, val=1e9)])
    history.mark_divergence(kept_step=2)
    assert history.diverged_step == 4 and len(history) == 4, "the diverged steps are still drawn"
    history.extend([record(3, 0.4, val=0.5)])
    assert history.steps.values.tolist() == [1, 2, 3] and history.val_cost.values.tolist() == [0.6, 0.6, 0.5]
    assert history.kept_step is None and history.diverged_step is None
