"""L-BFGS and Newton's method: one update per step, down to the optimum, never up, onto scikit-learn's weights."""

import numpy as np
import pytest

import engine.training_rows
from engine.batch_objective import BatchObjective
from engine.bundled import load_bundled
from engine.column_stats import column_mean_std
from engine.errors import ConfigError
from engine.records import StopKind
from engine.train_config import TrainConfig
from engine.trainer import Trainer

OPTIMIZERS = ["lbfgs", "newton"]


def standardised(name: str):
    data = load_bundled(name)
    mean, std = column_mean_std(data.X)
    return (data.X - mean) / std, data.y, data.n_classes


def trained(name: str, loss: str, optimizer: str, l2: float = 1e-2, **config) -> Trainer:
    X, y, k = standardised(name)
    trainer = Trainer(X, y, k, TrainConfig(loss=loss, optimizer=optimizer, l2=l2, epochs=3000, tol=1e-8, **config))
    trainer.records = trainer.run().records
    return trainer


CASES = [
    ("breast_cancer", "cross-entropy"),
    ("breast_cancer", "squared-error"),
    ("breast_cancer", "logistic-squared-error"),
    ("iris", "softmax-cross-entropy"),
    ("wine", "softmax-cross-entropy"),
]


@pytest.mark.parametrize("optimizer", OPTIMIZERS)
@pytest.mark.parametrize("data,loss", CASES)
def test_reaches_the_optimum_without_ever_raising_the_cost(data, loss, optimizer):
    trainer = trained(data, loss, optimizer)
    costs = [record.train_cost for record in trainer.records]
    assert trainer.records[-1].stop.kind is StopKind.CONVERGED
    assert trainer.records[-1].grad_norm <= 1e-8
    assert np.all(np.diff(costs) <= 0)


def test_newton_converges_quadratically_in_a_few_steps():
    trainer = trained("breast_cancer", "cross-entropy", "newton")
    assert len(trainer.records) <= 12
    assert trainer.records[-1].lr == 1.0  # the full Newton step near the optimum


def test_newton_solves_squared_error_in_one_step_of_length_one():
    trainer = trained("breast_cancer", "squared-error", "newton")
    assert len(trainer.records) == 1
    assert trainer.records[0].lr == 1.0


@pytest.mark.parametrize("optimizer", OPTIMIZERS)
def test_lands_on_the_weights_of_sklearn_logistic_regression(optimizer):
    from sklearn.linear_model import LogisticRegression

    X, y, _ = standardised("breast_cancer")
    l2 = 1e-2
    ours = trained("breast_cancer", "cross-entropy", optimizer, l2=l2).params
    theirs = LogisticRegression(C=1 / (len(X) * l2), solver="newton-cholesky", tol=1e-12, max_iter=1000).fit(X, y)
    np.testing.assert_allclose(ours.W[0], theirs.coef_[0], rtol=0, atol=1e-6)
    np.testing.assert_allclose(ours.b, theirs.intercept_, rtol=0, atol=1e-6)


@pytest.mark.parametrize("optimizer", OPTIMIZERS)
def test_softmax_lands_on_the_weights_of_multinomial_logistic_regression(optimizer):
    from sklearn.linear_model import LogisticRegression

    X, y, _ = standardised("wine")
    l2 = 1e-2
    ours = trained("wine", "softmax-cross-entropy", optimizer, l2=l2).params
    theirs = LogisticRegression(C=1 / (len(X) * l2), solver="lbfgs", tol=1e-12, max_iter=10000).fit(X, y)
    np.testing.assert_allclose(ours.W, theirs.coef_, rtol=0, atol=1e-6)
    # The biases are unpenalised and softmax ignores a shift shared by all of them: compare them centred.
    np.testing.assert_allclose(ours.b - ours.b.mean(), theirs.intercept_ - theirs.intercept_.mean(), rtol=0, atol=1e-6)


@pytest.mark.parametrize("optimizer", OPTIMIZERS)
def test_a_step_costs_its_line_search_passes_and_not_one_more(optimizer, monkeypatch):
    """The accepted trial point becomes the record's point: it is not measured again."""
    X, y, k = standardised("breast_cancer")
    trainer = Trainer(X, y, k, TrainConfig(loss="cross-entropy", optimizer=optimizer, l2=1e-2))
    trainer.current_record()
    passes, trials = [], []
    # Every pass over the rows, whichever path it takes (one chunk or the chunked loop), goes through point().
    real_pass, real_trial = engine.training_rows.InMemoryRows.point, BatchObjective.point
    monkeypatch.setattr(engine.training_rows.InMemoryRows, "point", lambda *args: passes.append(1) or real_pass(*args))
    monkeypatch.setattr(BatchObjective, "point", lambda self, params: trials.append(1) or real_trial(self, params))
    for _ in range(5):
        trainer.step()
    assert len(trials) >= 5
    assert len(passes) == len(trials)


@pytest.mark.parametrize(
    "config,message",
    [
        (dict(loss="zero-one", optimizer="lbfgs"), "gradient is 0"),
        (dict(loss="zero-one", optimizer="newton"), "gradient is 0"),
        (dict(loss="hinge", optimizer="newton"), "second derivative"),
        (dict(optimizer="lbfgs", batch_size=32), "full-batch method"),
        (dict(optimizer="newton", batch_size=32), "full-batch method"),
    ],
)
def test_refusals_say_why(config, message):
    with pytest.raises(ConfigError, match=message):
        TrainConfig(**config)


def test_lbfgs_trains_hinge_without_raising_the_cost():
    X, y, k = standardised("breast_cancer")
    records = Trainer(X, y, k, TrainConfig(loss="hinge", optimizer="lbfgs", l2=1e-2, epochs=50)).run().records
    assert np.all(np.diff([record.train_cost for record in records]) <= 0)


def test_newton_refuses_more_features_than_its_hessian_limit():
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(20, 2500)), np.arange(20) % 2
    with pytest.raises(ConfigError, match="limit is 2000 parameters"):
        Trainer(X, y, 2, TrainConfig(optimizer="newton"))


@pytest.mark.parametrize("optimizer", OPTIMIZERS)
def test_auto_spends_no_pass_estimating_a_rate_a_line_search_does_not_use(optimizer, monkeypatch):
    X, y, k = standardised("breast_cancer")
    estimates = []
    real = engine.training_rows.InMemoryRows.gram_eigenvalue
    monkeypatch.setattr(engine.training_rows.InMemoryRows, "gram_eigenvalue", lambda self: estimates.append(1) or real(self))
    trainer = Trainer(X, y, k, TrainConfig(loss="cross-entropy", optimizer=optimizer, l2=1e-2))
    trainer.run(max_steps=3)
    assert estimates == []
    assert trainer.lr == 1.0


@pytest.mark.parametrize("pairs", [1, 3, 10])
def test_the_two_loop_recursion_applies_the_bfgs_inverse_hessian(pairs):
    """H g equals the matrix of m BFGS updates H <- (I - rho s y^T) H (I - rho y s^T) + rho s s^T from gamma I."""
    from engine.lbfgs import _two_loop

    rng = np.random.default_rng(pairs)
    P = 31
    A = rng.normal(size=(P, P))
    A = A @ A.T + np.eye(P)
    s = tuple(rng.normal(size=P) for _ in range(pairs))
    y = tuple(A @ sj for sj in s)
    H = np.eye(P) * (s[-1] @ y[-1]) / (y[-1] @ y[-1])
    for sj, yj in zip(s, y):
        rho = 1 / (sj @ yj)
        H = (np.eye(P) - rho * np.outer(sj, yj)) @ H @ (np.eye(P) - rho * np.outer(yj, sj)) + rho * np.outer(sj, sj)
    g = rng.normal(size=P)
    np.testing.assert_allclose(_two_loop(g, s, y), H @ g, rtol=1e-10, atol=1e-12)
