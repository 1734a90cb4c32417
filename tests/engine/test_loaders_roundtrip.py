"""A dataset written as CSV, svmlight or npz loads back identical, and a failed save changes nothing."""

import os

import numpy as np
import pytest

from engine.data import load_dataset, save_dataset
from engine.dataset import Dataset
from engine.errors import DataError

# Floats that a careless writer would round: thirds, tiny, huge, subnormal, negative.
AWKWARD = np.array(
    [
        [1 / 3, -0.1, 0.0],
        [1e-300, 5e-324, 2.5],
        [1e16 + 2, -7.0, 0.0],
        [123456.789, 2**-20, 0.0],
    ]
)


def assert_identical(loaded: Dataset, saved: Dataset) -> None:
    assert loaded.X.tobytes() == saved.X.tobytes()
    assert loaded.y.tolist() == saved.y.tolist() and loaded.y.dtype == np.intp
    assert loaded.classes == saved.classes
    assert loaded.feature_names == saved.feature_names


@pytest.mark.parametrize("name", ["data.csv", "data.csv.gz", "data.npz"])
def test_a_dataset_with_named_classes_and_features_comes_back_identical(tmp_path, name):
    saved = Dataset("data", AWKWARD, np.array([2, 0, 1, 0]), ("a, b", 'say "hi"', "z"), ("width, cm", "é", "x"))
    save_dataset(saved, tmp_path / name)
    assert_identical(load_dataset(tmp_path / name), saved)


@pytest.mark.parametrize("name", ["data.svm", "data.svmlight.gz", "data.libsvm", "data.txt"])
def test_svmlight_brings_back_every_number_even_an_all_zero_last_feature(tmp_path, name):
    saved = Dataset("data", AWKWARD, np.array([1, 0, 1, 0]), ("-1", "1"), ("x1", "x2", "x3"))
    save_dataset(saved, tmp_path / name)
    assert_identical(load_dataset(tmp_path / name), saved)


def test_npz_keeps_classes_in_their_own_order(tmp_path):
    saved = Dataset("d", AWKWARD, np.array([0, 1, 1, 0]), ("not setosa", "setosa"), ("a", "b", "c"))
    reordered = Dataset("d", AWKWARD, np.array([0, 1, 1, 0]), ("zeta", "alpha"), ("a", "b", "c"))
    for dataset in (saved, reordered):
        save_dataset(dataset, tmp_path / "d.npz")
        assert_identical(load_dataset(tmp_path / "d.npz"), dataset)


def test_every_bundled_dataset_survives_each_format(tmp_path):
    for name in ("iris", "blobs-outliers", "three-blobs"):
        dataset = load_dataset(name)
        for suffix in (".csv", ".npz"):
            save_dataset(dataset, tmp_path / f"{name}{suffix}")
            assert_identical(load_dataset(tmp_path / f"{name}{suffix}"), dataset)


def test_saving_string_classes_as_svmlight_is_refused_and_leaves_the_old_file(tmp_path):
    path = tmp_path / "d.svm"
    path.write_text("1 1:1\n0 1:2\n")
    iris = load_dataset("iris")
    with pytest.raises(DataError) as caught:
        save_dataset(iris, path)
    assert caught.value.path == str(path) and "class 'setosa' is not" in caught.value.message
    assert path.read_text() == "1 1:1\n0 1:2\n"
    assert os.listdir(tmp_path) == ["d.svm"]  # no temporary file left behind


def test_saving_to_an_unknown_extension_is_refused(tmp_path):
    with pytest.raises(DataError, match="unknown format"):
        save_dataset(load_dataset("blobs"), tmp_path / "d.xlsx")
    assert os.listdir(tmp_path) == []


def test_a_saved_file_gets_the_usual_permissions_not_a_temporary_files(tmp_path):
    save_dataset(load_dataset("blobs"), tmp_path / "d.csv")
    umask = os.umask(0)
    os.umask(umask)
    assert (tmp_path / "d.csv").stat().st_mode & 0o777 == 0o666 & ~umask
