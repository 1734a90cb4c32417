"""LinearClassifier: the engine as a scikit-learn estimator, checked against scikit-learn itself."""

import warnings

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV, cross_val_score
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

from engine import LOSSES, Standardizer, TrainConfig, fit, load_dataset
from engine.curvature import lipschitz_constant
from engine.estimator import LinearClassifier
from engine.objective import Params, cost
from engine.records import StopKind
from engine.step_table import COLUMNS


@pytest.fixture(scope="module")
def breast_cancer():
    return load_dataset("breast_cancer")


def test_l2_cross_entropy_reaches_logistic_regressions_cost_on_breast_cancer(breast_cancer):
    X, y = breast_cancer.X, breast_cancer.y
    n, l2 = len(y), 0.01
    standardized = Standardizer.fit(X).transform(X)
    loss = LOSSES["cross-entropy"]
    # Nesterov at lr = 1/L converges in about 250 steps; tol on ||grad|| puts J within ~1e-12 of its minimum.
    lr = 1 / lipschitz_constant(standardized, "cross-entropy", l2)
    ours = LinearClassifier(loss="cross-entropy", l2=l2, optimizer="momentum", nesterov=True, lr=lr, epochs=5000, tol=1e-7)
    ours.fit(X, y)  # standardises X itself, the same way
    # sklearn's objective C sum(loss) + ||w||^2 / 2, divided by C N, is J = mean loss + (l2/2) ||w||^2; neither penalises b.
    theirs = LogisticRegression(C=1 / (n * l2), tol=1e-12, max_iter=10_000).fit(standardized, y)
    J_ours = cost(ours.model_.params, standardized, y, loss, l2)
    J_theirs = cost(Params(theirs.coef_, theirs.intercept_), standardized, y, loss, l2)
    assert ours.stop_.kind is StopKind.CONVERGED
    assert abs(J_ours - J_theirs) <= 1e-6
    assert J_ours == pytest.approx(ours.history_["train_cost"][-1], abs=1e-15)


def test_fit_gives_the_bits_of_the_engines_own_pipeline(breast_cancer):
    config = TrainConfig(loss="hinge", optimizer="adam", lr=0.05, epochs=7, batch_size=64, l2=1e-3, seed=3)
    direct = fit(breast_cancer, config, val_split=0.25)
    clf = LinearClassifier(loss="hinge", optimizer="adam", lr=0.05, epochs=7, batch_size=64, l2=1e-3, seed=3, val_split=0.25)
    clf.fit(breast_cancer.X, breast_cancer.y)
    assert clf.model_.params.W.tobytes() == direct.model.params.W.tobytes()
    assert clf.model_.params.b.tobytes() == direct.model.params.b.tobytes()
    assert clf.n_iter_ == len(direct.run.records) == 7 * 7  # ceil(0.75 * 569 / 64) = 7 steps per epoch


def test_history_has_one_row_per_step_with_the_step_record_columns(breast_cancer):
    clf = LinearClassifier(epochs=40, val_split=0.2).fit(breast_cancer.X, breast_cancer.y)
    history = clf.history_
    assert history.dtype.names == COLUMNS and len(history) == clf.n_iter_ == 40
    assert history["step"].tolist() == list(range(1, 41))
    assert history["train_cost"][-1] < history["train_cost"][0]
    assert np.isfinite(history["val_cost"]).all()  # full batch: validation measured at every step
    assert np.isnan(LinearClassifier(epochs=3).fit(breast_cancer.X, breast_cancer.y).history_["val_cost"]).all()


@pytest.mark.parametrize("loss", sorted(LOSSES))
def test_predict_proba_exists_only_where_the_loss_gives_probabilities(loss):
    clf = LinearClassifier(loss=loss)
    assert hasattr(clf, "predict_proba") == LOSSES[loss].gives_proba
    data = load_dataset("blobs-overlap")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)  # zero-one cannot move: its own test says so
        clf.fit(data.X, data.y)
    if LOSSES[loss].gives_proba:
        proba = clf.predict_proba(data.X)
        np.testing.assert_allclose(proba.sum(axis=1), 1, rtol=1e-12)
        assert np.array_equal(clf.classes_[proba.argmax(axis=1)], clf.predict(data.X))
    else:
        with pytest.raises(AttributeError):
            clf.predict_proba(data.X)


@pytest.mark.parametrize("loss", ["cross-entropy", "squared-error", "hinge", "softmax-cross-entropy"])
def test_the_sign_of_the_decision_function_is_the_prediction_and_coef_works_on_raw_x(loss, breast_cancer):
    X, y = breast_cancer.X, breast_cancer.y
    clf = LinearClassifier(loss=loss, epochs=50).fit(X, y)
    decision = clf.decision_function(X)
    assert decision.shape == (len(y),)
    assert np.array_equal(clf.classes_[(decision > 0).astype(int)], clf.predict(X))
    z = X @ clf.coef_.T + clf.intercept_
    margin = z[:, 1] - z[:, 0] if z.shape[1] == 2 else z[:, 0] - LOSSES[loss].threshold
    np.testing.assert_allclose(margin, decision, rtol=1e-9, atol=1e-9)


def test_a_binary_loss_refuses_three_classes_and_names_softmax():
    iris = load_dataset("iris")
    with pytest.raises(ValueError, match="softmax-cross-entropy.*OneVsRestClassifier"):
        LinearClassifier(loss="hinge").fit(iris.X, iris.y)
    one_vs_rest = OneVsRestClassifier(LinearClassifier(loss="hinge", epochs=300)).fit(iris.X, iris.y)
    softmax = LinearClassifier(loss="softmax-cross-entropy", epochs=300).fit(iris.X, iris.y)
    assert one_vs_rest.score(iris.X, iris.y) > 0.85 and softmax.score(iris.X, iris.y) > 0.9
    assert softmax.coef_.shape == (3, 4) and softmax.predict_proba(iris.X).shape == (150, 3)


def test_string_labels_come_back_as_the_same_strings():
    iris = load_dataset("iris")
    names = np.array(iris.classes)[iris.y]
    clf = LinearClassifier(loss="softmax-cross-entropy", epochs=100).fit(iris.X, names)
    assert clf.classes_.tolist() == sorted(iris.classes) and set(clf.predict(iris.X)) <= set(iris.classes)


def test_it_works_inside_pipeline_grid_search_cross_validation_and_clone(breast_cancer):
    X, y = breast_cancer.X, breast_cancer.y
    pipeline = Pipeline([("scale", StandardScaler()), ("clf", LinearClassifier(standardize=False, epochs=100))])
    grid = GridSearchCV(pipeline, {"clf__loss": ["cross-entropy", "hinge"], "clf__l2": [0.0, 0.01]}, cv=3).fit(X, y)
    assert grid.best_params_["clf__loss"] in ("cross-entropy", "hinge") and grid.best_score_ > 0.95
    scores = cross_val_score(LinearClassifier(lr=0.5), X, y, cv=5)
    assert scores.shape == (5,) and scores.min() > 0.9
    fitted = LinearClassifier(loss="hinge", l2=0.1).fit(X, y)
    copy = clone(fitted)
    assert copy.get_params() == fitted.get_params() and not hasattr(copy, "coef_")
    assert copy.set_params(lr=0.3).lr == 0.3


def test_a_dataframe_gives_feature_names_in(breast_cancer):
    frame = pd.DataFrame(breast_cancer.X, columns=list(breast_cancer.feature_names))
    clf = LinearClassifier(epochs=20).fit(frame, breast_cancer.y)
    assert clf.feature_names_in_.tolist() == list(breast_cancer.feature_names)
    assert clf.model_.feature_names == breast_cancer.feature_names
    assert np.array_equal(clf.predict(frame), clf.classes_[clf.model_.predict(breast_cancer.X)])
    assert not hasattr(LinearClassifier(epochs=20).fit(breast_cancer.X, breast_cancer.y), "feature_names_in_")


def test_divergence_and_an_unmet_tol_warn_as_sklearn_does(breast_cancer):
    X, y = breast_cancer.X, breast_cancer.y
    with pytest.warns(ConvergenceWarning, match="diverged"):
        clf = LinearClassifier(loss="squared-error", lr=50.0, epochs=100).fit(X, y)
    assert clf.stop_.kind is StopKind.DIVERGED
    with pytest.warns(ConvergenceWarning, match="not converged to tol=1e-09 in 5 epochs"):
        LinearClassifier(epochs=5, tol=1e-9).fit(X, y)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        LinearClassifier(epochs=5).fit(X, y)  # no tol asked for, nothing to warn about


def test_patience_needs_a_validation_split_and_then_stops_early(breast_cancer):
    X, y = breast_cancer.X, breast_cancer.y
    with pytest.raises(ValueError, match="val_split"):
        LinearClassifier(patience=3).fit(X, y)
    clf = LinearClassifier(lr=5.0, epochs=2000, patience=5, val_split=0.3, seed=1).fit(X, y)
    assert clf.stop_.kind is StopKind.EARLY_STOPPED and clf.n_iter_ < 2000


def test_bad_parameters_are_value_errors_at_fit_not_at_construction(breast_cancer):
    clf = LinearClassifier(loss="cross-entropy-stable", lr=-1)
    with pytest.raises(ValueError, match="cross-entropy-stable"):
        clf.fit(breast_cancer.X, breast_cancer.y)
    with pytest.raises(ValueError, match="learning rate must be auto or a positive number"):
        LinearClassifier(lr=-1).fit(breast_cancer.X, breast_cancer.y)
