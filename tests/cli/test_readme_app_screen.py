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
