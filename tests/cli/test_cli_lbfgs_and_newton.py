"""`--optimizer lbfgs|newton` from the command line: refusals in one line, and compare with them."""

import json

from typer.testing import CliRunner

from tui_clf.cli import app

runner = CliRunner()


def test_lbfgs_and_newton_refusals_exit_2_with_one_line():
    for extra, words in [
        (["-l", "hinge", "--optimizer", "newton"], "second derivative"),
        (["-l", "zero-one", "--optimizer", "lbfgs"], "gradient is 0"),
        (["--optimizer", "lbfgs", "--batch-size", "32"], "full-batch method"),
    ]:
        result = runner.invoke(app, ["train", "-d", "breast_cancer", *extra])
        assert result.exit_code == 2
        assert words in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_compare_with_newton_races_the_losses_newton_can_train():
    result = runner.invoke(app, ["compare", "-d", "breast_cancer", "--optimizer", "newton", "--l2", "0.01", "--epochs", "10", "--json"])
    assert result.exit_code == 0, result.output
    losses = [entry["loss"] for entry in json.loads(result.stdout)["results"]]
    assert losses == ["squared-error", "logistic-squared-error", "cross-entropy", "cross-entropy-naive"]


def test_the_summary_says_a_line_search_does_not_use_the_learning_rate():
    for optimizer in ("lbfgs", "newton"):
        result = runner.invoke(app, ["train", "-d", "breast_cancer", "--optimizer", optimizer, "--l2", "0.01", "--epochs", "5"])
        assert result.exit_code == 0, result.output
        assert f"not used: {optimizer} finds each step's length" in result.stdout
        assert "2/L" not in result.stdout
