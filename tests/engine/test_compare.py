"""The lock-step race of losses (engine/compare.py): the lecture's comparison, measured."""

import numpy as np
import pytest

from engine import ConfigError, TrainConfig, load_dataset, make_trainer, prepare
from engine.compare import Contender, LockStep, Status

BINARY = ("zero-one", "squared-error", "logistic-squared-error", "cross-entropy", "cross-entropy-naive", "hinge")
# `tui-clf compare`'s defaults: RunConfig's split and standardisation, lr 0.1, 300 epochs.
DEFAULTS = TrainConfig(epochs=300)
# Squared error's extra training errors on blobs-outliers at its least-squares optimum: 5 of
# 176 points (2.8%) against none for cross-entropy and hinge. 0.02 asks for at least 4 of them.
CLEAR_MARGIN = 0.02


def race(name, losses=BINARY, lr=0.1, config=DEFAULTS, target=0.1, standardize=True, val_split=0.2):
    data = prepare(load_dataset(name), val_split=val_split, standardize=standardize, seed=config.seed)
    return LockStep(data, config, [Contender(loss, lr) for loss in losses], target), data


@pytest.fixture(scope="module")
def outliers():
    contest, data = race("blobs-outliers")
    return contest, contest.run(), data


def test_squared_error_ends_clearly_worse_than_cross_entropy_and_hinge_on_the_outlier_set(outliers):
    contest, final, _ = outliers
    error = {loss: record.train_error for loss, record in final.items()}
    assert error["squared-error"] >= error["cross-entropy"] + CLEAR_MARGIN
    assert error["squared-error"] >= error["hinge"] + CLEAR_MARGIN
    assert final["squared-error"].val_error > max(final["cross-entropy"].val_error, final["hinge"].val_error)


def test_squared_errors_mistakes_are_its_optimums_not_a_lack_of_training(outliers):
    """The least-squares solution of Eq. 3-4, thresholded at 1/2, makes the same mistakes: more steps would not help."""
    _, final, data = outliers
    X = np.column_stack([data.train.X, np.ones(len(data.train.X))])
    w = np.linalg.lstsq(X, data.train.y.astype(float), rcond=None)[0]
    least_squares_error = np.mean((X @ w > 0.5) != data.train.y)
    assert final["squared-error"].train_error == pytest.approx(least_squares_error, abs=1e-12)
    assert least_squares_error >= CLEAR_MARGIN


def test_cross_entropy_and_hinge_end_within_a_point_of_each_other_on_blobs_noisy():
    contest, _ = race("blobs-noisy")
    final = contest.run()
    assert abs(final["cross-entropy"].train_error - final["hinge"].train_error) <= 0.01
    assert abs(final["cross-entropy"].val_error - final["hinge"].val_error) <= 0.01


def test_the_zero_one_loss_is_stalled_by_its_zero_gradient_not_failed(outliers):
    contest, final, _ = outliers
    standing = contest.standings["zero-one"]
    assert standing.status is Status.STALLED and standing.steps == 1
    assert "gradient is 0" in standing.message
    assert final["zero-one"].train_error == contest.initial_records["zero-one"].train_error
    assert {contest.standings[loss].status for loss in BINARY if loss != "zero-one"} == {Status.FINISHED}


def test_every_binary_loss_starts_from_the_same_weights():
    contest, _ = race("blobs-outliers")
    first = contest.trainers["zero-one"].params
    assert np.any(first.W != 0)
    for trainer in contest.trainers.values():
        assert np.array_equal(trainer.params.W, first.W) and np.array_equal(trainer.params.b, first.b)
    # Record 0 describes those weights: the same predictions wherever two losses threshold z alike.
    at_zero = {loss: r.train_error for loss, r in contest.initial_records.items() if contest.trainers[loss].loss.threshold == 0}
    assert len(at_zero) == 5 and len(set(at_zero.values())) == 1
    assert contest.initial_records["squared-error"].train_error != at_zero["cross-entropy"]  # it thresholds at 1/2


def test_the_race_goes_in_lock_step():
    contest, _ = race("blobs-outliers", config=TrainConfig(epochs=20))
    for k in range(1, 6):
        records = contest.step()
        assert contest.steps == k
        assert {r.step for r in records.values()} == {k}
        running = [loss for loss, s in contest.standings.items() if s.status is Status.RUNNING]
        assert all(contest.trainers[loss].steps == k for loss in running)
    assert list(records) == [loss for loss in BINARY if loss != "zero-one"]  # in the order given; zero-one stalled at step 1


def test_minibatches_come_in_the_same_order_for_every_loss():
    """Cross-entropy and its naive form are one cost: from one start on one batch order they take identical steps."""
    contest, _ = race("blobs-noisy", losses=("cross-entropy", "cross-entropy-naive"), config=TrainConfig(epochs=3, batch_size=16))
    while not contest.done:
        records = contest.step()
        stable, naive = records["cross-entropy"], records["cross-entropy-naive"]
        assert stable.train_error == naive.train_error
        assert stable.train_cost == pytest.approx(naive.train_cost, rel=1e-12)
    assert contest.steps == 3 * contest.trainers["cross-entropy"].steps_per_epoch


def test_steps_to_target_is_the_first_step_at_or_below_the_target_error(outliers):
    contest, _, data = outliers
    for loss in ("squared-error", "cross-entropy", "hinge"):
        alone = make_trainer(data, TrainConfig(loss=loss, lr=0.1, epochs=300))
        errors = [alone.current_record().train_error] + [r.train_error for r in alone.run().records]
        assert contest.standings[loss].steps_to_target == next(k for k, e in enumerate(errors) if e <= 0.1)
    assert contest.standings["squared-error"].steps_to_target > contest.standings["cross-entropy"].steps_to_target
    assert contest.standings["zero-one"].steps_to_target is None


def test_with_minibatches_the_target_is_checked_on_the_whole_training_set():
    """A batch of 16 can be all right while the whole of blobs-noisy never gets below 13.75% wrong."""
    contest, _ = race("blobs-noisy", losses=("cross-entropy", "hinge"), config=TrainConfig(epochs=10, batch_size=16))
    batch_errors = []
    while not contest.done:
        batch_errors += [r.train_error for r in contest.step().values()]
    assert min(batch_errors) <= 0.1
    assert all(s.steps_to_target is None for s in contest.standings.values())
    loose, _ = race("blobs-noisy", losses=("cross-entropy",), config=TrainConfig(epochs=10, batch_size=16), target=0.2)
    loose.run()
    reached = loose.standings["cross-entropy"].steps_to_target
    assert reached is not None and reached % loose.trainers["cross-entropy"].steps_per_epoch == 0


def test_naive_cross_entropy_diverges_where_the_stable_one_learns_on_unscaled_data():
    """Unscaled breast_cancer at lr 1e-3: z reaches thousands after one step and sigma(z) rounds to 0 or 1."""
    contest, _ = race("breast_cancer", losses=("cross-entropy", "cross-entropy-naive"), lr=1e-3, standardize=False)
    final = contest.run()
    stable, naive = contest.standings["cross-entropy"], contest.standings["cross-entropy-naive"]
    assert stable.status is Status.FINISHED and 1 - final["cross-entropy"].train_error >= 0.90
    assert naive.status is Status.DIVERGED and naive.steps <= 3
    assert "naive cross-entropy overflowed" in naive.message and "log(0)" in naive.message
    # It kept the last good weights, those it started from.
    assert final["cross-entropy-naive"].train_error == contest.initial_records["cross-entropy-naive"].train_error


@pytest.mark.parametrize(
    ("losses", "target", "message"),
    [((), None, "at least one loss"), (("hinge", "hinge"), None, "hinge is given twice"), (("hinge",), 1.5, "target error")],
)
def test_a_race_that_makes_no_sense_is_refused(losses, target, message):
    with pytest.raises(ConfigError, match=message):
        race("blobs", losses=losses, target=target)
