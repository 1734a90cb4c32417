"""`tui-clf train`: the numbers, the files it writes, and the exit codes scripts rely on."""

import csv
import json

import numpy as np
import pytest

from engine import TrainConfig, fit, load_dataset, load_model
from engine.bundled import BUNDLED

REQUIRED_KEYS = {
    "dataset", "loss", "optimizer", "lr", "epochs", "steps", "seconds", "train_cost",
    "train_accuracy", "val_cost", "val_accuracy", "diverged",
}


@pytest.mark.parametrize("name", list(BUNDLED))
def test_train_works_on_every_bundled_dataset(cli, name):
    n_classes = load_dataset(name).n_classes
    loss = "softmax-cross-entropy" if n_classes > 2 else "cross-entropy"
    out = cli.json("train", "--data", name, "--loss", loss, "--epochs", "30", "--lr", "0.5")
    assert REQUIRED_KEYS <= set(out)
    assert out["dataset"] == name and out["loss"] == loss and out["steps"] == 30 and not out["diverged"]
    assert 0.5 <= out["train_accuracy"] <= 1 and out["val_accuracy"] is not None


def test_json_output_is_exactly_one_object_and_nothing_else(cli):
    result = cli("train", "-d", "iris", "-l", "softmax-cross-entropy", "--epochs", "5", "--json")
    assert result.exit_code == 0
    assert len(result.stdout.strip().splitlines()) == 1
    assert isinstance(json.loads(result.stdout), dict)


def test_the_cli_gives_the_same_numbers_as_the_python_api(cli):
    out = cli.json("train", "-d", "breast_cancer", "--lr", "0.3", "--epochs", "40", "--batch-size", "64",
                   "--optimizer", "momentum", "--seed", "7", "--val-split", "0.25", "--l2", "0.01")
    config = TrainConfig(lr=0.3, epochs=40, batch_size=64, optimizer="momentum", seed=7, l2=0.01)
    api = fit(load_dataset("breast_cancer"), config, val_split=0.25).trainer.evaluate()
    assert out["train_cost"] == api.train_cost and out["val_cost"] == api.val_cost
    assert out["train_accuracy"] == 1 - api.train_error and out["val_accuracy"] == 1 - api.val_error


def test_a_saved_model_reloaded_and_evaluated_gives_the_training_accuracy(cli, tmp_path):
    model = tmp_path / "model.npz"
    out = cli.json("train", "-d", "wine", "-l", "softmax-cross-entropy", "--val-split", "0", "--save", str(model))
    evaluated = cli.json("evaluate", "--model", str(model), "--data", "wine")
    assert evaluated["accuracy"] == out["train_accuracy"]
    assert evaluated["cost"] == pytest.approx(out["train_cost"], rel=1e-12)
    assert evaluated["n"] == 178 and sum(map(sum, evaluated["confusion"])) == 178
    assert load_model(model).classes == ("class_0", "class_1", "class_2")


def test_history_has_a_row_for_the_initial_weights_and_one_per_step(cli, tmp_path):
    history = tmp_path / "run.csv"
    out = cli.json("train", "-d", "blobs", "--epochs", "3", "--batch-size", "50", "--history", str(history))
    rows = list(csv.DictReader(history.open()))
    assert len(rows) == out["steps"] + 1 == 3 * 4 + 1
    assert [int(r["step"]) for r in rows] == list(range(13))
    # validation is measured at the initial weights and at the end of each epoch
    assert [r["val_cost"] != "" for r in rows] == [True] + [False, False, False, True] * 3


@pytest.mark.parametrize("batch", [[], ["--batch-size", "64"]], ids=["full-batch", "minibatch"])
def test_with_l2_the_json_the_history_and_the_table_report_one_cost(cli, tmp_path, batch):
    history = tmp_path / "run.csv"
    out = cli.json("train", "-d", "breast_cancer", "--l2", "0.01", "--epochs", "50", *batch, "--history", str(history))
    last = list(csv.DictReader(history.open()))[-1]
    assert int(last["step"]) == out["steps"]
    assert float(last["train_cost"]) == out["train_cost"] and float(last["val_cost"]) == out["val_cost"]
    assert float(last["train_loss"]) == out["train_loss"] and float(last["val_loss"]) == out["val_loss"]
    assert out["train_cost"] > out["train_loss"] + 1e-3  # the L2 term is in the cost, not in the loss
    table = cli("train", "-d", "breast_cancer", "--l2", "0.01", "--epochs", "50", *batch, env={"NO_COLOR": "1"}).stdout
    assert f"{out['train_cost']:.4g}" in table and f"{out['train_loss']:.4g}" in table


def test_the_curve_ends_at_the_cost_of_the_final_weights(cli, tmp_path):
    history = tmp_path / "run.csv"
    out = cli.json("train", "-d", "breast_cancer", "--lr", "0.5", "--epochs", "200", "--history", str(history))
    rows = list(csv.DictReader(history.open()))
    assert float(rows[-1]["train_cost"]) == out["train_cost"]
    assert float(rows[0]["train_cost"]) > float(rows[1]["train_cost"])  # row 0 is before any update


def test_a_cost_already_infinite_is_a_divergence_not_a_success(cli):
    result = cli("train", "-d", "breast_cancer", "--no-standardize", "-l", "cross-entropy-naive", "--epochs", "1", "--lr", "0.1", "--json")
    assert result.exit_code == 4
    out = json.loads(result.stdout)
    assert out["diverged"] is True and out["exit_code"] == 4 and "naive" in out["error"]
    assert (out["steps"], out["epochs"]) == (0, 0)
    assert result.stderr.startswith("tui-clf: error: diverged")


def test_after_a_divergence_steps_and_epochs_describe_the_weights_kept(cli, tmp_path):
    history = tmp_path / "run.csv"
    result = cli("train", "-d", "blobs", "-l", "squared-error", "--lr", "3", "--json", "--history", str(history))
    out = json.loads(result.stdout)
    assert result.exit_code == 4 and out["diverged"]
    assert out["steps"] == out["epochs"]  # full batch: one step per epoch
    rows = list(csv.DictReader(history.open()))
    assert int(rows[-1]["step"]) == out["steps"] and float(rows[-1]["train_cost"]) == out["train_cost"]
    assert out["train_cost"] == min(float(r["train_cost"]) for r in rows)  # the best weights were kept


@pytest.mark.parametrize(
    "args, code",
    [(["train", "-d", "no-such-file.csv"], 3), (["train", "--lr", "-1"], 2), (["train", "--loss", "nope"], 2)],
)
def test_with_json_an_error_is_still_exactly_one_object_on_stdout(args, code):
    import subprocess
    import sys

    run = subprocess.run(
        [sys.executable, "-c", "from tui_clf.cli import main; main()", *args, "--json"],
        capture_output=True, text=True, timeout=60,
    )
    assert run.returncode == code
    out = json.loads(run.stdout)
    assert out["exit_code"] == code and out["error"] and len(run.stdout.strip().splitlines()) == 1
    assert run.stderr.startswith("tui-clf: error:") and len(run.stderr.strip().splitlines()) == 1


def test_a_config_file_sets_what_the_options_do_not(cli, tmp_path):
    config = tmp_path / "run.toml"
    config.write_text('data = "iris"\nloss = "softmax-cross-entropy"\nlr = 0.05\nepochs = 7\nbatch-size = 30\n')
    from_file = cli.json("train", "--config", str(config))
    assert (from_file["dataset"], from_file["lr"], from_file["epochs"], from_file["batch_size"]) == ("iris", 0.05, 7, 30)
    overridden = cli.json("train", "--config", str(config), "--lr", "0.2")
    assert overridden["lr"] == 0.2 and overridden["epochs"] == 7


def test_one_vs_rest_trains_a_binary_loss_on_three_classes(cli):
    out = cli.json("train", "-d", "iris", "-l", "hinge", "--positive-class", "setosa", "--epochs", "50")
    assert out["dataset"] == "iris (setosa vs rest)" and out["train_accuracy"] == 1.0


def test_float32_on_request(cli, tmp_path):
    model = tmp_path / "m.npz"
    out = cli.json("train", "-d", "blobs", "--dtype", "float32", "--save", str(model))
    assert out["dtype"] == "float32" and load_model(model).params.W.dtype == np.float32


def test_the_summary_table_and_curves_go_to_stdout_without_escape_codes(cli):
    result = cli("train", "-d", "blobs-overlap", "--epochs", "20")
    assert result.exit_code == 0
    assert "train cost / accuracy" in result.stdout and "error rate" in result.stdout
    assert "\x1b" not in result.stdout
    assert "epoch" not in result.stderr  # no progress bar when stderr is not a terminal


def test_no_color_keeps_escape_codes_out(cli):
    result = cli("train", "-d", "blobs", "--epochs", "5", env={"NO_COLOR": "1"})
    assert result.exit_code == 0 and "\x1b" not in result.stdout


def test_training_the_zero_one_loss_says_why_nothing_moves(cli):
    result = cli("train", "-d", "blobs", "-l", "zero-one", "--json")
    assert result.exit_code == 0
    assert "gradient is 0" in result.stderr
    assert json.loads(result.stdout)["stop"] == "zero-gradient"
