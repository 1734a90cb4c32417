"""Long runs in flat memory: the history streams to its file, the curves thin themselves as they grow."""

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np

from tui_clf.views.bounded_curve import BoundedSeries

TUI_CLF = str(Path(sys.executable).parent / "tui-clf")


def test_a_bounded_series_keeps_its_size_its_extremes_and_its_last_point():
    rng = np.random.default_rng(0)
    y = np.cumsum(rng.normal(size=100_000))
    series = BoundedSeries(capacity=64)
    for step, value in enumerate(y):
        series.add(step, value)
    x_kept, y_kept = series.points()
    assert len(x_kept) <= 4 * 64 + 3
    assert np.all(np.diff(x_kept) > 0)
    assert y_kept.min() == y.min() and y_kept.max() == y.max()  # every spike survives the thinning
    assert (x_kept[-1], y_kept[-1]) == (len(y) - 1, y[-1])
    assert set(zip(x_kept, y_kept)) <= set(enumerate(y))  # only points that were there


def test_cutting_a_series_forgets_the_points_after_the_step_kept():
    series = BoundedSeries(capacity=4)
    for step in range(100):
        series.add(step, float(step % 7))
    series.cut_after(40.5)
    x, _ = series.points()
    assert x.max() <= 40 and series.last[0] <= 40
    series.add(41, -1.0)
    assert series.points()[1].min() == -1.0


def peak_rss_mib(*args: str) -> tuple[float, subprocess.CompletedProcess]:
    """Run tui-clf and return its own peak resident memory (wait4's rusage, this child only)."""
    process = subprocess.Popen([TUI_CLF, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return usage.ru_maxrss / 1024, process


def test_a_hundred_thousand_steps_take_no_more_memory_than_a_thousand(tmp_path):
    def run(epochs: int) -> float:
        history = tmp_path / f"run-{epochs}.csv"
        rss, process = peak_rss_mib("train", "-d", "blobs", "--batch-size", "2", "--val-split", "0", "--epochs", str(epochs),
                                    "--history", str(history), "--json")
        assert process.returncode == 0, process.stderr.read()
        out = json.loads(process.stdout.read())
        with history.open() as f:
            rows = sum(1 for _ in f) - 1
        assert rows == out["steps"] + 1
        return rss

    short, long = run(10), run(1000)  # blobs has 200 rows: 1 000 and 100 000 steps
    # Keeping every record cost about 470 bytes a step (47 MB here); streaming costs nothing a step.
    assert long - short < 8, (short, long)


def test_the_streamed_history_ends_at_the_weights_kept_after_early_stopping(tmp_path):
    history = tmp_path / "run.csv"
    result = subprocess.run([TUI_CLF, "train", "-d", "blobs-noisy", "--epochs", "3000", "--lr", "2", "--patience", "3",
                             "--batch-size", "16", "--history", str(history), "--json"], capture_output=True, text=True)
    out = json.loads(result.stdout)
    assert out["stop"] == "early-stopped", out
    rows = list(csv.DictReader(history.open()))
    assert int(rows[-1]["step"]) == out["steps"] and float(rows[-1]["val_cost"]) == out["val_cost"]
    assert [int(r["step"]) for r in rows] == list(range(out["steps"] + 1))


def test_training_holds_one_copy_of_the_data_not_three(tmp_path):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(300_000, 100))  # 240 MB
    np.savez(tmp_path / "big.npz", X=X, y=(X[:, 0] > 0).astype(np.int64))
    np.savez(tmp_path / "small.npz", X=X[:1000], y=(X[:1000, 0] > 0).astype(np.int64))
    del X
    base, small = peak_rss_mib("train", "-d", str(tmp_path / "small.npz"), "--epochs", "1", "--json")
    peak, big = peak_rss_mib("train", "-d", str(tmp_path / "big.npz"), "--epochs", "1", "--json")
    assert small.returncode == big.returncode == 0
    # X is 229 MiB; loading, splitting and standardising used to hold 3.6 times that.
    assert (peak - base) / 229 < 1.5, (base, peak)
