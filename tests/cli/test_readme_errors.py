"""The error lines the README shows after a `$ tui-clf train ...` command are what that command prints."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

README = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")


def train_commands_and_errors() -> list[tuple[str, str]]:
    """(command, the `tui-clf: error:` line shown after it) from the README's console blocks."""
    pairs = []
    for block in re.findall(r"```console\n(.*?)```", README, flags=re.S):
        lines = block.splitlines()
        for i, line in enumerate(lines):
            if not line.startswith("$ tui-clf train"):
                continue
            output = []
            for later in lines[i + 1 :]:
                if later.startswith("$"):
                    break
                output.append(later)
            errors = [later for later in output if later.startswith("tui-clf: error:")]
            if errors:
                pairs.append((line[2:], errors[0]))
    return pairs


PAIRS = train_commands_and_errors()


def test_the_readme_shows_a_train_error():
    assert PAIRS  # the divergence example


@pytest.mark.parametrize("command,shown", PAIRS, ids=[command for command, _ in PAIRS])
def test_a_readme_train_error_is_the_one_printed(cli, command, shown):
    result = cli(*shlex.split(command)[1:])
    assert result.stderr.strip().splitlines()[-1] == shown
