"""Shell completion through typer's own protocol: what bash gets after `tui-clf ... <TAB>`."""

import os
import subprocess
import sys

from engine import LOSSES
from engine.optim import OPTIMIZERS

RUN_CLI = "import sys; from tui_clf.entry import main; sys.argv[0] = 'tui-clf'; main()"


def completions(line: str, cwd=None) -> list[str]:
    """The words typer's bash completion offers for `line` (the cursor at its end), as bash would ask."""
    words = line.split()
    env = {**os.environ, "_TUI_CLF_COMPLETE": "complete_bash", "COMP_WORDS": line, "COMP_CWORD": str(len(words) - (not line.endswith(" ")))}
    result = subprocess.run([sys.executable, "-c", RUN_CLI], env=env, cwd=cwd, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_commands_and_options_complete():
    assert completions("tui-clf tr") == ["train"]
    assert completions("tui-clf train --lo") == ["--loss"]
    assert "--export" in completions("tui-clf datasets --ex")


def test_loss_names_complete():
    assert completions("tui-clf train --loss cr") == ["cross-entropy", "cross-entropy-naive"]
    assert completions("tui-clf compare -l so") == ["softmax-cross-entropy"]
    assert sorted(completions("tui-clf losses --loss ")) == sorted(LOSSES)


def test_optimizer_names_complete():
    assert completions("tui-clf train --optimizer ") == list(OPTIMIZERS)


def test_dataset_names_and_data_files_complete(tmp_path):
    for name in ("blue.parquet", "blank.csv.gz", "blot.md", "black.npz.gz"):
        (tmp_path / name).write_text("")
    (tmp_path / "blocks").mkdir()
    offered = completions("tui-clf train --data bl", cwd=tmp_path)
    assert offered == ["blobs", "blobs-overlap", "blobs-outliers", "blobs-noisy", "blank.csv.gz", "blocks/", "blue.parquet"]
    assert completions("tui-clf evaluate -d bre", cwd=tmp_path) == ["breast_cancer"]
    assert completions(f"tui-clf train --data {tmp_path}/blu") == [f"{tmp_path}/blue.parquet"]


def test_tour_stops_complete():
    assert completions("tui-clf tour --stop 2.4") == ["2.4", "2.4-naive"]


def test_show_completion_prints_the_bash_script_under_bash():
    # typer finds the user's shell among the parent processes: bash stays the parent here (no exec of its last command).
    script = '"$0" -c "$1" --show-completion; exit $?'
    result = subprocess.run(["bash", "-c", script, sys.executable, RUN_CLI], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "_TUI_CLF_COMPLETE=complete_bash" in result.stdout and "complete -o default -F _tui_clf_completion tui-clf" in result.stdout
