"""--help of every command shows every option's default, flags as flags, and the names to choose from."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main

from engine import LOSSES
from tui_clf.cli import app
from tui_clf.config import RunConfig

TUI_CLF = str(Path(sys.executable).parent / "tui-clf")
ROOT = typer.main.get_command(app)
COMMANDS = [[]] + [[name] for name in ROOT.commands]
ACTIONS = {"--help", "--version", "--install-completion", "--show-completion"}  # they act; nothing to default
OPTION_ROW = re.compile(r"^│ +\*? *(--[a-z0-9-]+)")  # a required option starts with *


def help_text(cli, command: list[str]) -> str:
    result = cli(*command, "--help", env={"COLUMNS": "200", "NO_COLOR": "1"})
    assert result.exit_code == 0, result.stderr
    return result.stdout


def option_rows(text: str) -> dict[str, str]:
    """Each option's name -> its row in the help table, wrapped lines joined."""
    rows: dict[str, str] = {}
    name = None
    for line in text.splitlines():
        match = OPTION_ROW.match(line)
        if match:
            name = match.group(1)
            rows[name] = line.strip("│ ")
        elif name and line.startswith("│"):
            rows[name] += " " + line.strip("│ ")
        else:
            name = None
    return rows


def params_of(command: list[str]):
    click_command = ROOT.commands[command[0]] if command else ROOT
    return [p for p in click_command.params if p.param_type_name == "option"]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "tui-clf")
def test_every_option_shows_its_default_and_flags_take_no_value(cli, command):
    text = help_text(cli, command)
    assert "<bool>" not in text
    rows = option_rows(text)
    for param in params_of(command):
        row = rows[param.opts[0]]
        if param.opts[0] not in ACTIONS:
            assert "[default: " in row or "[required]" in row, f"{param.opts[0]} shows no default: {row}"
        if param.is_flag:
            assert not re.search(r"<\w", row), f"the flag {param.opts[0]} shows a value type: {row}"


@pytest.mark.parametrize("command", ["train", "tui", "gradcheck"])
def test_the_defaults_shown_are_the_ones_a_run_uses(cli, command):
    rows = option_rows(help_text(cli, [command]))
    for key, value in RunConfig().as_dict().items():
        option = "--" + key.replace("_", "-")
        if option in rows and value is not None and not isinstance(value, bool):
            assert f"[default: ({value})]" in rows[option], rows[option]
    assert "[default: (standardize)]" in rows["--standardize"] and "--no-standardize" in rows["--standardize"]


def test_loss_optimizer_and_dtype_are_choices_listed_in_help(cli):
    rows = option_rows(help_text(cli, ["train"]))
    assert all(name in rows["--loss"] for name in LOSSES)
    assert "<gd|momentum|adam|lbfgs|newton>" in rows["--optimizer"] and "<float64|float32>" in rows["--dtype"]


def test_shell_completion_offers_the_loss_names():
    env = {**os.environ, "_TUI_CLF_COMPLETE": "complete_bash", "COMP_WORDS": "tui-clf train --loss cross", "COMP_CWORD": "3"}
    result = subprocess.run([TUI_CLF], env=env, capture_output=True, text=True, timeout=30)
    assert result.stdout.split() == ["cross-entropy", "cross-entropy-naive"]


def test_a_bad_loss_is_one_line_naming_the_choices_and_exit_2():
    result = subprocess.run([TUI_CLF, "train", "--loss", "logistic"], capture_output=True, text=True, timeout=30)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("tui-clf: error: ") and "'logistic'" in lines[0]
    assert all(name in lines[0] for name in LOSSES)
