"""Without a terminal the app does not start: one line that names `tui-clf train`, exit code 2."""

import os
import subprocess
import sys

LAUNCH = "import sys; from tui_clf.config import RunConfig; from tui_clf.app.launch import run_app; sys.exit(run_app(RunConfig()))"


def launch(env_overrides: dict[str, str]) -> subprocess.CompletedProcess:
    env = {**os.environ, **env_overrides}
    return subprocess.run([sys.executable, "-c", LAUNCH], capture_output=True, text=True, env=env, timeout=60)


def test_on_a_pipe_the_app_says_it_needs_a_terminal_and_names_tui_clf_train():
    result = launch({"TERM": "xterm-256color"})
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "needs an interactive terminal" in lines[0] and "tui-clf train" in lines[0]


def test_a_dumb_terminal_is_refused_the_same_way():
    result = launch({"TERM": "dumb"})
    assert result.returncode == 2
    assert "TERM is 'dumb'" in result.stderr and "tui-clf train" in result.stderr
