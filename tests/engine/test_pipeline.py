"""From a dataset to a model: logistic regression on real data, standardisation and splits."""

import numpy as np

from engine import TrainConfig, fit, load_dataset, prepare
from engine.column_stats import column_mean_std
from engine.dataset import Dataset


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


def test_preparing_over_the_loaded_data_gives_the_same_numbers_as_a_copy():
    data = load_dataset("breast_cancer")
    copied = prepare(data, val_split=0.2, seed=3)
    given_up = Dataset(data.name, data.X.copy(), data.y, data.classes, data.feature_names, data.source)
    reused = prepare(given_up, val_split=0.2, seed=3, overwrite=True)
    assert reused.train.X.tobytes() == copied.train.X.tobytes() and reused.val.X.tobytes() == copied.val.X.tobytes()
    assert np.shares_memory(reused.train.X, given_up.X)  # no second copy of X was made
    assert np.array_equal(reused.train.y, copied.train.y)


def test_without_overwrite_the_dataset_is_left_as_it_was():
    data = load_dataset("breast_cancer")
    before = data.X.copy()
    for split in (0.0, 0.2):
        prepare(data, val_split=split)
    assert np.array_equal(data.X, before)


def test_column_statistics_in_blocks_equal_numpys():
    X = np.random.default_rng(0).normal(5.0, 3.0, size=(30_000, 100))  # 24 MB: three blocks
    mean, std = column_mean_std(X)
    np.testing.assert_allclose(mean, X.mean(axis=0), rtol=1e-13)
    np.testing.assert_allclose(std, X.std(axis=0), rtol=1e-12)
