"""NumPy .npz archives: plain arrays load, anything pickled or malformed is refused."""

import numpy as np
import pytest
from data_files import refusal

from engine.data import load_dataset

X = np.array([[0.5, 1.0], [2.0, -3.0], [4.0, 5.0]])


def test_integer_labels_become_classes_sorted_as_numbers(tmp_path):
    np.savez(tmp_path / "a.npz", X=X, y=np.array([10, 2, 10]))
    data = load_dataset(tmp_path / "a.npz")
    assert data.classes == ("2", "10") and data.y.tolist() == [1, 0, 1]
    assert data.X.tolist() == X.tolist() and data.feature_names == ("x1", "x2")


def test_string_labels_become_classes_sorted_as_text(tmp_path):
    np.savez_compressed(tmp_path / "a.npz", X=X, y=np.array(["dog", "cat", "dog"]))
    data = load_dataset(tmp_path / "a.npz")
    assert data.classes == ("cat", "dog") and data.y.tolist() == [1, 0, 1]


def test_class_names_make_y_an_index_and_keep_their_order(tmp_path):
    np.savez(tmp_path / "a.npz", X=X, y=[1, 0, 1], class_names=["spam", "ham"], feature_names=["f", "g"])
    data = load_dataset(tmp_path / "a.npz")
    assert data.classes == ("spam", "ham") and data.y.tolist() == [1, 0, 1]
    assert data.feature_names == ("f", "g")


def test_a_truncated_archive_is_refused(tmp_path):
    np.savez(tmp_path / "whole.npz", X=X, y=[0, 1, 0])
    cut = (tmp_path / "whole.npz").read_bytes()
    (tmp_path / "cut.npz").write_bytes(cut[: len(cut) // 2])
    refusal(tmp_path / "cut.npz", says="truncated or corrupt")


def test_a_file_that_is_not_an_archive_is_refused(tmp_path):
    (tmp_path / "text.npz").write_text("a,b,label\n1,2,x\n")
    refusal(tmp_path / "text.npz", says="not a readable .npz archive")


@pytest.mark.parametrize("missing", ["X", "y"])
def test_an_archive_without_x_or_y_is_refused(tmp_path, missing):
    arrays = {"X": X, "y": np.array([0, 1, 0])}
    del arrays[missing]
    np.savez(tmp_path / "a.npz", **arrays)
    refusal(tmp_path / "a.npz", says=f"no array {missing!r}")


def test_x_and_y_of_different_lengths_are_refused(tmp_path):
    np.savez(tmp_path / "a.npz", X=X, y=np.array([0, 1]))
    refusal(tmp_path / "a.npz", says="X has 3 rows but y has shape (2,)")


class LeavesAMark:
    """An object whose unpickling would create a file: proof that nothing was unpickled."""

    def __init__(self, mark):
        self.mark = mark

    def __reduce__(self):
        return (open, (self.mark, "w"))


def test_pickled_objects_are_refused_and_never_unpickled(tmp_path):
    mark = tmp_path / "unpickled"
    y = np.array([LeavesAMark(str(mark)), 0, 1], dtype=object)
    np.savez(tmp_path / "a.npz", X=X, y=y)
    refusal(tmp_path / "a.npz", says="pickled Python objects")
    assert not mark.exists()


def test_a_one_dimensional_x_is_refused(tmp_path):
    np.savez(tmp_path / "a.npz", X=np.arange(3.0), y=[0, 1, 0])
    refusal(tmp_path / "a.npz", says="X must be 2-D")


def test_x_of_strings_is_refused(tmp_path):
    np.savez(tmp_path / "a.npz", X=np.array([["1", "2"], ["3", "4"]]), y=[0, 1])
    refusal(tmp_path / "a.npz", says="X must hold numbers")


def test_nan_in_x_is_refused_with_its_row_and_column(tmp_path):
    bad = X.copy()
    bad[2, 1] = np.nan
    np.savez(tmp_path / "a.npz", X=bad, y=[0, 1, 0])
    refusal(tmp_path / "a.npz", says="X[2, 1] is nan")


def test_an_empty_string_label_is_refused_with_its_row(tmp_path):
    np.savez(tmp_path / "a.npz", X=X, y=np.array(["a", "b", ""]))
    refusal(tmp_path / "a.npz", says="y[2]: empty label")


def test_a_single_class_is_refused(tmp_path):
    np.savez(tmp_path / "a.npz", X=X, y=[7, 7, 7])
    refusal(tmp_path / "a.npz", says="only one class ('7')")


def test_an_index_past_the_class_names_is_refused(tmp_path):
    np.savez(tmp_path / "a.npz", X=X, y=[0, 1, 2], class_names=["a", "b"])
    refusal(tmp_path / "a.npz", says="y must hold indices 0 to 1")


def test_feature_names_of_the_wrong_length_are_refused(tmp_path):
    np.savez(tmp_path / "a.npz", X=X, y=[0, 1, 0], feature_names=["only one"])
    refusal(tmp_path / "a.npz", says="feature_names must be 2 strings")
