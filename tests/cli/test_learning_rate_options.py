"""`--lr auto|NUMBER` and `--schedule` on the command line and in config files."""

import csv
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from engine import load_dataset
from engine.pipeline import prepare

EXIT_USAGE = 2
TUI_CLF = str(Path(sys.executable).parent / "tui-clf")


def exact_auto_rate(data: str, curvature: float, l2: float = 0.0) -> float:
    """1/L on the training part `train` uses (same split and standardisation), by a dense eigvalsh."""
    X = prepare(load_dataset(data), val_split=0.2, standardize=True, seed=0).train.X
    X1 = np.hstack([X, np.ones((len(X), 1))])
    return 1 / (curvature * np.linalg.eigvalsh(X1.T @ X1 / len(X))[-1] + l2)


def test_train_defaults_to_auto_and_reports_the_number_it_used(cli):
    summary = cli.json("train", "--data", "blobs-overlap", "--epochs", "3")
    rate = exact_auto_rate("blobs-overlap", 0.25)
    assert rate * (1 - 1e-3) <= summary["lr"] <= rate
    assert summary["lr_auto"] == "1/L"
    assert summary["stability_limit"] == pytest.approx(2 * summary["lr"])


def test_auto_is_per_loss_squared_error_gets_its_own_rate(cli):
    summary = cli.json("train", "--data", "blobs-overlap", "--loss", "squared-error", "--lr", "auto", "--epochs", "3")
    rate = exact_auto_rate("blobs-overlap", 1.0)
    assert rate * (1 - 1e-3) <= summary["lr"] <= rate


def test_a_number_is_used_as_given(cli):
    summary = cli.json("train", "--lr", "0.05", "--epochs", "3")
    assert summary["lr"] == 0.05 and summary["lr_auto"] is None


def test_the_summary_says_what_auto_chose_and_where_gradient_descent_diverges(cli):
    result = cli("train", "--data", "blobs-overlap", "--epochs", "3")
    assert result.exit_code == 0, result.stderr
    assert "(auto = 1/L; stable below 2/L = " in result.stdout


@pytest.mark.parametrize("value", ["0", "-1", "fast", "nan", "inf"])
def test_anything_but_auto_or_a_positive_number_is_a_usage_error(cli, value):
    result = cli("train", "--lr", value, "--epochs", "1")
    flat = " ".join(result.stderr.replace("│", " ").split())  # typer boxes and wraps the message in-process
    assert result.exit_code == EXIT_USAGE
    assert "--lr" in flat and "auto or a positive number" in flat


def test_a_bad_learning_rate_is_one_line_naming_the_option():
    result = subprocess.run([TUI_CLF, "train", "--lr", "fast"], capture_output=True, text=True)
    assert result.returncode == EXIT_USAGE
    assert result.stderr.strip() == (
        "tui-clf: error: Invalid value for '--lr': 'fast' is not a learning rate: write auto or a positive number "
        "(see tui-clf train --help)"
    )


def test_the_history_records_the_rate_each_step_used(cli, tmp_path):
    history = tmp_path / "history.csv"
    summary = cli.json(
        "train", "--data", "blobs", "--batch-size", "80", "--epochs", "3", "--lr", "0.4",
        "--schedule", "step", "--step-every", "1", "--step-factor", "0.5", "--history", str(history),
    )
    rows = list(csv.DictReader(history.open()))
    steps = [row for row in rows[1:-1]]  # record 0 and the closing row of the final weights aside
    rates = sorted({float(row["lr"]) for row in steps}, reverse=True)
    assert rates == pytest.approx([0.4, 0.2, 0.1])
    assert summary["lr"] == 0.4 and summary["schedule"] == "step"


def test_the_history_of_a_constant_auto_run_carries_the_json_rate(cli, tmp_path):
    history = tmp_path / "history.csv"
    summary = cli.json("train", "--epochs", "4", "--history", str(history))
    assert {float(row["lr"]) for row in csv.DictReader(history.open())} == {summary["lr"]}


def test_an_unknown_schedule_is_a_usage_error(cli):
    assert cli("train", "--schedule", "exponential").exit_code == EXIT_USAGE


@pytest.mark.parametrize(("line", "expected"), [('lr = "auto"', "auto"), ("lr = 0.25", 0.25)])
def test_a_config_file_sets_the_learning_rate(cli, tmp_path, line, expected):
    config = tmp_path / "run.toml"
    config.write_text(f'{line}\nschedule = "cosine"\nepochs = 3\ndata = "blobs-overlap"\n')
    summary = cli.json("train", "--config", str(config))
    assert summary["schedule"] == "cosine"
    if expected == "auto":
        assert summary["lr_auto"] == "1/L" and summary["lr"] == pytest.approx(exact_auto_rate("blobs-overlap", 0.25), rel=1e-3)
    else:
        assert summary["lr"] == expected


def test_a_config_file_with_a_word_for_the_rate_is_refused(cli, tmp_path):
    config = tmp_path / "run.toml"
    config.write_text('lr = "fast"\n')
    result = cli("train", "--config", str(config))
    assert result.exit_code == EXIT_USAGE and "auto or a positive number" in result.stderr


def test_compare_at_auto_gives_each_loss_its_own_rate(cli):
    summary = cli.json("compare", "--data", "blobs-overlap", "--epochs", "5", "--lr", "auto", "-l", "squared-error", "-l", "cross-entropy")
    rates = {r["loss"]: r["lr"] for r in summary["results"]}
    assert rates["squared-error"] == pytest.approx(exact_auto_rate("blobs-overlap", 1.0), rel=1e-3)
    assert rates["cross-entropy"] == pytest.approx(exact_auto_rate("blobs-overlap", 0.25), rel=1e-3)


def test_compare_mixes_auto_and_numbers(cli):
    summary = cli.json("compare", "--epochs", "2", "--lr", "0.1", "--lr", "hinge=auto", "-l", "hinge", "-l", "cross-entropy")
    rates = {r["loss"]: r["lr"] for r in summary["results"]}
    assert rates["cross-entropy"] == 0.1 and rates["hinge"] != 0.1


def test_compare_refuses_a_word_that_is_not_auto(cli):
    result = cli("compare", "--lr", "hinge=fast", "-l", "hinge")
    assert result.exit_code == EXIT_USAGE and "'fast' is not a learning rate" in result.stderr


def test_gradcheck_accepts_the_new_options(cli):
    result = cli("gradcheck", "--lr", "auto", "--schedule", "cosine", "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["passed"]
