"""svmlight / libsvm files: sparse rows read densely, and every malformed token refused where it stands."""

import gzip

import pytest
from data_files import refusal, write

from engine.data import load_dataset


def test_features_left_out_are_zero_and_the_width_is_the_largest_index(tmp_path):
    data = load_dataset(write(tmp_path, "f.svm", "+1 1:0.5 3:2\n-1 2:-1.5\n"))
    assert data.X.tolist() == [[0.5, 0, 2], [0, -1.5, 0]]
    assert data.feature_names == ("x1", "x2", "x3")
    assert data.classes == ("-1", "1")
    assert data.y.tolist() == [1, 0]


def test_comments_and_blank_lines_are_skipped(tmp_path):
    text = "# made by hand\n\n1 1:1 # first\n  \n0 1:2\n"
    data = load_dataset(write(tmp_path, "f.libsvm", text))
    assert data.X.tolist() == [[1], [2]]


@pytest.mark.parametrize("name", ["f.svm", "f.svmlight", "f.libsvm", "f.txt"])
def test_every_svmlight_extension_is_read_as_svmlight(tmp_path, name):
    assert load_dataset(write(tmp_path, name, "2 1:1\n3 1:2\n")).classes == ("2", "3")


def test_a_gzipped_svmlight_file_loads(tmp_path):
    data = load_dataset(write(tmp_path, "f.svm.gz", gzip.compress(b"1 1:1\n0 2:1\n")))
    assert data.X.tolist() == [[1, 0], [0, 1]] and data.name == "f"


def test_indices_out_of_order_are_refused_at_the_token(tmp_path):
    refusal(write(tmp_path, "f.svm", "1 1:1\n0 3:1 2:1\n"), line=2, column=7, says="index 2 after index 3")


def test_a_repeated_index_is_refused_at_the_token(tmp_path):
    refusal(write(tmp_path, "f.svm", "1 1:1 2:5 2:6\n0 1:1\n"), line=1, column=11, says="index 2 appears twice")


def test_index_zero_is_refused_because_indices_start_at_one(tmp_path):
    refusal(write(tmp_path, "f.svm", "1 0:1 1:1\n0 1:1\n"), line=1, column=3, says="index 0")


def test_a_token_without_a_colon_is_refused_at_the_token(tmp_path):
    refusal(write(tmp_path, "f.svm", "1 1:1\n0 1:1  7\n"), line=2, column=8, says="'7' has no colon")


def test_an_index_that_is_not_a_whole_number_is_refused(tmp_path):
    refusal(
        write(tmp_path, "f.svm", "1 qid:3 1:1\n0 1:1\n"), line=1, column=3, says="index 'qid' is not a whole number"
    )


def test_a_label_that_is_not_a_number_is_refused(tmp_path):
    refusal(write(tmp_path, "f.svm", "1 1:1\nspam 1:1\n"), line=2, column=1, says="'spam' is not a number")


@pytest.mark.parametrize(
    ("value", "says"), [("nan", "NaN"), ("1e400", "overflows"), ("x", "not a number"), ("", "empty")]
)
def test_a_bad_value_is_refused_at_its_token(tmp_path, value, says):
    refusal(write(tmp_path, "f.svm", f"1 1:1\n0 1:2 4:{value}\n"), line=2, column=7, says=says)


def test_a_single_class_is_refused(tmp_path):
    refusal(write(tmp_path, "f.svm", "1 1:1\n1.0 1:2\n+1 2:1\n"), says="only one class ('1')")


def test_a_file_of_comments_only_is_refused(tmp_path):
    refusal(write(tmp_path, "f.svm", "# nothing here\n"), says="no data lines")


def test_a_file_with_no_feature_values_is_refused(tmp_path):
    refusal(write(tmp_path, "f.svm", "1\n0\n"), says="no feature values")
