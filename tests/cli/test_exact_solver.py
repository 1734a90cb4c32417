"""`tui-clf train --solver exact`: squared error's normal equations, a model and a JSON like any run's."""

import json

import numpy as np
from plot_frames import boxes, inside, legend
from typer.testing import CliRunner

from engine.model_file import load_model
from tui_clf.cli import app

runner = CliRunner()


def test_exact_solver_writes_the_least_squares_model_in_one_step(tmp_path):
    run = ["train", "-d", "breast_cancer", "-l", "squared-error", "--l2", "0.01", "--json", "--save"]
    exact = runner.invoke(app, [*run, str(tmp_path / "exact.npz"), "--solver", "exact"])
    assert exact.exit_code == 0, exact.output
    summary = json.loads(exact.stdout)
    assert summary["steps"] == 1 and summary["stop"] == "converged"
    # Newton's method reaches the same quadratic's minimum by steps.
    newton = json.loads(runner.invoke(app, [*run, str(tmp_path / "newton.npz"), "--optimizer", "newton", "--epochs", "3"]).stdout)
    assert abs(summary["train_cost"] - newton["train_cost"]) <= 1e-12
    for exact_leaf, newton_leaf in zip(load_model(tmp_path / "exact.npz").params, load_model(tmp_path / "newton.npz").params):
        np.testing.assert_allclose(exact_leaf, newton_leaf, rtol=0, atol=1e-10)


def test_the_plot_of_squared_error_draws_the_exact_optimum():
    result = runner.invoke(app, ["train", "-d", "breast_cancer", "-l", "squared-error", "--epochs", "20"], env={"COLUMNS": "80"})
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    cost = inside(lines, boxes(lines)[-2])
    assert any("optimum" in label for label in legend(cost)), cost[:3]


def test_curves_that_reach_the_optimum_are_drawn_over_its_line():
    result = runner.invoke(app, ["train", "-d", "blobs", "-l", "squared-error", "--epochs", "40"], env={"NO_COLOR": "1", "COLUMNS": "100"})
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    cost = inside(lines, boxes(lines)[-2])  # the summary table, then cost and error rate side by side
    # A legend entry names the curves drawn with its mark ("validation ≈ optimum ≈ train" where they coincide).
    curve_marks = {mark for label, mark in legend(cost).items() if "train" in label or "validation" in label}
    # The optimum is the lowest cost drawn (validation's is higher here): its line is the bottom row, where both curves end.
    bottom = cost[-1]
    converged = bottom[len(bottom) // 2:]
    assert converged and set(converged) <= curve_marks, bottom


def test_exact_solver_refuses_other_losses_and_minibatches_in_one_line():
    for extra, words in [(["-l", "cross-entropy"], "solves squared-error"), (["-l", "squared-error", "--batch-size", "32"], "--batch-size")]:
        result = runner.invoke(app, ["train", "-d", "breast_cancer", "--solver", "exact", *extra])
        assert result.exit_code == 2
        assert words in result.stderr and len(result.stderr.strip().splitlines()) == 1

