"""The step-wise trainer: convergence, repeatability, stop rules and the divergence guard."""

import re
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


def test_one_step_is_one_update_and_its_record_measures_the_new_weights():
    X, y = blobs()
    trainer = Trainer(X, y, 2, TrainConfig(lr=0.5), X_val=X[:20], y_val=y[:20])
    before = trainer.current_record()
    record = trainer.step()
    after = trainer.evaluate()
    assert (before.step, record.step, record.epoch) == (0, 1, 1)
    assert (record.train_cost, record.train_loss, record.train_error) == (after.train_cost, after.train_loss, after.train_error)
    assert (record.val_cost, record.val_error) == (after.val_cost, after.val_error)
    assert record.train_cost < before.train_cost
    assert trainer.steps == 1 and record.seconds > 0 and record.grad_norm > 0


def test_the_cost_is_the_objective_with_its_l2_term_and_the_loss_is_reported_beside_it():
    X, y = blobs()
    l2 = 0.05
    trainer = Trainer(X, y, 2, TrainConfig(lr=0.5, l2=l2), X_val=X[:20], y_val=y[:20])
    record = trainer.run(max_steps=30).records[-1]
    penalty = 0.5 * l2 * float(np.sum(trainer.params.W**2))
    assert penalty > 1e-3
    assert record.train_cost == pytest.approx(record.train_loss + penalty, rel=1e-14)
    assert record.val_cost == pytest.approx(record.val_loss + penalty, rel=1e-14)
    z = X @ trainer.params.W[0] + trainer.params.b[0]
    assert record.train_loss == pytest.approx(float(np.mean(np.logaddexp(0, z) - y * z)), rel=1e-12)


def test_the_final_record_is_the_weights_kept_measured_on_the_whole_data():
    X, y = blobs(n=100)
    trainer = Trainer(X, y, 2, TrainConfig(lr=0.1, epochs=3, batch_size=32, l2=0.01), X_val=X[:10], y_val=y[:10])
    last = trainer.run().records[-1]
    final, whole = trainer.final_record(), trainer.evaluate()
    assert final.step == last.step == trainer.steps == 12
    assert (final.train_cost, final.train_loss, final.val_cost) == (whole.train_cost, whole.train_loss, whole.val_cost)
    assert final.train_cost != last.train_cost  # a minibatch record measures one batch, the final one all the data


def test_minibatch_steps_count_epochs_and_measure_validation_at_the_end_of_each_epoch():
    X, y = blobs(n=100)
    trainer = Trainer(X, y, 2, TrainConfig(lr=0.1, epochs=3, batch_size=32), X_val=X[:10], y_val=y[:10])
    records = trainer.run().records
    assert len(records) == 3 * 4 == trainer.steps
    assert [r.epoch for r in records] == [1] * 4 + [2] * 4 + [3] * 4
    assert [r.val_cost is not None for r in records] == [False, False, False, True] * 3
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
    config = TrainConfig(loss="squared-error", lr=3.0, epochs=1000)
    trainer = Trainer(X, y, 2, config)
    result = trainer.run()
    assert result.stop.kind is StopKind.DIVERGED
    replay = Trainer(X, y, 2, config)
    replay.run(max_steps=trainer.steps)
    assert trainer.params.W.tobytes() == replay.params.W.tobytes()
    assert f"step {trainer.steps}," in result.stop.message
    trainer.lr = 0.1
    assert trainer.step().step == trainer.steps


def test_divergence_keeps_the_best_weights_seen_not_merely_the_last_finite_ones():
    X, y = blobs()
    trainer = Trainer(X, y, 2, TrainConfig(loss="squared-error", lr=3.0, epochs=1000))
    first = trainer.current_record()
    result = trainer.run()
    accepted = [first] + [r for r in result.records if r.stop is None]
    assert len(accepted) > 2 and accepted[-1].train_cost > 10 * first.train_cost  # it rose for a while
    assert trainer.evaluate().train_cost == min(r.train_cost for r in accepted)


def test_divergence_suggests_a_rate_below_the_stability_limit_and_that_rate_trains():
    X, y = blobs()
    result = Trainer(X, y, 2, TrainConfig(loss="squared-error", lr=10.0, epochs=1000)).run()
    assert result.stop.kind is StopKind.DIVERGED
    match = re.search(r"stable below 2/L = ([0-9.e+-]+) .*; try ([0-9.e+-]+)", result.stop.message)
    limit, suggested = float(match.group(1)), float(match.group(2))
    assert suggested < limit < 10.0
    again = Trainer(X, y, 2, TrainConfig(loss="squared-error", lr=suggested, epochs=200)).run()
    assert again.stop.kind is StopKind.FINISHED
    costs = [r.train_cost for r in again.records]
    assert all(b <= a * (1 + 1e-12) for a, b in zip(costs, costs[1:]))  # below 2/L the cost never rises


def test_a_cost_that_is_already_infinite_at_the_initial_weights_is_a_divergence():
    X, y = blobs(shift=30.0)
    X = X * 1000.0  # unscaled: z is hundreds at the initial weights, so the naive form takes log(0)
    trainer = Trainer(X, y, 2, TrainConfig(loss="cross-entropy-naive", epochs=1, init_scale=1.0))
    assert not np.isfinite(trainer.current_record().train_cost)
    result = trainer.run()
    assert result.stop.kind is StopKind.DIVERGED and "naive cross-entropy" in result.stop.message
    assert trainer.steps == 0 and trainer.epochs_done == 0


@pytest.mark.parametrize("optimizer", ["gd", "adam"])
@pytest.mark.parametrize("batch_size", [None, 32])
def test_new_training_data_that_equals_the_old_changes_no_step(optimizer, batch_size):
    X, y = blobs()
    config = TrainConfig(loss="cross-entropy", optimizer=optimizer, lr=0.05, epochs=10**6, batch_size=batch_size)
    trainer, straight = Trainer(X, y, 2, config), Trainer(X, y, 2, config)
    trainer.run(7)
    trainer.use_training_data(X.copy(), y.copy())
    trainer.run(13)
    straight.run(20)
    assert trainer.steps == 20
    assert np.array_equal(trainer.params.W, straight.params.W) and np.array_equal(trainer.params.b, straight.params.b)


def test_new_training_data_keeps_the_weights_and_trains_on_the_new_rows_from_the_next_step():
    X, y = blobs()
    trainer = Trainer(X, y, 2, TrainConfig(loss="squared-error", lr=0.1, epochs=10**6))
    trainer.run(5)
    before, cost_before = trainer.params, trainer.current_record().train_cost
    far = np.vstack([X, [[40.0, 20.0, 0.0]]])
    trainer.use_training_data(far, np.append(y, 1))
    assert trainer.params is before and trainer.steps == 5 and trainer.n_train == len(X) + 1
    assert trainer.current_record().train_cost > 2 * cost_before, "the far point's squared error counts at once"
    record = trainer.step()
    assert record.step == 6 and not np.array_equal(trainer.params.W, before.W)


def test_new_training_data_of_the_wrong_width_is_refused():
    X, y = blobs()
    trainer = Trainer(X, y, 2, TrainConfig())
    with pytest.raises(DataError, match="new training data"):
        trainer.use_training_data(X[:, :2], y)
