"""Learning-rate schedules: each against its formula, and the rate each step used in its record."""

import math

import numpy as np
import pytest

from engine.errors import ConfigError
from engine.schedules import Schedule
from engine.train_config import TrainConfig
from engine.trainer import Trainer


def test_constant_keeps_the_base_rate():
    assert [Schedule("constant").rate(0.3, e) for e in (0, 1.5, 99)] == [0.3, 0.3, 0.3]


def test_inverse_time_divides_by_one_plus_decay_times_epoch():
    schedule = Schedule("inverse-time", decay=0.5)
    assert schedule.rate(1.0, 0) == 1.0
    assert schedule.rate(1.0, 2) == pytest.approx(1 / 2)
    assert schedule.rate(0.6, 3.5) == pytest.approx(0.6 / 2.75)


def test_cosine_falls_from_the_base_rate_to_zero_over_the_run():
    schedule = Schedule("cosine", epochs=10)
    assert schedule.rate(0.8, 0) == 0.8
    assert schedule.rate(0.8, 5) == pytest.approx(0.4)
    assert schedule.rate(0.8, 2.5) == pytest.approx(0.8 * (1 + math.cos(math.pi / 4)) / 2)
    assert schedule.rate(0.8, 10) == pytest.approx(0.0, abs=1e-15)
    assert schedule.rate(0.8, 12) == pytest.approx(0.0, abs=1e-15)  # past the end it stays at the bottom


def test_step_multiplies_by_the_factor_every_k_epochs():
    schedule = Schedule("step", every=3, factor=0.1)
    rates = [schedule.rate(2.0, e) for e in (0, 2.9, 3, 5.9, 6, 9)]
    assert rates == pytest.approx([2.0, 2.0, 0.2, 0.2, 0.02, 0.002])


def data(n: int = 100, seed: int = 0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 3))
    return X, (X[:, 0] > 0).astype(int)


def test_each_minibatch_step_records_the_rate_of_its_epoch_fraction():
    X, y = data()
    config = TrainConfig(lr=0.4, batch_size=25, epochs=3, schedule="inverse-time", decay=0.5)
    trainer = Trainer(X, y, 2, config)
    records = trainer.run().records
    # 4 batches of 25 rows per epoch: step k starts (k - 1) / 4 epochs into the run.
    expected = [0.4 / (1 + 0.5 * (k - 1) / 4) for k in range(1, 13)]
    assert [r.lr for r in records] == pytest.approx(expected)


def test_a_cosine_run_ends_near_zero_and_its_records_show_it():
    X, y = data()
    records = Trainer(X, y, 2, TrainConfig(lr=0.4, batch_size=50, epochs=4, schedule="cosine")).run().records
    assert records[0].lr == 0.4
    assert records[-1].lr == pytest.approx(0.4 * (1 + math.cos(math.pi * 3.5 / 4)) / 2)


def test_setting_the_rate_mid_run_sets_the_base_the_schedule_scales():
    X, y = data()
    trainer = Trainer(X, y, 2, TrainConfig(lr=0.4, batch_size=50, epochs=10, schedule="step", step_every=2, step_factor=0.5))
    trainer.run(max_steps=4)  # two epochs: one drop
    trainer.lr = 1.0
    assert trainer.lr == 1.0
    assert trainer.step().lr == pytest.approx(0.5)


def test_reset_starts_the_schedule_again():
    X, y = data()
    trainer = Trainer(X, y, 2, TrainConfig(lr=0.4, epochs=10, schedule="inverse-time", decay=1.0))
    trainer.run(max_steps=3)
    trainer.reset()
    assert trainer.step().lr == 0.4


@pytest.mark.parametrize(
    "settings",
    [{"schedule": "exponential"}, {"decay": -1.0}, {"step_every": 0}, {"step_factor": 0.0}, {"step_factor": 1.5}],
)
def test_bad_schedule_settings_are_refused(settings):
    with pytest.raises(ConfigError):
        TrainConfig(**settings)
