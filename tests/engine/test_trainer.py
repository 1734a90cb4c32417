"""The step-wise trainer: convergence, repeatability, stop rules and the divergence guard."""

import threading

import numpy as np
import pytest

from engine.errors import ConfigError, DataError
from engine.records import StopKind
from engine.train_config import TrainConfig
from engine.trainer import Trainer


def blobs(n: int = 200, seed: int = 0, shift: float = 1.5):
    """Two overlapping Gaussian blobs in 3-D: labels 0 and 1."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, n)
    X = rng.normal(size=(n, 3)) + shift * (2 * y[:, None] - 1) * np.array([1.0, 0.5, 0.0])
    return X, y


def test_gradient_descent_on_squared_error_reaches_the_least_squares_solution():
    X, y = blobs()
    trainer = Trainer(X, y, 2, TrainConfig(loss="squared-error", lr=0.5, epochs=3000, tol=1e-12))
    result = trainer.run()
    assert result.stop.kind is StopKind.CONVERGED
    design = np.hstack([X, np.ones((len(X), 1))])
    solution, *_ = np.linalg.lstsq(design, y.astype(float), rcond=None)
    np.testing.assert_allclose(trainer.params.W[0], solution[:3], rtol=1e-9, atol=1e-10)
    np.testing.assert_allclose(trainer.params.b[0], solution[3], rtol=1e-9, atol=1e-10)


@pytest.mark.parametrize("optimizer", ["momentum", "adam"])
def test_momentum_and_adam_reach_the_same_least_squares_solution(optimizer):
    X, y = blobs()
    lr = 0.05 if optimizer == "momentum" else 0.02
    trainer = Trainer(X, y, 2, TrainConfig(loss="squared-error", optimizer=optimizer, lr=lr, epochs=5000, tol=1e-10))
    trainer.run()
    design = np.hstack([X, np.ones((len(X), 1))])
    solution, *_ = np.linalg.lstsq(design, y.astype(float), rcond=None)
    np.testing.assert_allclose(trainer.params.W[0], solution[:3], atol=1e-7)


def test_nesterov_momentum_also_converges():
    X, y = blobs()
    config = TrainConfig(loss="cross-entropy", optimizer="momentum", nesterov=True, lr=0.1, epochs=300)
    trainer = Trainer(X, y, 2, config)
    trainer.run()
    assert trainer.evaluate().train_error < 0.1


def test_the_same_seed_gives_the_same_weights_bit_for_bit():
    X, y = blobs()
    config = TrainConfig(loss="hinge", lr=0.1, epochs=7, batch_size=16, optimizer="adam", seed=42)
    first, second = Trainer(X, y, 2, config), Trainer(X, y, 2, config)
    first.run()
    second.run()
    assert first.params.W.tobytes() == second.params.W.tobytes()
    assert first.params.b.tobytes() == second.params.b.tobytes()
    other = Trainer(X, y, 2, TrainConfig(loss="hinge", lr=0.1, epochs=7, batch_size=16, optimizer="adam", seed=43))
    other.run()
    assert other.params.W.tobytes() != first.params.W.tobytes()


def test_reset_returns_to_the_same_initial_weights_and_replays_the_same_run():
    X, y = blobs()
    trainer = Trainer(X, y, 2, TrainConfig(lr=0.3, epochs=5, batch_size=32, seed=3))
    initial = trainer.params.W.copy()
    first = trainer.run().records
    trainer.reset()
    np.testing.assert_array_equal(trainer.params.W, initial)
    second = trainer.run().records
    assert [r.train_cost for r in first] == [r.train_cost for r in second]


def test_a_snapshot_resumes_bit_for_bit_and_another_thread_can_read_it():
    X, y = blobs()
    trainer = Trainer(X, y, 2, TrainConfig(lr=0.3, epochs=4, batch_size=50, optimizer="momentum"))
    trainer.run(max_steps=5)
    snapshot = trainer.snapshot()
    seen = {}
    reader = threading.Thread(target=lambda: seen.update(W=snapshot.params.W.copy(), steps=snapshot.steps))
    reader.start()
    rest = trainer.run().records
    reader.join()
    assert seen["steps"] == 5
    assert not snapshot.params.W.flags.writeable
    trainer.restore(snapshot)
    np.testing.assert_array_equal(trainer.params.W, seen["W"])
    replay = trainer.run().records
    assert [r.train_cost for r in replay] == [r.train_cost for r in rest]


def test_one_step_is_one_update_and_reports_the_costs_before_it():
    X, y = blobs()
    trainer = Trainer(X, y, 2, TrainConfig(lr=0.5), X_val=X[:20], y_val=y[:20])
    before = trainer.evaluate()
    record = trainer.step()
    assert (record.step, record.epoch) == (1, 1)
    assert record.train_cost == before.train_cost and record.train_error == before.train_error
    assert record.val_cost == before.val_cost
    assert trainer.evaluate().train_cost < before.train_cost
    assert trainer.steps == 1 and record.seconds > 0 and record.grad_norm > 0


def test_minibatch_steps_count_epochs_and_measure_validation_once_per_epoch():
    X, y = blobs(n=100)
    trainer = Trainer(X, y, 2, TrainConfig(lr=0.1, epochs=3, batch_size=32), X_val=X[:10], y_val=y[:10])
    records = trainer.run().records
    assert len(records) == 3 * 4 == trainer.steps
    assert [r.epoch for r in records] == [1] * 4 + [2] * 4 + [3] * 4
    assert [r.val_cost is not None for r in records] == [True, False, False, False] * 3
    assert records[-1].stop.kind is StopKind.FINISHED and trainer.epochs_done == 3


def test_the_learning_rate_can_change_between_steps():
    X, y = blobs()
    trainer = Trainer(X, y, 2, TrainConfig(lr=0.1))
    trainer.step()
    trainer.lr = 0.02
    assert trainer.step().lr == 0.02
    with pytest.raises(ConfigError):
        trainer.lr = -1.0


def test_a_diverging_learning_rate_stops_with_the_reason_and_keeps_finite_weights():
    X, y = blobs()
    trainer = Trainer(X, y, 2, TrainConfig(loss="squared-error", lr=100.0, epochs=1000))
    result = trainer.run()
    assert result.stop.kind is StopKind.DIVERGED
    assert "learning rate 100 is too large" in result.stop.message
    assert len(result.records) < 1000
    assert all(np.isfinite(leaf).all() for leaf in trainer.params)
    # The kept weights are the last good ones: their cost is finite and not the blow-up.
    assert np.isfinite(trainer.evaluate().train_cost)
    assert trainer.evaluate().train_cost < result.records[-1].train_cost


def test_unscaled_features_are_named_as_the_cause_of_divergence():
    X, y = blobs()
    X = X * np.array([1000.0, 1.0, 0.01])
    result = Trainer(X, y, 2, TrainConfig(loss="squared-error", lr=0.1, epochs=100)).run()
    assert result.stop.kind is StopKind.DIVERGED
    assert "unscaled" in result.stop.message and "standardise" in result.stop.message


def test_the_naive_cross_entropy_overflowing_is_named_as_the_cause():
    X, y = blobs(shift=30.0)
    y[:3] = 1 - y[:3]  # a few confidently wrong examples: y = sigma(z) rounds to 0 or 1 for them
    result = Trainer(X, y, 2, TrainConfig(loss="cross-entropy-naive", lr=1.0, epochs=200)).run()
    assert result.stop.kind is StopKind.DIVERGED
    assert "naive cross-entropy" in result.stop.message and "stable" in result.stop.message
    stable = Trainer(X, y, 2, TrainConfig(loss="cross-entropy", lr=1.0, epochs=200)).run()
    assert stable.stop.kind is StopKind.FINISHED


def test_training_the_zero_one_loss_says_plainly_that_nothing_moves():
    X, y = blobs()
    trainer = Trainer(X, y, 2, TrainConfig(loss="zero-one"))
    assert "gradient is 0" in trainer.notes[0]
    initial = trainer.params.W.copy()
    result = trainer.run()
    assert result.stop.kind is StopKind.ZERO_GRADIENT
    assert "0-1 loss" in result.stop.message and "cross-entropy" in result.stop.message
    np.testing.assert_array_equal(trainer.params.W, initial)


def test_a_binary_loss_on_three_classes_suggests_softmax_or_a_positive_class():
    X, _ = blobs()
    y = np.arange(len(X)) % 3
    with pytest.raises(DataError, match="softmax-cross-entropy.*positive class"):
        Trainer(X, y, 3, TrainConfig(loss="hinge"))


def test_softmax_cross_entropy_trains_on_two_classes():
    X, y = blobs()
    trainer = Trainer(X, y, 2, TrainConfig(loss="softmax-cross-entropy", lr=0.5, epochs=200))
    trainer.run()
    assert trainer.params.W.shape == (2, 3)
    assert trainer.evaluate().train_error < 0.1


def test_float32_is_kept_end_to_end():
    X, y = blobs()
    trainer = Trainer(X, y, 2, TrainConfig(dtype="float32", lr=0.5, epochs=50, optimizer="adam", l2=0.01))
    trainer.run()
    assert trainer.params.W.dtype == np.float32 and trainer.params.b.dtype == np.float32
    float64 = Trainer(X, y, 2, TrainConfig(lr=0.5, epochs=50, optimizer="adam", l2=0.01))
    float64.run()
    np.testing.assert_allclose(trainer.params.W, float64.params.W, rtol=1e-4)


def test_early_stopping_restores_the_best_validation_weights():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(60, 30))
    y = rng.integers(0, 2, 60)  # pure noise: the model can only overfit
    trainer = Trainer(X[:40], y[:40], 2, TrainConfig(lr=0.5, epochs=2000, patience=5), X_val=X[40:], y_val=y[40:])
    result = trainer.run()
    assert result.stop.kind is StopKind.EARLY_STOPPED
    best = min(r.val_cost for r in result.records)
    assert trainer.evaluate().val_cost == pytest.approx(best, rel=1e-12)


def test_a_tolerance_on_the_gradient_norm_stops_a_full_batch_run():
    X, y = blobs()
    result = Trainer(X, y, 2, TrainConfig(loss="squared-error", lr=0.5, epochs=10_000, tol=1e-6)).run()
    assert result.stop.kind is StopKind.CONVERGED
    assert result.records[-1].grad_norm <= 1e-6 < result.records[-2].grad_norm


def test_a_run_whose_epochs_are_spent_does_nothing_more():
    X, y = blobs()
    trainer = Trainer(X, y, 2, TrainConfig(epochs=2))
    trainer.run()
    again = trainer.run()
    assert again.records == () and again.stop.kind is StopKind.FINISHED


def test_a_config_that_makes_no_sense_is_refused():
    for bad in (dict(lr=0), dict(epochs=0), dict(batch_size=0), dict(l2=-1), dict(optimizer="sgd"), dict(dtype="float16")):
        with pytest.raises(ConfigError):
            TrainConfig(**bad)


def test_one_minibatch_with_a_zero_gradient_does_not_stop_the_run():
    X, y = blobs(shift=2.0)  # the hinge gives an example beyond the margin a gradient of exactly 0
    result = Trainer(X, y, 2, TrainConfig(loss="hinge", lr=1.0, epochs=5, batch_size=1)).run()
    assert result.stop.kind is StopKind.FINISHED and len(result.records) == 5 * len(X)
    assert any(r.grad_norm == 0 for r in result.records)


def test_a_whole_epoch_of_zero_gradients_stops_a_minibatch_run_of_the_zero_one_loss():
    X, y = blobs()
    result = Trainer(X, y, 2, TrainConfig(loss="zero-one", epochs=5, batch_size=50)).run()
    assert result.stop.kind is StopKind.ZERO_GRADIENT and len(result.records) == 4


def test_early_stopping_keeps_the_weights_when_the_validation_cost_is_never_finite():
    X, y = blobs()
    X_val = np.array([[1e200, 0.0, 0.0]])
    trainer = Trainer(X, y, 2, TrainConfig(loss="squared-error", epochs=50, patience=2), X_val=X_val, y_val=np.array([1]))
    result = trainer.run()
    assert result.stop.kind is StopKind.EARLY_STOPPED and "never finite" in result.stop.message
    assert trainer.params is not None and np.isfinite(trainer.params.W).all()


@pytest.mark.parametrize("bad", [dict(lr=float("inf")), dict(lr=float("nan")), dict(seed=-1), dict(l2=float("inf"))])
def test_infinite_or_negative_settings_are_refused(bad):
    with pytest.raises(ConfigError):
        TrainConfig(**bad)


def test_after_divergence_the_step_count_matches_the_weights_kept():
    X, y = blobs()
    config = TrainConfig(loss="squared-error", lr=100.0, epochs=1000)
    trainer = Trainer(X, y, 2, config)
    result = trainer.run()
    diverged_at = result.records[-1].step
    # The cost measured at step k blew up, so the update of step k - 1 that led there is undone too.
    assert trainer.steps == diverged_at - 2
    replay = Trainer(X, y, 2, config)
    replay.run(max_steps=trainer.steps)
    assert trainer.params.W.tobytes() == replay.params.W.tobytes()
    trainer.lr = 0.1
    assert trainer.step().step == trainer.steps == diverged_at - 1
