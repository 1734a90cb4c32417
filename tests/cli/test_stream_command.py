"""`tui-clf train --stream`: a file larger than the process may hold trains in flat memory, to the
cost the in-memory path reaches on the same rows; its errors read like the in-memory loaders'."""

from __future__ import annotations

import json

import numpy as np
import pytest
from memory_limit import BASELINE_BYTES, run_with_memory_limit

from engine.data import save_dataset
from engine.dataset import Dataset

ADDRESS_SPACE = 200 * 2**20  # all of it: the interpreter, numpy and typer take about 150 MiB
TILES = 150  # the big file repeats the twin's rows this many times: 660 MB, over 3x the address space


def twin_rows(n: int = 50_000, d: int = 10) -> np.ndarray:
    """Rows [X (n, d), label] with a label that depends on X, as one float64 array (n, d + 1)."""
    rng = np.random.default_rng(3)
    X = rng.normal(size=(n, d)) * np.arange(1, d + 1) + 2.0
    y = (X[:, 0] - 0.5 * X[:, 1] + rng.normal(size=n) > 1.0).astype(float)
    return np.column_stack([X, y])


def write_tiled_npy(path, rows: np.ndarray, tiles: int) -> None:
    """An .npy of `rows` repeated `tiles` times, written a tile at a time."""
    with open(path, "wb") as file:
        header = {"descr": np.lib.format.dtype_to_descr(rows.dtype), "fortran_order": False, "shape": (len(rows) * tiles, rows.shape[1])}
        np.lib.format.write_array_header_1_0(file, header)
        for _ in range(tiles):
            file.write(rows.tobytes())


def run_json(args: list[str], address_space: int = ADDRESS_SPACE) -> dict:
    result = run_with_memory_limit([*args, "--json"], address_space - BASELINE_BYTES, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_a_file_three_times_the_address_space_streams_to_the_in_memory_cost_of_its_twin(tmp_path):
    rows = twin_rows()
    big, twin = tmp_path / "big.npy", tmp_path / "twin.npz"
    write_tiled_npy(big, rows, TILES)
    assert big.stat().st_size > 3 * ADDRESS_SPACE
    X, y = rows[:, :-1], rows[:, -1].astype(int)
    save_dataset(Dataset("twin", X, y, ("0", "1"), tuple(f"x{j}" for j in range(1, X.shape[1] + 1))), twin)
    settings = ["train", "--epochs", "2", "--lr", "0.5", "--l2", "0.01", "--val-split", "0"]
    streamed = run_json([*settings, "--data", str(big), "--stream"])
    in_memory = run_json([*settings, "--data", str(twin), "--in-memory"], BASELINE_BYTES + ADDRESS_SPACE)
    assert streamed["steps"] == in_memory["steps"] == 2
    assert streamed["train_cost"] == pytest.approx(in_memory["train_cost"], rel=1e-9)
    assert streamed["train_accuracy"] == pytest.approx(in_memory["train_accuracy"], abs=1e-12)


def test_a_bad_cell_in_a_streamed_csv_is_named_by_file_line_and_column_with_exit_3(tmp_path, cli):
    path = tmp_path / "bad.csv"
    lines = ["a,b,label"] + [f"{i},{i % 7},{i % 2}" for i in range(20_000)]
    lines[15_001] = "15000,seven,0"
    path.write_text("\n".join(lines) + "\n")
    result = cli("train", "--data", str(path), "--stream", "--epochs", "1")
    assert result.exit_code == 3
    assert result.stderr.strip() == f"tui-clf: error: {path}:15002:2: column 'b': 'seven' is not a number"


def test_a_streamed_model_file_evaluates_and_predicts_as_any_other(tmp_path, cli):
    rows = twin_rows(4000, 3)
    data, model = tmp_path / "rows.npy", tmp_path / "model.npz"
    np.save(data, rows)
    trained = cli.json("train", "--data", str(data), "--epochs", "20", "--val-split", "0", "--save", str(model))
    csv = tmp_path / "rows.csv"
    save_dataset(Dataset("rows", rows[:, :-1], rows[:, -1].astype(int), ("0", "1"), ("x1", "x2", "x3")), csv)
    evaluated = cli.json("evaluate", "--model", str(model), "--data", str(csv))
    assert evaluated["accuracy"] == pytest.approx(trained["train_accuracy"], abs=1e-12)
    assert evaluated["cost"] == pytest.approx(trained["train_cost"], rel=1e-12)


def test_a_csv_larger_than_stream_above_streams_by_itself(tmp_path, cli):
    path = tmp_path / "rows.csv"
    rows = twin_rows(3000, 2)
    save_dataset(Dataset("rows", rows[:, :-1], rows[:, -1].astype(int), ("0", "1"), ("x1", "x2")), path)
    settings = ("train", "--data", str(path), "--epochs", "3", "--val-split", "0.3")
    in_memory = cli.json(*settings)
    small_threshold = cli.json(*settings, "--stream-above", "1K")
    forced = cli.json(*settings, "--stream")
    # The hash split streams; the stratified split is the in-memory one: different validation rows.
    assert small_threshold | {"seconds": 0} == forced | {"seconds": 0}
    assert small_threshold["val_cost"] != in_memory["val_cost"]


def test_stream_is_refused_for_a_format_it_cannot_read(tmp_path, cli):
    result = cli("train", "--data", "iris", "--stream")
    assert result.exit_code == 2
    assert "--stream reads .npy, .csv, .csv.gz, .parquet files" in result.stderr
