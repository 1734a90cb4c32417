"""`--lr auto`: 1/L read off the data, checked against an independent dense eigenvalue, and what it does."""

import numpy as np
import pytest

from engine import load_dataset
from engine.curvature import CURVATURE_BOUNDS, SAMPLE_ROWS
from engine.learning_rate import ADAM_RATE, parse_learning_rate
from engine.errors import ConfigError
from engine.losses import LOSSES
from engine.pipeline import make_trainer, prepare
from engine.records import StopKind
from engine.train_config import TrainConfig
from engine.trainer import Trainer

SMOOTH_BINARY = [name for name in CURVATURE_BOUNDS if not LOSSES[name].multiclass]


def correlated(n: int = 400, d: int = 6, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d)) @ rng.normal(size=(d, d)) + rng.normal(size=d)
    return X, (X[:, 0] + rng.normal(size=n) > 0).astype(int)


def exact_gram_eigenvalue(X: np.ndarray) -> float:
    """lambda_max(X1^T X1 / N) by a dense symmetric eigensolver: independent of power iteration."""
    X1 = np.hstack([X, np.ones((len(X), 1))])
    return float(np.linalg.eigvalsh(X1.T @ X1 / len(X))[-1])


def exact_lipschitz(X: np.ndarray, curvature: float, l2: float) -> float:
    return curvature * exact_gram_eigenvalue(X) + l2


def assert_safe_and_close(lr: float, exact_rate: float) -> None:
    """Within 1e-3 of the exact rate, and never above it (the safe side)."""
    assert exact_rate * (1 - 1e-3) <= lr <= exact_rate


@pytest.mark.parametrize("l2", [0.0, 0.1])
@pytest.mark.parametrize("loss", SMOOTH_BINARY)
def test_auto_is_one_over_the_exact_lipschitz_constant_on_the_safe_side(loss, l2):
    X, y = correlated()
    trainer = Trainer(X, y, 2, TrainConfig(loss=loss, l2=l2))
    assert_safe_and_close(trainer.lr, 1 / exact_lipschitz(X, CURVATURE_BOUNDS[loss], l2))


def test_auto_for_softmax_uses_its_curvature_bound_of_one_half():
    X, _ = correlated()
    y = np.digitize(X[:, 0], np.quantile(X[:, 0], [1 / 3, 2 / 3]))
    trainer = Trainer(X, y, 3, TrainConfig(loss="softmax-cross-entropy", l2=0.01))
    assert_safe_and_close(trainer.lr, 1 / exact_lipschitz(X, 0.5, 0.01))


def test_auto_for_the_hinge_is_one_over_l_of_the_smoothed_hinge():
    X, y = correlated()
    trainer = Trainer(X, y, 2, TrainConfig(loss="hinge", l2=0.01))
    assert trainer.lipschitz is None  # the hinge itself has no curvature bound
    assert_safe_and_close(trainer.lr, 1 / exact_lipschitz(X, 1.0, 0.01))


def test_auto_for_zero_one_is_any_rate_because_its_gradient_is_zero():
    X, y = correlated()
    assert Trainer(X, y, 2, TrainConfig(loss="zero-one")).lr == 1.0
    assert Trainer(X, y, 2, TrainConfig(loss="zero-one", l2=0.5)).lr == pytest.approx(1 / 1.5)


def test_auto_for_adam_is_its_documented_constant():
    X, y = correlated()
    assert Trainer(X, y, 2, TrainConfig(optimizer="adam")).lr == ADAM_RATE


@pytest.mark.parametrize("batch", [1, 8, 64, 399])
def test_auto_for_minibatches_is_one_over_the_expected_smoothness_of_a_batch(batch):
    X, y = correlated()
    n, c, l2 = len(X), CURVATURE_BOUNDS["cross-entropy"], 0.01
    L = exact_lipschitz(X, c, l2)
    L_max = c * (np.max(np.sum(X**2, axis=1)) + 1) + l2  # the most curved single example
    L_batch = (n * (batch - 1) * L + (n - batch) * L_max) / (batch * (n - 1))
    trainer = Trainer(X, y, 2, TrainConfig(batch_size=batch, l2=l2))
    # At B = 1 the rate is 1/L_max, a max over rows computed exactly: equal up to rounding.
    assert trainer.lr == pytest.approx(1 / L_batch, rel=1e-3) and trainer.lr <= (1 + 1e-12) / L_batch
    assert 1 / L_max * (1 - 1e-3) <= trainer.lr <= 1 / L  # from one example's limit to the full batch's


def test_auto_on_a_sample_of_a_large_dataset_stays_on_the_safe_side():
    X, y = correlated(n=4 * SAMPLE_ROWS, d=20, seed=3)
    trainer = Trainer(X, y, 2, TrainConfig())
    exact_rate = 1 / exact_lipschitz(X, CURVATURE_BOUNDS["cross-entropy"], 0.0)
    assert 0.8 * exact_rate <= trainer.lr <= exact_rate


def bundled_cases():
    for data in ("iris", "breast_cancer", "wine", "blobs", "blobs-overlap", "blobs-outliers", "blobs-noisy", "xor", "rings"):
        dataset = load_dataset(data)
        if dataset.n_classes == 2:
            yield from ((data, loss) for loss in SMOOTH_BINARY)
        yield data, "softmax-cross-entropy"


@pytest.mark.parametrize(("data", "loss"), list(bundled_cases()))
def test_gradient_descent_at_auto_never_increases_the_cost(data, loss):
    prepared = prepare(load_dataset(data), val_split=0.2, standardize=True, seed=0)
    trainer = make_trainer(prepared, TrainConfig(loss=loss, l2=1e-3, epochs=60))
    costs = [trainer.current_record().train_cost] + [r.train_cost for r in trainer.run().records]
    rises = np.diff(costs)
    assert np.all(rises <= 1e-12 * np.abs(costs[:-1])), f"the cost rose by {rises.max():.3g}"


def test_a_rate_above_two_over_l_diverges_and_the_message_names_the_limit():
    """Squared error's cost is the quadratic whose Hessian is X1^T X1 / N: above 2/L it must diverge."""
    X, y = correlated()
    limit = 2 / exact_lipschitz(X, 1.0, 0.0)
    trainer = Trainer(X, y, 2, TrainConfig(loss="squared-error", lr=1.1 * limit, epochs=500))
    stop = trainer.run().stop
    assert stop.kind is StopKind.DIVERGED
    assert f"2/L = {limit:.3g}" in stop.message
    suggested = float(stop.message.split("try ")[1].split(";")[0])
    assert suggested < limit


def test_under_a_schedule_the_divergence_message_still_names_the_limit():
    X, y = correlated()
    limit = 2 / exact_lipschitz(X, 1.0, 0.0)
    config = TrainConfig(loss="squared-error", lr=1.1 * limit, epochs=500, schedule="step", step_every=400)
    stop = Trainer(X, y, 2, config).run().stop
    assert stop.kind is StopKind.DIVERGED and f"2/L = {limit:.3g}" in stop.message


def test_a_run_started_at_auto_and_pushed_past_the_limit_mid_run_diverges_with_the_limit_named():
    X, y = correlated()
    trainer = Trainer(X, y, 2, TrainConfig(loss="squared-error", epochs=500))
    trainer.run(max_steps=5)
    trainer.lr = 1.1 * 2 / exact_lipschitz(X, 1.0, 0.0)
    stop = trainer.run().stop
    assert stop.kind is StopKind.DIVERGED and "2/L = " in stop.message
    trainer.lr = "auto"  # back to the rate auto chose
    assert trainer.lr == pytest.approx(1 / exact_lipschitz(X, 1.0, 0.0), rel=1e-3)


def test_reset_returns_to_the_auto_rate():
    X, y = correlated()
    trainer = Trainer(X, y, 2, TrainConfig())
    auto = trainer.lr
    trainer.lr = 0.01
    trainer.reset()
    assert trainer.lr == auto


@pytest.mark.parametrize(("text", "value"), [("auto", "auto"), (" AUTO ", "auto"), ("0.5", 0.5), ("1e-3", 1e-3)])
def test_a_learning_rate_is_auto_or_a_positive_number(text, value):
    assert parse_learning_rate(text) == value


@pytest.mark.parametrize("text", ["0", "-1", "fast", "nan", "inf", ""])
def test_anything_else_is_refused(text):
    with pytest.raises(ConfigError, match="auto or a positive number"):
        parse_learning_rate(text)


@pytest.mark.parametrize("lr", ["fast", 0.0, -0.1, float("nan")])
def test_train_config_refuses_a_bad_learning_rate(lr):
    with pytest.raises(ConfigError):
        TrainConfig(lr=lr)


def test_auto_follows_edited_training_data():
    X, y = correlated()
    trainer = Trainer(X, y, 2, TrainConfig(loss="squared-error"))
    trainer.step()
    wider = np.vstack([X, 10 * X[:20]])  # rows far out: a larger lambda_max, a smaller 1/L
    trainer.use_training_data(wider, np.concatenate([y, y[:20]]))
    assert_safe_and_close(trainer.lr, 1 / exact_lipschitz(wider, 1.0, 0.0))
    trainer.reset()
    assert_safe_and_close(trainer.lr, 1 / exact_lipschitz(wider, 1.0, 0.0))
