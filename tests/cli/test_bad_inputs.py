"""Every bad input is one clear line naming the file and a documented exit code, never "internal error"."""

import json
import os
import pickle
import subprocess
import sys

import numpy as np
import pytest
from crafted_archives import write_archive

DATA, MODEL = 3, 5


def one_line(result, code: int, path, says: str) -> str:
    assert result.exit_code == code, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert str(path) in lines[0] and says in lines[0], lines[0]
    return lines[0]


@pytest.fixture
def model(cli, tmp_path):
    path = tmp_path / "model.npz"
    assert cli("train", "--data", "blobs", "--epochs", "2", "--save", str(path)).exit_code == 0
    return path


def arrays_of(path) -> dict:
    with np.load(path, allow_pickle=False) as archive:
        return {name: archive[name] for name in archive.files}


def test_an_svmlight_index_past_2_to_the_63_is_a_data_error(cli, tmp_path):
    path = tmp_path / "huge-index.svm"
    path.write_text(f"1 {2**63}:1\n0 1:1\n")
    one_line(cli("train", "--data", str(path)), DATA, path, f"feature index {2**63}")


def test_npz_labels_holding_the_byte_0xff_are_a_data_error(cli, tmp_path):
    path = tmp_path / "bytes.npz"
    np.savez(path, X=np.ones((3, 2)), y=np.array([b"a", b"\xff", b"a"]))
    one_line(cli("train", "--data", str(path)), DATA, path, "y[1] is not UTF-8 text (byte 0xff)")


def test_a_path_through_a_regular_file_is_no_such_file(cli, tmp_path):
    (tmp_path / "notes.txt").write_text("x")
    path = tmp_path / "notes.txt" / "data.csv"
    one_line(cli("train", "--data", str(path)), DATA, path, "a part of the path before the file name is a file")
    one_line(cli("evaluate", "--model", str(path), "--data", "blobs"), MODEL, path, "is a file, not a folder")


def test_a_file_in_a_folder_the_user_may_not_enter_is_refused(tmp_path):
    folder = tmp_path / "private"
    folder.mkdir()
    (folder / "data.csv").write_text("a,label\n1,x\n2,y\n")
    folder.chmod(0o000)
    os.chmod(tmp_path, 0o755)  # only the last folder is closed
    os.chmod(tmp_path.parent, 0o755)
    # Root may enter any folder: the child loads the engine, becomes nobody, then loads the file.
    code = (
        "import os, sys\n"
        "from engine import load_dataset\n"
        "from engine.errors import DataError\n"
        f"{'os.setuid(65534)' if os.geteuid() == 0 else 'pass'}\n"
        "try:\n"
        f"    load_dataset({str(folder / 'data.csv')!r})\n"
        "except DataError as error:\n"
        "    sys.exit(str(error))\n"
    )
    try:
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    finally:
        folder.chmod(0o700)
    assert result.returncode == 1, result.stderr  # sys.exit(message): a DataError, which the CLI exits 3 on
    assert result.stderr.strip().splitlines() == [
        f"{folder / 'data.csv'}: permission denied: you may not read this file or enter a folder on its path"
    ]


@pytest.mark.parametrize(
    ("name", "value", "says"),
    [
        ("W", np.array([["a", "b"]]), "W must hold numbers, but its dtype is <U1"),
        ("W", np.array([["2020-01-01", "2020-01-02"]], dtype="datetime64[D]"), "W must hold numbers"),
        ("W", np.zeros((1, 2), dtype=[("x", "f8")]), "W must hold numbers"),
        ("mean", np.array(["0", "0"]), "mean must hold numbers"),
        ("W", pickle.dumps(np.ones((1, 2))), "'W' is not a NumPy array"),
    ],
)
def test_model_arrays_that_are_not_numbers_are_a_model_error(cli, tmp_path, model, name, value, says):
    path = write_archive(tmp_path / "bad.npz", {**arrays_of(model), name: value})
    one_line(cli("evaluate", "--model", str(path), "--data", "blobs"), MODEL, path, says)


@pytest.mark.parametrize(
    ("meta", "says"),
    [
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('{"format": "tui-clf-model", "version": ' + "9" * 5000 + "}", "a number too long to read"),
        ('{"format": "tui-clf-model", "version": ' + "9" * 4000 + "}", "version (a number of 4000 digits)"),
        ("LOSS_AS_LIST", "unknown loss ['cross-entropy']"),
    ],
    ids=["nested-100000-deep", "version-of-5000-digits", "version-of-4000-digits", "loss-as-a-list"],
)
def test_model_metadata_that_is_not_what_it_must_be_is_a_model_error(cli, tmp_path, model, meta, says):
    arrays = arrays_of(model)
    if meta == "LOSS_AS_LIST":
        fields = json.loads(str(arrays["meta"]))
        meta = json.dumps({**fields, "loss": [fields["loss"]]})
    path = write_archive(tmp_path / "bad.npz", {**arrays, "meta": np.array(meta)})
    one_line(cli("evaluate", "--model", str(path), "--data", "blobs"), MODEL, path, says)


@pytest.mark.parametrize("command", ["train", "evaluate", "predict"])
def test_a_fifo_as_data_is_refused_at_once(cli, tmp_path, model, command):
    fifo = tmp_path / "data.csv"
    os.mkfifo(fifo)
    args = ["train", "--data", str(fifo)] if command == "train" else [command, "--model", str(model), "--data", str(fifo)]
    one_line(cli(*args), DATA, fifo, "a FIFO (named pipe), not a regular file")


def test_a_fifo_as_a_model_is_refused_at_once(cli, tmp_path):
    fifo = tmp_path / "model.npz"
    os.mkfifo(fifo)
    one_line(cli("predict", "--model", str(fifo), "--data", "blobs"), MODEL, fifo, "a FIFO (named pipe), not a regular file")


def test_a_symlink_loop_is_called_what_it_is(cli, tmp_path):
    loop = tmp_path / "loop.csv"
    loop.symlink_to(loop)
    one_line(cli("train", "--data", str(loop)), DATA, loop, "a symbolic link loop")
    one_line(cli("evaluate", "--model", str(loop), "--data", "blobs"), MODEL, loop, "a symbolic link loop")


@pytest.mark.parametrize(("value", "statistic"), [("1e200", "standard deviation"), ("1.7e308", "mean")])
def test_values_whose_statistics_overflow_are_a_data_error_naming_the_column(cli, tmp_path, value, statistic):
    path = tmp_path / "huge.csv"
    path.write_text(f"small,huge,label\n1,{value},x\n2,-{value},y\n3,{value},x\n4,{value},y\n")
    line = one_line(cli("train", "--data", str(path), "--save", str(tmp_path / "m.npz")), DATA, path, "column 'huge'")
    assert f"the {statistic} overflows" in line
    assert not (tmp_path / "m.npz").exists()


def test_terminal_control_codes_in_class_names_reach_the_terminal_escaped(cli, tmp_path):
    path = tmp_path / "codes.csv"
    path.write_text("a,label\n1,\x1b[2J\n2,\x1b]0;owned\x07\n3,\x1b[2J\n")
    saved = tmp_path / "m.npz"
    assert cli("train", "--data", str(path), "--save", str(saved), "--epochs", "2").exit_code == 0
    table = cli("evaluate", "--model", str(saved), "--data", str(path))
    assert table.exit_code == 0
    assert "\x1b" not in table.stdout and "\\x1b[2J" in table.stdout and "\\x1b]0;owned\\x07" in table.stdout
    error = one_line(cli("train", "--data", str(path), "--positive-class", "\x1b[31mred"), 3, path, "\\x1b[31mred")
    assert "\x1b" not in error
