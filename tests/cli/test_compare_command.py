"""`tui-clf compare`: the table as JSON, the history CSV, per-loss learning rates, and plots without colour."""

import csv
import json
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from plot_frames import boxes, inside

from engine import TrainConfig, load_dataset, prepare
from engine.compare import Contender, LockStep

TUI_CLF = str(Path(sys.executable).parent / "tui-clf")
BINARY = ["zero-one", "squared-error", "logistic-squared-error", "cross-entropy", "cross-entropy-naive", "hinge"]
RESULT_KEYS = {"loss", "lr", "train_cost", "train_error", "val_cost", "val_error", "steps_to_target", "status", "message"}
LEGEND_ENTRY = re.compile(r" (\S)\1 (.+?)(?=  (\S)\3 |\s*$)")  # under a plot: the marker twice, then the label
SAME_CURVE = re.compile(" [=≈] ")


def test_json_is_one_object_with_the_design_keys_and_a_result_per_binary_loss(cli):
    result = cli("compare", "-d", "blobs-outliers", "--epochs", "20", "--json")
    assert result.exit_code == 0, result.stderr
    assert len(result.stdout.strip().splitlines()) == 1
    out = json.loads(result.stdout)
    assert {"dataset", "steps", "results"} <= set(out)
    assert out["dataset"] == "blobs-outliers" and out["steps"] == 20
    assert [r["loss"] for r in out["results"]] == BINARY
    for r in out["results"]:
        assert RESULT_KEYS <= set(r)
        assert r["status"] in ("finished", "diverged", "stalled")
    by_loss = {r["loss"]: r for r in out["results"]}
    assert by_loss["zero-one"]["status"] == "stalled" and "gradient is 0" in by_loss["zero-one"]["message"]
    assert by_loss["zero-one"]["steps_to_target"] is None


def test_the_cli_gives_the_numbers_of_the_engine(cli):
    out = cli.json("compare", "-d", "blobs-noisy", "-l", "hinge", "-l", "cross-entropy", "--epochs", "30", "--seed", "3")
    data = prepare(load_dataset("blobs-noisy"), val_split=0.2, seed=3)
    final = LockStep(data, TrainConfig(epochs=30, seed=3), [Contender("hinge", "auto"), Contender("cross-entropy", "auto")], 0.1).run()
    for r in out["results"]:
        assert r["train_cost"] == final[r["loss"]].train_cost and r["val_error"] == final[r["loss"]].val_error


def test_by_default_squared_error_ends_clearly_worse_on_the_outlier_set(cli):
    """The compare defaults (300 epochs, lr 0.1, standardised, 20% held out) make the lecture's point."""
    out = cli.json("compare", "-d", "blobs-outliers")
    error = {r["loss"]: r["train_error"] for r in out["results"]}
    assert out["steps"] == 300
    assert error["squared-error"] >= max(error["cross-entropy"], error["hinge"]) + 0.02


def test_the_naive_cross_entropy_diverging_is_a_result_not_a_failure(cli):
    result = cli("compare", "-d", "breast_cancer", "--no-standardize", "--lr", "1e-3",
                 "-l", "cross-entropy", "-l", "cross-entropy-naive", "--json")
    assert result.exit_code == 0, result.stderr
    stable, naive = json.loads(result.stdout)["results"]
    assert stable["status"] == "finished" and 1 - stable["train_error"] >= 0.9
    assert naive["status"] == "diverged" and "naive cross-entropy overflowed" in naive["message"]


def test_history_has_a_cost_and_error_column_per_loss_and_ends_with_the_json(cli, tmp_path):
    history = tmp_path / "race.csv"
    out = cli.json("compare", "-d", "breast_cancer", "--no-standardize", "--lr", "1e-3", "--epochs", "15",
                   "-l", "cross-entropy", "-l", "cross-entropy-naive", "-l", "zero-one", "--history", str(history))
    rows = list(csv.DictReader(history.open()))
    columns = list(rows[0])
    assert columns[0] == "step"
    for loss in ("cross-entropy", "cross-entropy-naive", "zero-one"):
        assert {f"{loss}_cost", f"{loss}_error", f"{loss}_val_cost", f"{loss}_val_error"} <= set(columns)
    assert [int(r["step"]) for r in rows] == list(range(16))
    assert rows[1]["cross-entropy-naive_cost"] == "inf" and rows[2]["cross-entropy-naive_cost"] == ""
    last = rows[-1]
    for r in out["results"]:
        loss = r["loss"]
        assert float(last[f"{loss}_cost"]) == r["train_cost"] and float(last[f"{loss}_error"]) == r["train_error"]
        assert float(last[f"{loss}_val_cost"]) == r["val_cost"] and float(last[f"{loss}_val_error"]) == r["val_error"]


def test_one_learning_rate_for_all_and_one_for_a_single_loss(cli):
    out = cli.json("compare", "-d", "blobs", "--epochs", "5", "--lr", "squared-error=0.05", "--lr", "0.2")
    assert {r["loss"]: r["lr"] for r in out["results"]} == {loss: 0.05 if loss == "squared-error" else 0.2 for loss in BINARY}


def test_a_config_file_sets_what_the_command_line_leaves_out(cli, tmp_path):
    config = tmp_path / "run.toml"
    config.write_text("epochs = 7\nlr = 0.3\n")
    out = cli.json("compare", "-d", "blobs", "-l", "hinge", "--config", str(config))
    assert out["steps"] == 7 and out["results"][0]["lr"] == 0.3
    assert cli.json("compare", "-d", "blobs", "-l", "hinge", "--config", str(config), "--epochs", "4")["steps"] == 4


@pytest.mark.parametrize(
    ("lr", "says"),
    [
        (["cross-entropee=0.1"], "unknown loss 'cross-entropee'"),
        (["hinge=fast"], "'fast' is not a learning rate"),
        (["0.1x"], "'0.1x' is not a learning rate"),
        (["-0.5"], "must be auto or a positive number"),
        (["hinge=nan"], "must be auto or a positive number"),
        (["0.1", "0.2"], "already given"),
        (["hinge=0.1", "hinge=0.2"], "already given"),
        (["squared-error=0.1"], "not among the losses compared"),
    ],
)
def test_a_bad_learning_rate_is_a_usage_error_on_one_line(cli, lr, says):
    args = [arg for value in lr for arg in ("--lr", value)]
    result = cli("compare", "-d", "blobs", "-l", "hinge", "-l", "cross-entropy", *args)
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and says in result.stderr, result.stderr
    assert result.stdout == ""


def test_an_unknown_loss_is_a_usage_error(cli):
    result = cli("compare", "-d", "blobs", "-l", "cross-entropee")
    assert result.exit_code == 2 and "cross-entropee" in result.stderr


def test_multiclass_data_with_binary_losses_is_bad_data_with_the_fix(cli):
    result = cli("compare", "-d", "iris", "--json")
    assert result.exit_code == 3 and "--positive-class" in result.stderr
    assert json.loads(result.stdout)["exit_code"] == 3


def plots_and_legends(text: str) -> list[tuple[list[str], dict[str, str]]]:
    """(the rows inside each plot, label -> marker of the legend printed under it)."""
    lines = text.splitlines()
    found = []
    for top, bottom, left, right in boxes(lines):
        if "┤" not in lines[top + 1]:
            continue  # not a plot
        below = next(line for line in lines[bottom + 1:] if LEGEND_ENTRY.match(line))
        entries = {label: marker for marker, label, _ in LEGEND_ENTRY.findall(below)}
        found.append((inside(lines, (top, bottom, left, right)), entries))
    return found


def test_under_no_color_each_loss_has_its_own_marker_in_both_plots(cli):
    result = cli("compare", "-d", "blobs-noisy", "--epochs", "40", "--lr", "0.1", env={"NO_COLOR": "1", "COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr
    found = plots_and_legends(result.stdout)
    assert len(found) == 2, result.stdout
    for rows, entries in found:
        named = [name for label in entries for name in SAME_CURVE.split(label)]
        assert sorted(named) == sorted(BINARY), entries
        assert len(set(entries.values())) == len(entries), f"two curves share a marker: {entries}"
        for label, marker in entries.items():
            assert marker in "\n".join(rows), f"{label} ({marker}) is not drawn"


def test_ctrl_c_stops_the_race_between_steps_and_still_reports_and_writes_the_history(tmp_path):
    history = tmp_path / "race.csv"
    race = subprocess.Popen(
        [TUI_CLF, "compare", "-d", "blobs-noisy", "--epochs", "100000000", "--history", str(history), "--json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    deadline = time.monotonic() + 120
    # The history streams into a temporary file beside the target: once it grows, the race is on.
    while not any(p.suffix == ".tmp" and p.stat().st_size > 20_000 for p in tmp_path.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.05)
    race.send_signal(signal.SIGINT)
    stdout, stderr = race.communicate(timeout=60)
    assert race.returncode == 130, stderr
    assert stderr.strip().splitlines() == [f"tui-clf: error: {json.loads(stdout)['error']}"]
    out = json.loads(stdout)
    assert out["exit_code"] == 130 and "interrupted by Ctrl-C" in out["error"]
    statuses = {r["loss"]: r["status"] for r in out["results"]}
    assert statuses["zero-one"] == "stalled" and statuses["hinge"] == "interrupted"
    assert {r["steps"] for r in out["results"] if r["status"] == "interrupted"} == {out["steps"]}  # a whole round
    rows = list(csv.DictReader(history.open()))
    assert int(rows[-1]["step"]) == out["steps"] > 1
    assert float(rows[-1]["hinge_cost"]) == out["results"][-1]["train_cost"]
    assert not [p for p in tmp_path.iterdir() if p.suffix == ".tmp"]
