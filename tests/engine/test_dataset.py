"""Dataset, its stratified split and its standardisation fitted on the training part only."""

import numpy as np
import pytest

from engine.dataset import Dataset, Standardizer, stratified_split
from engine.errors import DataError

Y = np.repeat([0, 1, 2], [60, 30, 10])  # unbalanced on purpose


def test_each_class_is_split_in_the_same_proportion():
    train, val = stratified_split(Y, 0.2, seed=0)
    assert np.bincount(Y[val]).tolist() == [12, 6, 2]
    assert np.bincount(Y[train]).tolist() == [48, 24, 8]


def test_the_split_covers_every_row_once_and_keeps_row_order():
    train, val = stratified_split(Y, 0.3, seed=1)
    assert sorted(np.concatenate([train, val]).tolist()) == list(range(len(Y)))
    assert train.tolist() == sorted(train.tolist()) and val.tolist() == sorted(val.tolist())


def test_the_same_seed_gives_the_same_split_and_another_seed_another():
    first, again, other = (stratified_split(Y, 0.25, seed) for seed in (3, 3, 4))
    assert first[1].tolist() == again[1].tolist()
    assert first[1].tolist() != other[1].tolist()


def test_every_class_keeps_a_training_example_even_when_tiny():
    y = np.array([0, 0, 0, 0, 1])
    train, _ = stratified_split(y, 0.9, seed=0)
    assert set(y[train].tolist()) == {0, 1}


def test_no_validation_fraction_means_no_validation_rows():
    train, val = stratified_split(Y, 0.0, seed=0)
    assert len(train) == len(Y) and len(val) == 0


@pytest.mark.parametrize("fraction", [-0.1, 1.0])
def test_a_validation_fraction_outside_zero_to_one_is_refused(fraction):
    with pytest.raises(ValueError):
        stratified_split(Y, fraction, seed=0)


def test_standardisation_is_fitted_on_the_training_rows_only():
    rng = np.random.default_rng(0)
    X = rng.normal(loc=[5, -3], scale=[2, 10], size=(100, 2))
    X[80:] += 100  # validation rows far away: leaking them would move the mean
    train, val = np.arange(80), np.arange(80, 100)
    scaler = Standardizer.fit(X[train])
    assert np.allclose(scaler.mean, X[train].mean(axis=0)) and np.allclose(scaler.scale, X[train].std(axis=0))
    Z = scaler.transform(X[train])
    assert np.allclose(Z.mean(axis=0), 0) and np.allclose(Z.std(axis=0), 1)
    assert scaler.transform(X[val]).mean() > 5  # the validation rows keep their distance


def test_a_constant_column_is_left_centred_not_divided_by_zero():
    scaler = Standardizer.fit(np.array([[1.0, 7.0], [2.0, 7.0], [3.0, 7.0]]))
    assert scaler.scale[1] == 1.0
    assert scaler.transform(np.array([[2.0, 7.0]])).tolist() == [[0.0, 0.0]]


def test_the_identity_standardizer_changes_nothing():
    X = np.array([[1.5, -2.0]])
    assert Standardizer.identity(2).transform(X).tolist() == X.tolist()


def small() -> Dataset:
    X = np.arange(12, dtype=float).reshape(6, 2)
    return Dataset("small", X, np.array([0, 1, 2, 0, 1, 2]), ("a", "b", "c"), ("p", "q"), "small.csv")


def test_a_dataset_counts_its_rows_features_and_classes():
    data = small()
    assert (data.n_rows, data.n_features, data.n_classes) == (6, 2, 3)
    assert data.class_counts().tolist() == [2, 2, 2]


def test_a_subset_keeps_the_names_and_takes_the_rows():
    part = small().subset(np.array([1, 4]))
    assert part.X.tolist() == [[2, 3], [8, 9]] and part.y.tolist() == [1, 1]
    assert part.classes == ("a", "b", "c") and part.feature_names == ("p", "q")


def test_one_vs_rest_makes_the_chosen_class_label_one():
    binary = small().one_vs_rest("b")
    assert binary.classes == ("not b", "b") and binary.y.tolist() == [0, 1, 0, 0, 1, 0]


def test_one_vs_rest_with_an_unknown_class_names_the_file_and_the_classes():
    with pytest.raises(DataError) as caught:
        small().one_vs_rest("z")
    assert caught.value.path == "small.csv" and "a, b, c" in caught.value.message
