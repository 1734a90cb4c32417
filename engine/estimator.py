"""LinearClassifier: the engine as a scikit-learn estimator (needs the extra `tui-clf[sklearn]`).

    from engine.estimator import LinearClassifier
    clf = LinearClassifier(loss="hinge", lr=0.3, epochs=500, l2=1e-3).fit(X, y)
    clf.history_["train_cost"]          # the cost after every step, which sklearn's models do not keep

The math is the engine's, once: fit() builds a Dataset and runs engine.pipeline.fit with a
TrainConfig, exactly what `tui-clf train` does with the same options and seed. Only this
module imports scikit-learn; `import engine` never does.
"""

from __future__ import annotations

import warnings

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.exceptions import ConvergenceWarning
from sklearn.utils.metaestimators import available_if
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import check_is_fitted, validate_data

from engine.dataset import Dataset
from engine.errors import ConfigError, DataError
from engine.losses import LOSSES, get_loss
from engine.pipeline import fit
from engine.records import StopKind
from engine.step_table import step_table
from engine.train_config import TrainConfig

# Stops after which the weights are not a minimum of the cost: said with a ConvergenceWarning, as sklearn does.
UNFINISHED = (StopKind.DIVERGED, StopKind.ZERO_GRADIENT)


def _gives_proba(estimator: LinearClassifier) -> bool:
    """True when the estimator's loss turns scores into probabilities (so predict_proba exists)."""
    loss = LOSSES.get(estimator.loss)
    return loss is not None and loss.gives_proba


class LinearClassifier(ClassifierMixin, BaseEstimator):
    """A linear classifier trained by the engine with one of the lecture's losses.

    Parameters have the names and defaults of `tui-clf train`'s options: loss, lr (auto or a number), epochs,
    batch_size (None: full batch), optimizer (gd, momentum, adam), momentum, nesterov, l2
    (J = mean loss + (l2/2)||W||^2, the bias not penalised), seed, standardize, tol (0: off),
    patience (early stopping on the validation part; None: off). One default differs:
    val_split is 0.0 here (0.2 for the CLI), because a scikit-learn estimator learns from all
    the rows it is given, and holding data out is the job of cross_val_score, GridSearchCV
    or train_test_split around it; patience therefore needs val_split > 0.

    Binary losses on data with more than two classes are refused with a ValueError that
    names softmax-cross-entropy: the engine trains one model per fit, and one-vs-rest is
    `sklearn.multiclass.OneVsRestClassifier(LinearClassifier(loss="hinge"))`, scikit-learn's
    own tool for it, rather than a second one hidden here.

    Attributes after fit, for X (N, D) with K classes:
        classes_ (K,); n_features_in_; feature_names_in_ (only for a DataFrame with string
        column names); coef_ (1, D) for a binary loss, (K, D) for softmax-cross-entropy, and
        intercept_ (1,) or (K,), both in the units of X: decision scores z = X coef_^T +
        intercept_ (up to rounding: the model itself standardises X, then applies its W and b);
        n_iter_: the number of weight updates (steps); history_: a structured array, one row
        per step, with the engine's StepRecord columns (step, epoch, train_cost, train_loss,
        train_error, val_cost, val_loss, val_error, grad_norm, seconds, lr; nan where not
        measured); stop_: why training stopped (engine.records.Stop, kind and message);
        model_: the engine's LinearModel (engine.model_file.save_model writes it for the CLI).

    decision_function is z - threshold for a binary loss (threshold 1/2 for squared-error,
    0 otherwise), so that its sign is the prediction; z1 - z0 for softmax with two classes,
    z (N, K) with more. predict_proba exists only for losses that give probabilities
    (logistic-squared-error, cross-entropy, cross-entropy-naive, softmax-cross-entropy):
    for the others `hasattr(clf, "predict_proba")` is False.

    sklearn.utils.estimator_checks.check_estimator passes every check, none excepted, for the
    default cross-entropy, hinge, squared-error, softmax-cross-entropy and minibatch Adam
    (tests/engine/test_estimator_checks.py); the tag multi_class follows the loss, so binary
    losses are checked on two classes and on the refusal of three.
    """

    def __init__(
        self,
        loss: str = "cross-entropy",
        lr: float | str = "auto",
        epochs: int = 100,
        batch_size: int | None = None,
        optimizer: str = "gd",
        momentum: float = 0.9,
        nesterov: bool = False,
        l2: float = 0.0,
        seed: int = 0,
        standardize: bool = True,
        tol: float = 0.0,
        patience: int | None = None,
        val_split: float = 0.0,
    ) -> None:
        self.loss = loss
        self.lr = lr
        self.epochs = epochs
        self.batch_size = batch_size
        self.optimizer = optimizer
        self.momentum = momentum
        self.nesterov = nesterov
        self.l2 = l2
        self.seed = seed
        self.standardize = standardize
        self.tol = tol
        self.patience = patience
        self.val_split = val_split

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        loss = LOSSES.get(self.loss)
        tags.classifier_tags.multi_class = loss is None or loss.multiclass
        return tags

    def fit(self, X, y) -> LinearClassifier:
        """Train on X (N, D) and labels y (N,) until a stop rule fires or the epochs are spent."""
        X, y = validate_data(self, X, y, dtype=np.float64, order="C")
        check_classification_targets(y)
        self.classes_, codes = np.unique(y, return_inverse=True)
        config = self._config(len(self.classes_))
        names = getattr(self, "feature_names_in_", None)
        dataset = Dataset(
            name="fit",
            X=X,
            y=codes.astype(np.intp),
            classes=tuple(str(c) for c in self.classes_),
            feature_names=tuple(names) if names is not None else tuple(f"x{j}" for j in range(1, X.shape[1] + 1)),
        )
        try:
            result = fit(dataset, config, val_split=self.val_split, standardize=self.standardize)
        except (DataError, ConfigError) as error:
            raise ValueError(str(error)) from error
        self.model_ = result.model
        self.history_ = step_table(result.run.records)
        self.n_iter_ = len(result.run.records)
        self.stop_ = result.run.stop
        self.coef_, self.intercept_ = self._raw_weights()
        self._warn_if_unfinished()
        return self

    def decision_function(self, X) -> np.ndarray:
        """Scores whose sign (binary) or argmax (K > 2) is the prediction: (N,) or (N, K)."""
        z = self._scores(X)
        if z.ndim == 1:
            return z - self.model_.loss.threshold
        return z[:, 1] - z[:, 0] if z.shape[1] == 2 else z

    def predict(self, X) -> np.ndarray:
        """The class of each row of X, from classes_: shape (N,)."""
        z = self._scores(X)
        return self.classes_[self.model_.loss.predict(z)]

    @available_if(_gives_proba)
    def predict_proba(self, X) -> np.ndarray:
        """P(class k | x) for each row of X: (N, K), columns in the order of classes_."""
        z = self._scores(X)
        return self.model_.loss.proba(z)

    def _scores(self, X) -> np.ndarray:
        """The engine's scores z for raw X: (N,) for a binary loss, (N, K) for softmax."""
        check_is_fitted(self)
        X = validate_data(self, X, reset=False, dtype=np.float64)
        return self.model_.scores(X)

    def _config(self, n_classes: int) -> TrainConfig:
        """The engine's TrainConfig for these parameters; ValueError for any that make no sense."""
        try:
            loss = get_loss(self.loss)
            config = TrainConfig(
                loss=self.loss,
                optimizer=self.optimizer,
                lr=self.lr,
                epochs=self.epochs,
                batch_size=self.batch_size,
                l2=self.l2,
                seed=self.seed,
                momentum=self.momentum,
                nesterov=self.nesterov,
                tol=self.tol,
                patience=self.patience,
            )
        except ConfigError as error:
            raise ValueError(str(error)) from error
        if n_classes < 2:
            raise ValueError(f"y has 1 class ({self.classes_[0]!r}): a classifier needs at least two")
        if n_classes > 2 and not loss.multiclass:
            raise ValueError(
                f"Only binary classification is supported by loss={self.loss!r}, and y has {n_classes} classes: "
                "use loss='softmax-cross-entropy', or wrap this estimator in sklearn.multiclass.OneVsRestClassifier"
            )
        if self.patience is not None and not self.val_split:
            raise ValueError("patience stops on the validation cost: set val_split > 0 to hold a validation part out")
        return config

    def _raw_weights(self) -> tuple[np.ndarray, np.ndarray]:
        """W and b for unstandardised X: z = W (x - m) / s + b = (W / s) x + (b - (W / s) m)."""
        params, standardizer = self.model_.params, self.model_.standardizer
        coef = params.W / standardizer.scale
        return coef, params.b - coef @ standardizer.mean

    def _warn_if_unfinished(self) -> None:
        stop = self.stop_
        if stop is not None and stop.kind in UNFINISHED:
            warnings.warn(stop.message, ConvergenceWarning, stacklevel=3)
        elif self.tol and (stop is None or stop.kind is StopKind.FINISHED):
            warnings.warn(
                f"not converged to tol={self.tol:g} in {self.epochs} epochs ({self.n_iter_} steps): "
                "raise epochs or lr, or loosen tol",
                ConvergenceWarning,
                stacklevel=3,
            )
