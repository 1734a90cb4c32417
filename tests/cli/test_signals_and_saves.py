"""No lost work: every signal stops training cleanly and saves the model; a save is whole or not there.

These run the installed `tui-clf` as a user would, and send real signals to it.
"""

import os
import random
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from engine import load_model

TUI_CLF = str(Path(sys.executable).parent / "tui-clf")
CODES = {signal.SIGINT: 130, signal.SIGTERM: 143, signal.SIGHUP: 129}


def start_training(model: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [TUI_CLF, "train", "-d", "breast_cancer", "--save", str(model), *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a running process, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_until_training(run: subprocess.Popen, cpu: float = 2.0) -> None:
    """Until the process has used `cpu` seconds of CPU: past start-up (about 0.5 s) on a loaded machine too."""
    deadline = time.monotonic() + 120
    while cpu_seconds(run.pid) < cpu and time.monotonic() < deadline:
        time.sleep(0.05)


def wait_until_handled(run: subprocess.Popen) -> None:
    """Until the process catches SIGHUP: its own code runs (before that, only Python is starting)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        status = Path(f"/proc/{run.pid}/status").read_text()
        caught = int(next(line.split()[1] for line in status.splitlines() if line.startswith("SigCgt:")), 16)
        if caught & (1 << (signal.SIGHUP - 1)):
            return
        time.sleep(0.005)


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_sigterm_and_sighup_stop_after_a_step_save_the_model_and_exit_with_their_code(tmp_path, signum):
    model = tmp_path / "m.npz"
    run = start_training(model, "--epochs", "100000000", "--batch-size", "1")
    wait_until_training(run)  # what is asserted does not depend on how far it got
    run.send_signal(signum)
    _, stderr = run.communicate(timeout=60)
    assert run.returncode == CODES[signum], stderr
    assert "Traceback" not in stderr and "interrupted by SIG" in stderr and f"saved the last good model to {model}" in stderr
    assert load_model(model).n_features == 30
    assert leftovers(tmp_path) == []


def test_signals_at_random_moments_leave_a_whole_model_and_no_temporary_file(tmp_path):
    model = tmp_path / "m.npz"
    subprocess.run([TUI_CLF, "train", "-d", "breast_cancer", "--epochs", "2", "--save", str(model)], check=True)
    rng = random.Random(1)
    outcomes = set()
    for trial in range(24):
        signum = rng.choice(list(CODES))
        # ~1.5 s runs: the signal lands in start-up, training, the save or the summary
        run = start_training(model, "--epochs", "4000", "--l2", str(0.001 * (trial + 1)))
        wait_until_handled(run)
        time.sleep(rng.uniform(0.0, 1.5))
        run.send_signal(signum)
        _, stderr = run.communicate(timeout=60)
        # -signum: the run was over and Python, shutting down, had given the signal back its default action
        assert run.returncode in (0, -signum, CODES[signum]), stderr
        assert "Traceback" not in stderr
        assert len(stderr.strip().splitlines()) <= 1, stderr
        assert run.returncode != -signum or stderr == ""
        load_model(model)  # old or new, but whole
        assert leftovers(tmp_path) == [], stderr
        outcomes.add(run.returncode)
    assert len(outcomes) >= 2  # some signals landed during training, some after


def test_ctrl_c_while_starting_up_is_one_line_and_exit_130():
    for delay in (0.0, 0.05, 0.1, 0.2):
        run = subprocess.Popen([TUI_CLF, "train", "-d", "breast_cancer"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        wait_until_handled(run)  # from here on the imports of typer, numpy and rich run: about 0.3 s
        time.sleep(delay)
        run.send_signal(signal.SIGINT)
        _, stderr = run.communicate(timeout=60)
        assert run.returncode in (0, 130), stderr
        assert "Traceback" not in stderr and len(stderr.strip().splitlines()) <= 1, stderr


def test_an_output_that_cannot_be_written_is_refused_before_training(tmp_path):
    started = time.perf_counter()
    result = subprocess.run(
        [TUI_CLF, "train", "-d", "breast_cancer", "--epochs", "100000000", "--save", str(tmp_path / "missing" / "m.npz")],
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 5 and "cannot be written" in result.stderr and "missing" in result.stderr
    assert time.perf_counter() - started < 30  # it never started the hundred million epochs
    folder = tmp_path / "a-folder"
    folder.mkdir()
    history = subprocess.run([TUI_CLF, "train", "--history", str(folder)], capture_output=True, text=True, timeout=60)
    assert history.returncode == 5 and "is a folder" in history.stderr


def test_a_device_is_written_to_not_replaced(tmp_path):
    result = subprocess.run([TUI_CLF, "train", "-d", "blobs", "--epochs", "3", "--save", "/dev/null", "--history", "/dev/null"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    predict_model = tmp_path / "m.npz"
    subprocess.run([TUI_CLF, "train", "-d", "blobs", "--epochs", "3", "--save", str(predict_model)], check=True)
    subprocess.run([TUI_CLF, "predict", "-m", str(predict_model), "-d", "blobs", "-o", str(fifo)], check=True, timeout=60)
    out, _ = reader.communicate(timeout=60)
    assert out.decode().startswith("label\n") and stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_saving_over_a_model_keeps_its_permissions_and_a_link_stays_a_link(tmp_path):
    model = tmp_path / "m.npz"
    subprocess.run([TUI_CLF, "train", "-d", "blobs", "--epochs", "2", "--save", str(model)], check=True)
    os.chmod(model, 0o600)
    link = tmp_path / "latest.npz"
    link.symlink_to(model)
    subprocess.run([TUI_CLF, "train", "-d", "blobs", "--epochs", "3", "--save", str(link)], check=True)
    assert stat.S_IMODE(os.stat(model).st_mode) == 0o600
    assert link.is_symlink() and load_model(link).n_features == 2
