"""tui-clf on Parquet files: the numbers of the CSV twin, exit 3 with one line, and pyarrow as an extra."""

import subprocess
import sys

import pyarrow as pa
import pyarrow.parquet as pq

from engine import load_dataset, save_dataset


def parquet_file(tmp_path, columns, name="data.parquet"):
    path = tmp_path / name
    pq.write_table(pa.table(columns), path)
    return path


def test_the_cli_trains_a_parquet_file_to_the_numbers_of_its_csv_twin(cli, tmp_path):
    original = load_dataset("wine")
    csv = tmp_path / "wine.csv"
    save_dataset(original, csv)
    columns = {name: original.X[:, j] for j, name in enumerate(original.feature_names)}
    columns["cultivar"] = [original.classes[k] for k in original.y]
    parquet = parquet_file(tmp_path, columns)
    args = ("train", "--loss", "softmax-cross-entropy", "--epochs", "40", "--target", "cultivar")
    from_parquet = cli.json(*args, "--data", str(parquet))
    from_csv = cli.json(*args[:-2], "--data", str(csv))
    for key in ("train_cost", "train_accuracy", "val_cost", "val_accuracy", "steps"):
        assert from_parquet[key] == from_csv[key], key


def test_the_cli_exits_3_with_one_line_for_a_bad_parquet_file(cli, tmp_path):
    path = parquet_file(tmp_path, {"x": [1.0, None], "label": ["a", "b"]})
    result = cli("train", "--data", str(path))
    assert result.exit_code == 3
    assert result.stderr.strip().splitlines() == [f"tui-clf: error: {path}: row 1, column 'x': null (a missing value)"]


def test_without_pyarrow_the_cli_names_the_extra_to_install(tmp_path):
    path = parquet_file(tmp_path, {"x": [1.0, 2.0], "label": ["a", "b"]})
    # None in sys.modules makes `import pyarrow` raise ImportError, as in an environment without it.
    code = f"import sys; sys.modules['pyarrow'] = None; sys.argv = ['tui-clf', 'train', '--data', {str(path)!r}]; from tui_clf.cli import main; main()"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 3
    assert result.stderr.strip().splitlines() == [
        f"tui-clf: error: {path}: Parquet files need pyarrow, which is not installed: pip install 'tui-clf[arrow]'"
    ]
