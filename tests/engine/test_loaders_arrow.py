"""Parquet, Feather and Arrow files: the same data as a CSV twin, and the same refusals as every loader."""

import os
import subprocess
import sys
import time

import numpy as np
import pyarrow as pa
import pyarrow.feather as feather
import pyarrow.parquet as pq
import pytest
from data_files import refusal, write

from engine import Dataset, TrainConfig, fit, load_dataset, save_dataset


def table_of(dataset, label_values=None):
    """The dataset as an Arrow table built here with pyarrow, not by the engine's writer."""
    columns = {name: dataset.X[:, j] for j, name in enumerate(dataset.feature_names)}
    columns["diagnosis"] = label_values if label_values is not None else [dataset.classes[k] for k in dataset.y]
    return pa.table(columns)


def written(tmp_path, table, suffix):
    """tmp_path/data.SUFFIX holding `table`: Parquet, Feather (lz4-compressed batches) or an uncompressed Arrow IPC file."""
    path = tmp_path / f"data.{suffix}"
    if suffix == "parquet":
        pq.write_table(table, path)
    elif suffix == "feather":
        feather.write_feather(table, path)
    else:
        with pa.ipc.new_file(str(path), table.schema) as writer:
            writer.write_table(table)
    return path


@pytest.mark.parametrize("suffix", ["parquet", "feather", "arrow"])
def test_a_file_trains_to_the_same_bits_as_its_csv_twin(tmp_path, suffix):
    original = load_dataset("breast_cancer")
    csv = tmp_path / "twin.csv"
    save_dataset(original, csv)
    path = written(tmp_path, table_of(original), suffix)
    from_csv, from_arrow = load_dataset(csv), load_dataset(path)
    assert from_arrow.X.tobytes() == from_csv.X.tobytes() and np.array_equal(from_arrow.y, from_csv.y)
    assert from_arrow.classes == from_csv.classes and from_arrow.feature_names == from_csv.feature_names
    config = TrainConfig(loss="cross-entropy", lr=0.3, epochs=25, seed=2)
    a, b = fit(from_csv, config, val_split=0.2), fit(from_arrow, config, val_split=0.2)
    assert a.model.params.W.tobytes() == b.model.params.W.tobytes() and a.model.params.b.tobytes() == b.model.params.b.tobytes()
    assert a.run.records[-1].train_cost == b.run.records[-1].train_cost and len(a.run.records) == 25


@pytest.mark.parametrize("suffix", ["parquet", "feather", "arrow"])
def test_the_engines_writer_and_reader_round_trip(tmp_path, suffix):
    original = load_dataset("iris")
    path = tmp_path / f"iris.{suffix}"
    save_dataset(original, path)
    back = load_dataset(path)
    assert back.X.tobytes() == original.X.tobytes() and np.array_equal(back.y, original.y)
    assert (back.classes, back.feature_names) == (original.classes, original.feature_names)


@pytest.mark.parametrize("target", ["diagnosis", "0", "-3"])
def test_the_label_column_is_chosen_by_name_or_index(tmp_path, target):
    table = pa.table({"diagnosis": ["b", "m", "b"], "x1": [1.0, 2.0, 3.0], "x2": [4, 5, 6]})
    path = written(tmp_path, table, "parquet")
    dataset = load_dataset(path, target=target)
    assert dataset.feature_names == ("x1", "x2") and dataset.classes == ("b", "m") and dataset.y.tolist() == [0, 1, 0]
    assert dataset.X.tolist() == [[1.0, 4.0], [2.0, 5.0], [3.0, 6.0]]


def test_integer_and_categorical_labels_name_classes_as_a_csv_would(tmp_path):
    table = pa.table({"x": [1.0, 2.0, 3.0], "label": pa.array(["b", "a", "b"]).dictionary_encode()})
    assert load_dataset(written(tmp_path, table, "parquet")).classes == ("a", "b")
    numeric = pa.table({"x": [1.0, 2.0, 3.0], "label": [1.0, -1.0, 1.0]})
    assert load_dataset(written(tmp_path, numeric, "feather")).classes == ("-1", "1")


def test_a_missing_label_column_is_refused_with_the_columns(tmp_path):
    path = written(tmp_path, pa.table({"x": [1.0, 2.0], "label": ["a", "b"]}), "parquet")
    refusal(path, target="class", says="no column 'class'; the columns are: x, label")


def test_a_non_numeric_feature_column_is_refused_by_name(tmp_path):
    path = written(tmp_path, pa.table({"x": [1.0, 2.0], "colour": ["red", "blue"], "label": ["a", "b"]}), "parquet")
    refusal(path, says="column 'colour' holds string values, not numbers")


def test_a_boolean_feature_column_is_refused_by_name(tmp_path):
    path = written(tmp_path, pa.table({"x": [1.0, 2.0], "flag": [True, False], "label": ["a", "b"]}), "arrow")
    refusal(path, says="column 'flag' holds bool values, not numbers")


def test_a_null_feature_is_refused_naming_its_row_and_column(tmp_path):
    values = [1.0] * 70_000 + [None, 2.0]  # row 70000 lies in the second batch the reader decodes
    labels = ["a", "b"] * 35_001
    path = written(tmp_path, pa.table({"x": [0.5] * 70_002, "y": values, "label": labels}), "parquet")
    refusal(path, says="row 70000, column 'y': null (a missing value)")


def test_a_null_label_is_refused_naming_its_row(tmp_path):
    path = written(tmp_path, pa.table({"x": [1.0, 2.0, 3.0], "label": ["a", None, "b"]}), "feather")
    refusal(path, says="row 1, column 'label': null (a missing label)")


@pytest.mark.parametrize("value", [float("nan"), float("inf")])
def test_a_nan_or_infinite_feature_is_refused_naming_its_row_and_column(tmp_path, value):
    path = written(tmp_path, pa.table({"x": [1.0, 2.0, value], "label": ["a", "b", "a"]}), "parquet")
    refusal(path, says=f"row 2, column 'x': {value}")


def test_a_nan_label_is_refused_naming_its_row(tmp_path):
    path = written(tmp_path, pa.table({"x": [1.0, 2.0, 3.0], "label": [1.0, float("nan"), 0.0]}), "parquet")
    refusal(path, says="row 1, column 'label': label 'nan' is a missing value")


def test_the_declared_size_is_checked_against_the_memory_cap_before_reading(tmp_path):
    table = pa.table({"x1": np.zeros(1000), "x2": np.zeros(1000), "label": ["a", "b"] * 500})
    for suffix in ("parquet", "feather"):
        path = written(tmp_path, table, suffix)
        refusal(path, max_bytes=10_000, says="1000 rows x 2 features need 15.6 KiB as float64, over the memory cap")
        assert load_dataset(path, max_bytes=16_000).n_rows == 1000


def test_a_folder_named_like_a_parquet_file_is_refused(tmp_path):
    folder = tmp_path / "data.parquet"
    folder.mkdir()
    refusal(folder, says="a directory")


def test_a_fifo_is_refused_before_a_byte_is_read(tmp_path):
    fifo = tmp_path / "stream.arrow"
    os.mkfifo(fifo)
    refusal(fifo, says="a FIFO (named pipe)")


@pytest.mark.parametrize("suffix, kind", [("parquet", "Parquet"), ("feather", "Feather/Arrow"), ("arrow", "Feather/Arrow")])
def test_a_file_that_is_not_that_format_is_refused_in_one_line(tmp_path, suffix, kind):
    error = refusal(write(tmp_path, f"data.{suffix}", "a,b,label\n1,2,x\n"), says=f"not a readable {kind} file")
    assert "\n" not in str(error)


def test_repeated_column_names_are_refused(tmp_path):
    table = pa.Table.from_arrays([pa.array([1.0, 2.0]), pa.array([3.0, 4.0]), pa.array(["a", "b"])], names=["x", "x", "label"])
    refusal(written(tmp_path, table, "parquet"), says="column name 'x' appears twice")


def test_a_table_of_only_a_header_is_refused(tmp_path):
    path = written(tmp_path, pa.table({"x": pa.array([], pa.float64()), "label": pa.array([], pa.string())}), "parquet")
    refusal(path, says="no data rows")


def test_a_gzipped_parquet_file_is_an_unknown_format(tmp_path):
    refusal(write(tmp_path, "data.parquet.gz", b""), says="unknown format")


def test_loading_csv_leaves_pyarrow_unimported():
    code = "import sys; from engine import load_dataset; load_dataset('iris'); print('pyarrow' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "False"


def test_an_empty_file_is_refused(tmp_path):
    refusal(write(tmp_path, "data.feather", b""), says="not a readable Feather/Arrow file")


def test_parquet_reads_at_least_five_times_faster_than_the_same_csv(tmp_path):
    # benchmarks/parquet_vs_csv.py measures 1e6 x 20 (26x in one run); a twentieth of it keeps the suite quick.
    rng = np.random.default_rng(0)
    dataset = Dataset("speed", rng.standard_normal((50_000, 20)), rng.integers(0, 2, 50_000), ("0", "1"), tuple(f"x{j}" for j in range(20)))
    csv, parquet = tmp_path / "data.csv", tmp_path / "data.parquet"
    save_dataset(dataset, csv)
    save_dataset(dataset, parquet)
    csv_seconds, parquet_seconds = [], []
    for _ in range(3):  # interleaved, best of three: a busy machine slows both alike
        for path, times in ((csv, csv_seconds), (parquet, parquet_seconds)):
            start = time.perf_counter()
            load_dataset(path)
            times.append(time.perf_counter() - start)
    assert min(csv_seconds) >= 5 * min(parquet_seconds), (min(csv_seconds), min(parquet_seconds))
