"""`tui-clf train --cluster`: a run on a Dask LocalCluster saves a model that evaluate uses like any other."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from engine import load_model
from served_app import wait_ended

pytest.importorskip("distributed")
pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

TUI_CLF = str(Path(sys.executable).parent / "tui-clf")


@pytest.fixture
def parquet_file(tmp_path):
    """Two classes, separable up to noise, in 8 row groups (8 partitions)."""
    rng = np.random.default_rng(1)
    X = rng.normal(size=(1600, 4)) * [1, 10, 0.1, 3]
    label = np.where(X[:, 0] - X[:, 1] / 10 + 0.3 * rng.normal(size=1600) > 0, "spam", "ham")
    path = tmp_path / "mail.parquet"
    pq.write_table(pa.table({**{f"f{j}": X[:, j] for j in range(4)}, "label": label}), path, row_group_size=200)
    return path


def test_train_on_a_local_cluster_saves_a_model_that_evaluate_uses(cli, parquet_file, tmp_path):
    model = tmp_path / "model.npz"
    summary = cli.json("train", "--data", str(parquet_file), "--cluster", "local", "--epochs", "30", "--lr", "1", "--save", str(model))
    assert summary["steps"] == 30 and summary["stop"] == "finished"
    assert summary["train_accuracy"] > 0.9 and summary["val_accuracy"] > 0.9
    evaluation = cli.json("evaluate", "--model", str(model), "--data", str(parquet_file))
    assert evaluation["classes"] == ["ham", "spam"]
    assert evaluation["n"] == 1600
    assert evaluation["accuracy"] > 0.9


def test_an_unreachable_scheduler_is_one_line_and_exit_5(cli, parquet_file):
    result = cli("train", "--data", str(parquet_file), "--cluster", "tcp://127.0.0.1:9", "--json")
    assert result.exit_code == 5
    assert result.stderr.count("\n") == 1 and "cannot reach the Dask scheduler at 'tcp://127.0.0.1:9'" in result.stderr
    assert json.loads(result.stdout)["exit_code"] == 5


def children(pid: int) -> set[int]:
    """The processes `pid` started (its cluster's workers among them), from /proc."""
    found = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found.update(int(child) for child in (task / "children").read_text().split())
    return found


def test_ctrl_c_at_the_terminal_stops_the_run_saves_the_model_and_closes_the_workers(parquet_file, tmp_path):
    model = tmp_path / "model.npz"
    # Its own session, so the signal goes to the whole process group as a terminal's Ctrl-C does.
    run = subprocess.Popen(
        [TUI_CLF, "train", "-d", str(parquet_file), "--cluster", "local", "--epochs", "1000000", "--save", str(model), "--json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while len(children(run.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    workers = children(run.pid)
    time.sleep(10)  # the cluster reads and prepares the data, then trains
    os.killpg(run.pid, signal.SIGINT)
    _, stderr = run.communicate(timeout=120)
    assert run.returncode == 130, stderr
    assert stderr.strip().splitlines()[-1].startswith("tui-clf: error: interrupted by Ctrl-C (SIGINT)")
    if "saved the last good model" in stderr:
        assert load_model(model).classes == ("ham", "spam")
    # multiprocessing's resource tracker leaves a moment after its parent; an orphan's zombie counts as ended
    assert wait_ended(workers, 10) == []
