"""Every documented exit code, produced on purpose, with one line on stderr and no traceback."""

import json
import os
import pty
import select
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


@pytest.mark.parametrize("command", ["train", "convexity", "gradcheck"])
def test_a_binary_loss_on_three_classes_is_exit_3_with_the_fix(cli, command):
    result = cli(command, "-d", "iris", "-l", "hinge")
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
    result = cli("gradcheck", "-d", "breast_cancer", "-l", "logistic-squared-error", "--plant-bug", "--bug", "missing-sigmoid-derivative")
    assert result.exit_code == 6 and "gradient check failed" in one_error_line(result)


@pytest.mark.parametrize(
    "args",
    [
        ["train", "--loss", "logistic"],
        ["train", "--optimizer", "sgd"],
        ["train", "--lr", "-1"],
        ["train", "--lr", "inf"],
        ["train", "--seed", "-1"],
        ["train", "--no-such-option"],
        ["gradcheck", "--h", "0"],
        ["gradcheck", "--bug", "sign-flip"],
        ["losses", "--z-min", "5", "--z-max", "1"],
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
    assert "Traceback" not in stderr and "interrupted by Ctrl-C (SIGINT) at step" in stderr
    assert load_model(model).n_features == 30


@pytest.mark.parametrize(
    "command",
    [
        "losses",  # rich tables and plotext
        "losses --json",  # one JSON line
        "datasets",
        "predict --model {model} --data breast_cancer --proba",  # CSV
    ],
)
def test_output_piped_into_a_reader_that_has_gone_ends_quietly(command, tmp_path):
    model = tmp_path / "m.npz"
    subprocess.run([TUI_CLF, "train", "-d", "breast_cancer", "--epochs", "5", "--save", str(model)], check=True, capture_output=True)
    # `head -n 0` exits before reading a byte, so every write of tui-clf meets a closed pipe.
    pipeline = f"{TUI_CLF} {command.format(model=model)} | head -n 0"
    result = subprocess.run(["bash", "-o", "pipefail", "-c", pipeline], capture_output=True, text=True)
    assert result.stderr == "" and result.returncode == 0


def test_training_in_a_terminal_shows_a_progress_bar_on_stderr():
    main, child = pty.openpty()
    run = subprocess.run(
        [TUI_CLF, "train", "-d", "breast_cancer", "--epochs", "20000", "--json"],
        stdout=subprocess.PIPE, stderr=child, text=True, timeout=120,
    )
    os.close(child)
    shown = b""
    while select.select([main], [], [], 0.2)[0]:
        try:
            shown += os.read(main, 65536)
        except OSError:
            break
    os.close(main)
    assert run.returncode == 0
    assert json.loads(run.stdout)["epochs"] == 20000
    assert b"epoch" in shown and b"steps/s" in shown


def test_a_usage_error_is_one_line_naming_the_help():
    result = subprocess.run([TUI_CLF, "train", "--no-such-option"], capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr.strip() == "tui-clf: error: No such option: --no-such-option (see tui-clf train --help)"


def test_the_app_without_a_terminal_names_tui_clf_train():
    result = subprocess.run([TUI_CLF], stdin=subprocess.DEVNULL, capture_output=True, text=True)
    assert result.returncode == 2
    assert "tui-clf train" in result.stderr and "Traceback" not in result.stderr


def test_version(cli):
    result = cli("--version")
    assert result.exit_code == 0 and result.stdout.startswith("tui-clf ")
