"""A mistyped option is answered with the options a user plausibly meant, and only those."""

import subprocess
import sys
from pathlib import Path

import pytest

from tui_clf.cli.option_suggestions import suggested_options

TUI_CLF = str(Path(sys.executable).parent / "tui-clf")
TRAIN_OPTIONS = ["--data", "-d", "--loss", "-l", "--lr", "--l2", "--epochs", "--val-split", "--solver", "--optimizer"]


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("--bogus", []),
        ("--los", ["--loss"]),
        ("--lrr", ["--lr"]),
        ("--val", ["--val-split"]),
        ("--optimiser", ["--optimizer"]),
        ("--epoch", ["--epochs"]),
    ],
)
def test_suggestions_compare_names_without_their_dashes(typed, meant):
    assert suggested_options(typed, TRAIN_OPTIONS) == meant


def test_an_unrelated_option_gets_no_suggestion_on_the_command_line():
    result = subprocess.run([TUI_CLF, "train", "--bogus"], capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr.strip() == "tui-clf: error: No such option: --bogus (see tui-clf train --help)"


def test_a_near_miss_names_the_option_meant_on_the_command_line():
    result = subprocess.run([TUI_CLF, "compare", "--epoch", "3"], capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "tui-clf: error: No such option: --epoch (Possible options: --epochs) (see tui-clf compare --help)"
    )


@pytest.mark.parametrize(
    ("argv", "corrected"),
    [
        (["--loss", "hinge"], "tui-clf tui --loss hinge"),
        (["--data", "iris", "--loss=softmax-cross-entropy"], "tui-clf tui --data iris --loss=softmax-cross-entropy"),
        (["-d", "my data.csv"], "tui-clf tui -d 'my data.csv'"),
    ],
)
def test_an_option_of_the_app_given_to_bare_tui_clf_names_the_command_that_takes_it(argv, corrected):
    result = subprocess.run([TUI_CLF, *argv], capture_output=True, text=True)
    assert result.returncode == 2
    option = argv[0].split("=")[0]
    assert result.stderr.strip() == (
        f"tui-clf: error: No such option: {option} (the app's options come after `tui`: {corrected})"
    )


@pytest.mark.parametrize("argv", [["--bogus"], ["--loss", "hinge", "train"]])
def test_an_option_before_a_command_or_nobodys_points_at_the_help(argv):
    result = subprocess.run([TUI_CLF, *argv], capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr.strip() == f"tui-clf: error: No such option: {argv[0]} (see tui-clf --help)"
