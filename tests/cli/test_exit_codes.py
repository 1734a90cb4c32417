"""Every documented exit code, produced on purpose, with one line on stderr and no traceback."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from engine import load_model

TUI_CLF = str(Path(sys.executable).parent / "tui-clf")


def one_error_line(result) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


def test_a_broken_csv_is_bad_data_exit_3_naming_file_line_and_column(cli, tmp_path):
    broken = tmp_path / "broken.csv"
    broken.write_text("a,b,label\n1,2,x\n3,oops,y\n")
    result = cli("train", "--data", str(broken))
    assert result.exit_code == 3
    assert f"{broken}:3:2:" in one_error_line(result)


def test_a_missing_data_file_is_bad_data_exit_3(cli, tmp_path):
    result = cli("train", "--data", str(tmp_path / "absent.csv"))
    assert result.exit_code == 3 and "absent.csv" in one_error_line(result)


def test_a_binary_loss_on_three_classes_is_exit_3_with_the_fix(cli):
    result = cli("train", "-d", "iris", "-l", "hinge")
    assert result.exit_code == 3
    assert "softmax-cross-entropy" in one_error_line(result)


def test_divergence_is_exit_4_with_the_reason_and_still_saves_the_last_good_model(cli, tmp_path):
    model = tmp_path / "m.npz"
    result = cli("train", "-d", "blobs", "-l", "squared-error", "--lr", "100", "--save", str(model), "--json")
    assert result.exit_code == 4
    assert "diverged" in one_error_line(result) and "learning rate" in result.stderr
    out = json.loads(result.stdout)
    assert out["diverged"] is True
    assert load_model(model).params.W.size == 2  # finite weights, or load_model would refuse them


def test_saving_into_a_missing_folder_is_file_io_exit_5(cli, tmp_path):
    result = cli("train", "-d", "blobs", "--epochs", "2", "--save", str(tmp_path / "no" / "such" / "m.npz"))
    assert result.exit_code == 5 and "m.npz" in one_error_line(result)


def test_a_missing_model_is_file_io_exit_5(cli, tmp_path):
    result = cli("evaluate", "--model", str(tmp_path / "none.npz"), "--data", "iris")
    assert result.exit_code == 5 and "none.npz" in one_error_line(result)


def test_a_failed_gradient_check_is_exit_6(cli):
    result = cli("gradcheck", "-d", "breast_cancer", "-l", "logistic-squared-error", "--plant-bug", "missing-sigmoid-derivative")
    assert result.exit_code == 6 and "gradient check failed" in one_error_line(result)


@pytest.mark.parametrize(
    "args",
    [
        ["train", "--loss", "logistic"],
        ["train", "--optimizer", "sgd"],
        ["train", "--lr", "-1"],
        ["train", "--no-such-option"],
    ],
)
def test_bad_usage_is_exit_2(cli, args):
    result = cli(*args)
    assert result.exit_code == 2 and "Traceback" not in result.stderr


def test_a_config_file_with_an_unknown_key_is_exit_2_naming_it(cli, tmp_path):
    config = tmp_path / "run.toml"
    config.write_text("learning_rate = 0.1\n")
    result = cli("train", "--config", str(config))
    assert result.exit_code == 2 and "learning-rate" in one_error_line(result)


def test_ctrl_c_stops_cleanly_saves_the_last_good_model_and_exits_130(tmp_path):
    model = tmp_path / "m.npz"
    run = subprocess.Popen(
        [TUI_CLF, "train", "-d", "breast_cancer", "--epochs", "100000000", "--batch-size", "1", "--save", str(model)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    time.sleep(3)  # let it train; the assertion below does not depend on how far it got
    run.send_signal(signal.SIGINT)
    stdout, stderr = run.communicate(timeout=60)
    assert run.returncode == 130, stderr
    assert "Traceback" not in stderr and "interrupted at step" in stderr
    assert load_model(model).n_features == 30


def test_output_piped_into_head_ends_quietly(tmp_path):
    pipeline = f"{TUI_CLF} predict --model {tmp_path / 'm.npz'} --data breast_cancer | head -2"
    subprocess.run([TUI_CLF, "train", "-d", "breast_cancer", "--epochs", "5", "--save", str(tmp_path / "m.npz")], check=True, capture_output=True)
    result = subprocess.run(["bash", "-o", "pipefail", "-c", pipeline], capture_output=True, text=True, env={**os.environ, "PYTHONUNBUFFERED": "0"})
    assert result.stdout.splitlines()[0] == "label"
    assert result.stderr == "" and result.returncode == 0


def test_the_app_without_a_terminal_names_tui_clf_train():
    result = subprocess.run([TUI_CLF], stdin=subprocess.DEVNULL, capture_output=True, text=True)
    assert result.returncode == 2
    assert "tui-clf train" in result.stderr and "Traceback" not in result.stderr


def test_version(cli):
    result = cli("--version")
    assert result.exit_code == 0 and result.stdout.startswith("tui-clf ")
