"""From a dataset to a model: logistic regression on real data, standardisation and splits."""

import numpy as np

from engine import TrainConfig, fit, load_dataset, prepare


def test_logistic_regression_on_breast_cancer_reaches_97_percent_training_accuracy():
    result = fit(load_dataset("breast_cancer"), TrainConfig(loss="cross-entropy", lr=0.5, epochs=300))
    assert 1 - result.trainer.evaluate().train_error >= 0.97


def test_the_standardisation_is_fitted_on_the_training_part_only():
    data = load_dataset("wine")
    prepared = prepare(data, val_split=0.3, seed=4)
    np.testing.assert_allclose(prepared.train.X.mean(axis=0), 0, atol=1e-12)
    np.testing.assert_allclose(prepared.train.X.std(axis=0), 1, atol=1e-12)
    assert np.abs(prepared.val.X.mean(axis=0)).max() > 1e-3  # the validation part was not used to fit it


def test_the_model_predicts_on_raw_features_with_the_stored_standardisation():
    data = load_dataset("breast_cancer")
    result = fit(data, TrainConfig(lr=0.5, epochs=100))
    accuracy = np.mean(result.model.predict(data.X) == data.y)
    assert accuracy == 1 - result.trainer.evaluate().train_error


def test_unstandardised_breast_cancer_diverges_or_crawls_as_the_dataset_readme_says():
    result = fit(load_dataset("breast_cancer"), TrainConfig(loss="squared-error", lr=0.1, epochs=50), standardize=False)
    assert result.run.stop.kind.value == "diverged" and "unscaled" in result.run.stop.message
