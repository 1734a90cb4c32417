"""gradcheck, convexity, losses, datasets, evaluate and predict: on every bundled dataset, as JSON and as text."""

import csv
import io
import json

import pytest

from engine import LOSSES, load_dataset
from engine.bundled import BUNDLED


def fitting_loss(name: str) -> str:
    return "softmax-cross-entropy" if load_dataset(name).n_classes > 2 else "logistic-squared-error"


@pytest.mark.parametrize("name", list(BUNDLED))
def test_gradcheck_passes_on_every_bundled_dataset(cli, name):
    out = cli.json("gradcheck", "-d", name, "-l", fitting_loss(name))
    assert {"loss", "method", "h", "n_params", "max_abs_error", "max_rel_error", "passed", "worst"} <= set(out)
    assert out["passed"] is True and out["method"] == "central" and out["max_rel_error"] <= 1e-7
    assert out["worst"] and {"name", "analytic", "numeric", "rel_error"} <= set(out["worst"][0])


@pytest.mark.parametrize("name", list(BUNDLED))
def test_a_planted_bug_fails_on_every_bundled_dataset(cli, name):
    result = cli("gradcheck", "-d", name, "-l", fitting_loss(name), "--plant-bug", "--bug", "sign-flip", "--json")
    assert result.exit_code == 6
    assert json.loads(result.stdout)["passed"] is False


def test_gradcheck_forward_fast_mode_after_training_with_the_h_sweep(cli):
    out = cli.json("gradcheck", "-d", "wine", "-l", "softmax-cross-entropy", "--method", "forward",
                   "--directions", "5", "--at", "trained", "--epochs", "20", "--h-sweep")
    assert out["method"] == "forward" and out["n_checked"] == 5 and out["at"] == "trained"
    sweep = out["h_sweep"]
    assert len(sweep["h"]) == len(sweep["forward_error"]) == len(sweep["central_error"])
    assert "half of the examples" in sweep["measured"]


def test_gradcheck_text_shows_the_verdict_in_words_and_the_sweep(cli):
    result = cli("gradcheck", "-d", "breast_cancer", "-l", "cross-entropy", "--h-sweep", env={"NO_COLOR": "1"})
    assert result.exit_code == 0
    assert "verdict: CORRECT" in result.stdout and "correct" in result.stdout
    assert "log10 h" in result.stdout and "smallest error" in result.stdout
    assert "measured: error of the slope of the cost on a fixed half of the examples" in " ".join(result.stdout.split())


def naive_cross_entropy_at_large_z(tmp_path) -> tuple[str, ...]:
    """gradcheck of the naive cross-entropy on all of breast_cancer at W ~ N(0, 20^2 / 30): |z| up to 86."""
    config = tmp_path / "scaled.toml"
    config.write_text(f"init_scale = {20 / 30**0.5!r}\n")
    return ("gradcheck", "-d", "breast_cancer", "-l", "cross-entropy-naive", "--config", str(config), "--val-split", "0")


def test_gradcheck_says_the_naive_cost_is_inaccurate_at_large_z_and_exits_0(cli, tmp_path):
    args = naive_cross_entropy_at_large_z(tmp_path)
    # Before: "verdict: WRONG (max relative error 0.01837 ...)" and exit 6 for a right gradient.
    result = cli(*args, env={"NO_COLOR": "1"})
    assert result.exit_code == 0, result.stderr
    text = " ".join(result.stdout.split())
    assert "verdict: COST INACCURATE" in text
    assert "note: Cost inaccurate, not a wrong gradient: as the lecture predicts (Eq. 15-16)" in text
    out = cli.json(*args)
    assert {"loss", "method", "h", "n_params", "max_abs_error", "max_rel_error", "passed", "worst"} <= set(out)
    assert out["verdict"] == "cost inaccurate" and out["passed"] is True
    assert out["max_rel_error"] > 1e-4
    assert any("Eq. 15-16" in note for note in out["notes"])
    stable = cli.json(*args, "-l", "cross-entropy")
    assert stable["verdict"] == "correct" and stable["max_rel_error"] <= 1e-8 and stable["notes"] == []


def test_a_planted_bug_in_the_naive_cost_at_large_z_still_fails(cli, tmp_path):
    result = cli(*naive_cross_entropy_at_large_z(tmp_path), "--plant-bug", "--bug", "sign-flip", "--json")
    assert result.exit_code == 6
    assert json.loads(result.stdout)["verdict"] == "wrong"


@pytest.mark.parametrize("name", list(BUNDLED))
def test_convexity_runs_on_every_bundled_dataset(cli, name):
    out = cli.json("convexity", "-d", name, "--segments", "24")
    losses = {r["loss"]: r for r in out["results"]}
    assert "softmax-cross-entropy" in losses
    for result in losses.values():
        assert {"loss", "convex", "max_violation", "counterexample"} <= set(result)
        assert result["convex"] == (result["counterexample"] is None)


def test_convexity_finds_the_lecture_s_non_convex_losses_on_breast_cancer(cli):
    out = cli.json("convexity", "-d", "breast_cancer")
    verdicts = {r["loss"]: r["convex"] for r in out["results"]}
    assert verdicts == {
        "zero-one": False, "squared-error": True, "logistic-squared-error": False, "cross-entropy": True,
        "cross-entropy-naive": True, "hinge": True, "softmax-cross-entropy": True,
    }
    example = next(r for r in out["results"] if r["loss"] == "logistic-squared-error")["counterexample"]
    assert example["f_lambda"] > (1 - example["lambda"]) * example["f0"] + example["lambda"] * example["f1"]


def test_losses_draws_figure_3_and_says_what_each_loss_teaches(cli):
    result = cli("losses", "--derivatives")
    assert result.exit_code == 0
    assert "L(z, t = 1)" in result.stdout and "dL/dz" in result.stdout
    for name in LOSSES:
        assert name in result.stdout


def test_losses_json_has_each_chosen_curve(cli):
    out = cli.json("losses", "-l", "hinge", "-l", "cross-entropy", "--z-min", "-2", "--z-max", "2")
    curves = {c["loss"]: c for c in out["losses"]}
    assert set(curves) == {"hinge", "cross-entropy"}
    hinge = curves["hinge"]
    assert hinge["z"][0] == -2 and hinge["value"][0] == 3.0 and hinge["value"][-1] == 0.0


def test_datasets_lists_rows_features_and_classes(cli):
    out = cli.json("datasets")
    by_name = {d["name"]: d for d in out["datasets"]}
    assert set(by_name) == set(BUNDLED)
    assert (by_name["iris"]["rows"], by_name["iris"]["features"], len(by_name["iris"]["classes"])) == (150, 4, 3)
    assert "breast_cancer" in cli("datasets").stdout


@pytest.fixture
def iris_model(cli, tmp_path):
    model = tmp_path / "iris.npz"
    cli.json("train", "-d", "iris", "-l", "softmax-cross-entropy", "--val-split", "0", "--lr", "0.5", "--save", str(model))
    return model


def test_predict_writes_a_label_and_probabilities_per_row(cli, iris_model):
    result = cli("predict", "--model", str(iris_model), "--data", "iris", "--proba")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 150 and set(rows[0]) == {"label", "p_setosa", "p_versicolor", "p_virginica"}
    assert all(abs(sum(float(r[k]) for k in r if k != "label") - 1) < 1e-5 for r in rows)
    assert rows[0]["label"] == "setosa"


def test_predict_reads_a_csv_without_labels_and_writes_to_a_file(cli, iris_model, tmp_path):
    data = load_dataset("iris")
    unlabelled = tmp_path / "new.csv"
    # Columns in another order than the model's: they are matched by name.
    names = list(reversed(data.feature_names))
    unlabelled.write_text(",".join(names) + "\n" + "\n".join(",".join(str(v) for v in row[::-1]) for row in data.X[:5]) + "\n")
    output = tmp_path / "labels.csv"
    result = cli("predict", "--model", str(iris_model), "--data", str(unlabelled), "--output", str(output))
    assert result.exit_code == 0 and result.stdout == ""
    assert output.read_text().splitlines() == ["label"] + ["setosa"] * 5


def test_predict_refuses_probabilities_from_hinge(cli, tmp_path):
    model = tmp_path / "svm.npz"
    cli.json("train", "-d", "blobs", "-l", "hinge", "--save", str(model))
    result = cli("predict", "--model", str(model), "--data", "blobs", "--proba")
    assert result.exit_code == 2 and "no probabilities" in result.stderr


def test_evaluate_refuses_data_with_a_class_the_model_does_not_know(cli, iris_model):
    result = cli("evaluate", "--model", str(iris_model), "--data", "wine")
    assert result.exit_code == 3


def test_evaluate_prints_the_confusion_matrix_with_class_names(cli, iris_model):
    result = cli("evaluate", "--model", str(iris_model), "--data", "iris")
    assert result.exit_code == 0
    assert "confusion matrix" in result.stdout and "versicolor" in result.stdout


def test_a_label_column_named_with_digits_is_found_by_name(cli, tmp_path):
    data = tmp_path / "digits.csv"
    data.write_text("x,y,2020\n0,1,a\n1,0,b\n0,0,a\n1,1,b\n")
    assert cli.json("train", "-d", str(data), "--target", "2020", "--epochs", "2")["steps"] == 2
    assert cli.json("train", "-d", str(data), "--target", "2", "--epochs", "2")["steps"] == 2  # an index


def test_a_model_can_be_scored_on_data_of_one_class(cli, iris_model, tmp_path):
    data = load_dataset("iris")
    setosa = tmp_path / "setosa.csv"
    rows = [",".join(map(str, row)) + ",setosa" for row in data.X[data.y == 0]]
    setosa.write_text(",".join(data.feature_names) + ",species\n" + "\n".join(rows) + "\n")
    out = cli.json("evaluate", "--model", str(iris_model), "--data", str(setosa))
    assert out["n"] == 50 and out["accuracy"] == 1.0
