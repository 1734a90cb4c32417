"""The lean step path: each record equals a separate measurement of the weights it reports, and
weights that overflow still stop the run with the last good ones kept."""

import dataclasses
import math

import numpy as np
import pytest

from engine.losses import get_loss
from engine.objective import cost_and_grad
from engine.records import StepRecord, StopKind, step_record
from engine.train_config import TrainConfig
from engine.trainer import Trainer


def blobs(n: int = 300, seed: int = 0):
    """Two overlapping Gaussian blobs in 4-D: labels 0 and 1."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, n)
    X = rng.normal(size=(n, 4)) + 1.5 * (2 * y[:, None] - 1) * np.array([1.0, 0.5, 0.0, -0.3])
    return X, y


@pytest.mark.parametrize("optimizer", ["gd", "momentum", "adam", "lbfgs", "newton"])
@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_each_full_batch_record_equals_a_separate_measurement_of_its_weights(optimizer, dtype):
    X, y = blobs()
    l2 = 0.01
    config = TrainConfig(loss="cross-entropy", optimizer=optimizer, l2=l2, epochs=10**6, dtype=dtype, tol=0)
    trainer = Trainer(X, y, 2, config)
    loss, Xd = get_loss("cross-entropy"), X.astype(dtype)
    tight = 1e-12 if dtype == "float64" else 1e-6
    for _ in range(6):
        record = trainer.step()
        assert record.stop is None
        reference = cost_and_grad(trainer.params, Xd, loss.encode(y, 2, Xd.dtype), loss, l2)
        norm = math.sqrt(sum(float(np.sum(np.asarray(g, dtype=np.float64) ** 2)) for g in reference.grad))
        error = float(np.mean((reference.z > 0) != y))
        assert record.train_cost == pytest.approx(reference.cost, rel=tight)
        assert record.train_loss == pytest.approx(reference.loss, rel=tight)
        assert record.grad_norm == pytest.approx(norm, rel=tight)
        assert record.train_error == error
        assert trainer.params.W.dtype == np.dtype(dtype)


def test_minibatch_records_carry_the_scheduled_rate_and_the_epoch_counts():
    X, y = blobs()
    config = TrainConfig(lr=0.5, epochs=3, batch_size=64, schedule="inverse-time", decay=0.5, tol=0)
    trainer = Trainer(X, y, 2, config)
    records = trainer.run().records
    steps_per_epoch = trainer.steps_per_epoch
    assert len(records) == 3 * steps_per_epoch and records[-1].stop.kind is StopKind.FINISHED
    for i, record in enumerate(records):
        epoch = i // steps_per_epoch
        used = (i % steps_per_epoch) * 64
        assert record.step == i + 1 and record.epoch == epoch + 1
        assert record.lr == pytest.approx(0.5 / (1 + 0.5 * (epoch + used / len(X))), rel=1e-12)


@pytest.mark.filterwarnings("ignore:overflow encountered:RuntimeWarning")  # the overflow is the point
def test_weights_that_overflow_stop_the_run_and_the_last_good_weights_are_kept():
    X, y = blobs()
    trainer = Trainer(100 * X, y, 2, TrainConfig(loss="squared-error", lr=1e308, epochs=10))
    good = trainer.params
    good_cost = trainer.current_record().train_cost
    record = trainer.step()
    assert trainer.current_record().grad_norm > 2  # so lr * gradient overflows to inf
    # lr * gradient overflows: nothing about such weights is finite, so the record says so.
    assert (record.train_cost, record.train_loss, record.train_error, record.grad_norm) == (math.inf, math.inf, 1.0, math.inf)
    assert record.stop.kind is StopKind.DIVERGED and "the cost became inf at step 1" in record.stop.message
    assert trainer.steps == 0
    np.testing.assert_array_equal(trainer.params.W, good.W)
    assert trainer.evaluate().train_cost == good_cost


def test_a_step_record_is_built_only_with_every_field_and_stays_frozen():
    values = {field.name: 0 for field in dataclasses.fields(StepRecord)} | {"stop": None}
    record = step_record(**values)
    assert record == StepRecord(**values)
    with pytest.raises(dataclasses.FrozenInstanceError):
        record.step = 1
    with pytest.raises(TypeError, match="exactly the fields"):
        step_record(**{k: v for k, v in values.items() if k != "lr"})
