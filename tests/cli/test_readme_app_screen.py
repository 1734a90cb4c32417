"""The app's screen the README shows (squared error on blobs-outliers) holds the numbers `tui-clf train` prints."""

from __future__ import annotations

import json
import re
from pathlib import Path

from typer.testing import CliRunner

from tui_clf.cli import app
from tui_clf.views.formatting import number, percent

README = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
runner = CliRunner()


def train_summary(*options: str) -> dict:
    result = runner.invoke(app, ["train", "--data", "blobs-outliers", "--json", *options])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_the_status_line_of_the_readmes_app_screen_is_what_train_reports():
    summary = train_summary("--loss", "squared-error")
    shown = re.search(r"✓ done  step 100/100  cost (\S+)  error (\S+)  val (\S+) / (\S+)", README)
    assert shown, "the README's app screen has no status line"
    assert shown.groups() == (
        number(summary["train_cost"]),
        percent(1 - summary["train_accuracy"]),
        number(summary["val_cost"]),
        percent(1 - summary["val_accuracy"]),
    )


def test_the_readmes_claim_of_squared_error_against_cross_entropy_holds():
    squared, entropy = train_summary("--loss", "squared-error"), train_summary()
    claim = "2.8% of\nthe training points against none for cross-entropy"
    assert claim in README
    assert percent(1 - squared["train_accuracy"]) == "2.8%" and entropy["train_accuracy"] == 1.0


def test_the_served_apps_screen_on_the_defaults_is_what_train_reports():
    summary = runner.invoke(app, ["train", "--json"])
    assert summary.exit_code == 0, summary.output
    s = json.loads(summary.stdout)
    line = (
        f"✓ done  step 100/100  cost {number(s['train_cost'])}  error {percent(1 - s['train_accuracy'])}  "
        f"val {number(s['val_cost'])} / {percent(1 - s['val_accuracy'])}"
    )
    assert line in README


def test_the_step_back_screen_shows_step_35_as_the_history_of_train_has_it(tmp_path):
    history = tmp_path / "history.csv"
    result = runner.invoke(app, ["train", "--data", "blobs", "--loss", "squared-error", "--epochs", "40", "--history", str(history)])
    assert result.exit_code == 0, result.output
    header, *rows = history.read_text().splitlines()
    step_35 = dict(zip(header.split(","), next(row for row in rows if row.startswith("35,")).split(",")))
    line = (
        f"⏮ back from 40  step 35/40  cost {number(float(step_35['train_cost']))}  "
        f"error {percent(float(step_35['train_error']))}  "
        f"val {number(float(step_35['val_cost']))} / {percent(float(step_35['val_error']))}"
    )
    assert line in README


def test_the_landscape_screen_of_logistic_squared_error_is_what_train_reports():
    result = runner.invoke(app, ["train", "--data", "breast_cancer", "--loss", "logistic-squared-error", "--json"])
    assert result.exit_code == 0, result.output
    s = json.loads(result.stdout)
    line = (
        f"✓ done  step 100/100  cost {number(s['train_cost'])}  error {percent(1 - s['train_accuracy'])}  "
        f"val {number(s['val_cost'])} / {percent(1 - s['val_accuracy'])}"
    )
    assert line in README


def test_the_step_cursors_reading_in_the_readme_is_step_31_of_the_default_run(tmp_path):
    history = tmp_path / "history.csv"
    assert runner.invoke(app, ["train", "--history", str(history)]).exit_code == 0
    header, *rows = history.read_text().splitlines()
    step = dict(zip(header.split(","), next(row for row in rows if row.startswith("31,")).split(",")))
    line = (
        f"step 31 (cost, error)  train {number(float(step['train_cost']))}, {percent(float(step['train_error']))}  "
        f"val {number(float(step['val_cost']))}, {percent(float(step['val_error']))}"
    )
    assert line in README
