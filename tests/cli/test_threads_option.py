"""--threads (and `threads` in a config file) sets how many threads share a pass; 0 is a usage error."""

from __future__ import annotations

import numpy as np


def npz_of_several_chunks(tmp_path) -> str:
    rng = np.random.default_rng(0)
    X = rng.standard_normal((30_000, 60))  # 1 MB chunks of 2184 rows: 14 of them, the last ragged
    path = tmp_path / "wide.npz"
    np.savez(path, X=X, y=(X[:, 0] + rng.standard_normal(len(X)) > 0).astype(np.int64))
    return str(path)


def test_train_on_one_thread_and_on_two_reports_the_same_costs(cli, tmp_path):
    data = npz_of_several_chunks(tmp_path)
    one = cli.json("train", "--data", data, "--epochs", "3", "--threads", "1")
    two = cli.json("train", "--data", data, "--epochs", "3", "--threads", "2")
    for key in ("train_cost", "val_cost", "train_accuracy", "val_accuracy"):
        assert np.isclose(two[key], one[key], rtol=1e-12), key


def test_a_config_file_sets_the_threads_and_zero_threads_is_a_usage_error(cli, tmp_path):
    config = tmp_path / "run.toml"
    config.write_text("threads = 1\nepochs = 1\n")
    assert cli.json("train", "--config", str(config))["steps"] == 1
    assert cli("train", "--threads", "0").exit_code == 2
    config.write_text('threads = "two"\n')
    assert cli("train", "--config", str(config)).exit_code == 2
