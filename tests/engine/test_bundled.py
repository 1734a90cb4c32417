"""The bundled datasets: each loads by name with the right shape, and the list says so."""

from importlib.resources import files

import pytest

from engine.bundled import BUNDLED, DEFAULT_DATASET, bundled_name, list_bundled, load_bundled
from engine.data import load_dataset
from engine.synthetic import GENERATORS


@pytest.mark.parametrize(
    ("name", "rows", "features", "classes"),
    [
        ("iris", 150, 4, ("setosa", "versicolor", "virginica")),
        ("breast_cancer", 569, 30, ("benign", "malignant")),
        ("wine", 178, 13, ("class_0", "class_1", "class_2")),
    ],
)
def test_each_real_dataset_loads_by_name_with_its_rows_features_and_classes(name, rows, features, classes):
    data = load_dataset(name)
    assert (data.n_rows, data.n_features, data.classes) == (rows, features, classes)
    assert data.name == name and data.source == name


def test_breast_cancer_has_212_malignant_and_357_benign_cases():
    data = load_dataset("breast_cancer")
    assert dict(zip(data.classes, data.class_counts().tolist(), strict=True)) == {"malignant": 212, "benign": 357}


def test_iris_keeps_its_measurement_names():
    assert load_dataset("iris").feature_names == ("sepal_length", "sepal_width", "petal_length", "petal_width")


def test_the_synthetic_datasets_are_bundled_under_their_lecture_names():
    expected = {"blobs", "blobs-overlap", "blobs-outliers", "blobs-noisy", "xor", "rings", "three-blobs"}
    assert set(GENERATORS) == expected
    assert expected <= set(BUNDLED)


def test_every_csv_in_sample_data_is_bundled_and_every_bundled_name_has_its_csv():
    shipped = {
        entry.name.removesuffix(".csv")
        for entry in files("engine.sample_data").iterdir()
        if entry.name.endswith(".csv")
    }
    assert shipped == set(BUNDLED)


def test_the_list_gives_rows_features_and_classes_of_every_bundled_dataset():
    listed = {info.name: info for info in list_bundled()}
    assert list(listed) == list(BUNDLED)
    for name, info in listed.items():
        data = load_bundled(name)
        assert (info.rows, info.features, info.classes) == (data.n_rows, data.n_features, data.classes)
        assert info.description == BUNDLED[name]
    assert (listed["wine"].rows, listed["wine"].features, len(listed["wine"].classes)) == (178, 13, 3)


def test_the_default_dataset_is_a_bundled_two_dimensional_binary_one():
    data = load_dataset(DEFAULT_DATASET)
    assert data.n_features == 2 and data.n_classes == 2


def test_names_match_with_dashes_and_underscores_alike():
    assert bundled_name("breast-cancer") == "breast_cancer"
    assert bundled_name("Three_Blobs") == "three-blobs"
    assert bundled_name("iris.csv") is None
    assert load_dataset("breast-cancer").n_rows == 569


def test_a_bundled_dataset_takes_a_label_column_too():
    assert load_dataset("blobs", target="x1").feature_names == ("x2", "label")
