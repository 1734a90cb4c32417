"""scikit-learn's own estimator checks, run on LinearClassifier with binary and multiclass losses.

Every check passes, so none is named in expected_failed_checks; check_array_api_input is
skipped by scikit-learn itself unless SCIPY_ARRAY_API=1 (LinearClassifier computes in NumPy).
"""

from sklearn.utils.estimator_checks import parametrize_with_checks

from engine.estimator import LinearClassifier

ESTIMATORS = [
    LinearClassifier(),
    LinearClassifier(loss="hinge"),
    LinearClassifier(loss="squared-error"),
    LinearClassifier(loss="softmax-cross-entropy"),
    LinearClassifier(loss="logistic-squared-error", optimizer="adam", batch_size=16),
]


@parametrize_with_checks(ESTIMATORS)
def test_scikit_learn_estimator_checks(estimator, check):
    check(estimator)
