"""The objective on a real Dask LocalCluster (2 worker processes) equals the objective in memory.

The data is a Parquet file of 10 row groups, so 10 partitions; the in-memory reference splits it
with the same row hash (engine.row_split) and standardises with engine.dataset.Standardizer.
"""

import os
import shutil
import signal

import numpy as np
import pytest

pytest.importorskip("distributed")
pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

from engine import Standardizer, TrainConfig, Trainer, load_dataset  # noqa: E402
from engine.cluster.connect import connected  # noqa: E402
from engine.cluster.open_rows import open_cluster_rows  # noqa: E402
from engine.curvature import SAFETY, lipschitz_constant, lipschitz_of  # noqa: E402
from engine.errors import ClusterError  # noqa: E402
from engine.row_split import validation_mask  # noqa: E402

N, D, PARTITIONS = 3000, 6, 10
VAL_SPLIT = 0.25
STEPS = 8
FIELDS = ("train_cost", "train_loss", "train_error", "val_cost", "val_loss", "val_error", "grad_norm")


@pytest.fixture(scope="module")
def client():
    with connected("local", workers=2) as client:
        yield client


@pytest.fixture
def own_client():
    """A cluster of the test's own, for a test that kills or restarts its workers (Dask's nannies were
    seen not to bring workers back after a few restarts of one cluster)."""
    with connected("local", workers=2) as client:
        yield client


@pytest.fixture(scope="module")
def parquet_file(tmp_path_factory):
    """Three classes with features on very different scales and offsets, in PARTITIONS row groups."""
    rng = np.random.default_rng(7)
    X = rng.normal(size=(N, D)) * np.geomspace(0.1, 100, D) + np.arange(D) * 5
    score = X[:, 0] / 0.1 - X[:, 3] / 10 + rng.normal(size=N)
    labels = np.array(["apple", "banana", "cherry"])[np.digitize(score, [-0.5, 0.5])]
    path = tmp_path_factory.mktemp("cluster") / "fruit.parquet"
    pq.write_table(pa.table({**{f"f{j}": X[:, j] for j in range(D)}, "fruit": labels}), path, row_group_size=N // PARTITIONS)
    return path


def in_memory_trainer(path, config, positive_class=None):
    """The reference: the whole file in memory, split by the same row hash, standardised on the training rows."""
    data = load_dataset(path)
    if positive_class is not None:
        data = data.one_vs_rest(positive_class)
    held_out = validation_mask(0, data.n_rows, config.seed, VAL_SPLIT)
    standardizer = Standardizer.fit(data.X[~held_out])
    X, y = standardizer.transform(data.X), data.y
    return Trainer(X[~held_out], y[~held_out], data.n_classes, config, X[held_out], y[held_out]), standardizer, data


def cluster_trainer(client, path, config, positive_class=None):
    cluster = open_cluster_rows(client, str(path), config, val_split=VAL_SPLIT, positive_class=positive_class)
    return Trainer.on_rows(cluster.rows, cluster.n_classes, config, cluster.val), cluster


def assert_same_run(cluster_records, memory_records, cluster, memory):
    for ours, theirs in zip(cluster_records, memory_records, strict=True):
        for field in FIELDS:
            assert getattr(ours, field) == pytest.approx(getattr(theirs, field), rel=0, abs=1e-12), field
    for ours, theirs in zip(cluster.params, memory.params):
        np.testing.assert_allclose(ours, theirs, rtol=0, atol=1e-12)


@pytest.mark.parametrize(
    ("loss", "positive_class"), [("softmax-cross-entropy", None), ("cross-entropy", "banana"), ("hinge", "cherry")]
)
def test_full_batch_steps_on_a_cluster_match_the_in_memory_trainer(client, parquet_file, loss, positive_class):
    config = TrainConfig(loss=loss, lr=0.5, l2=0.01, seed=3, epochs=STEPS)
    on_cluster, cluster = cluster_trainer(client, parquet_file, config, positive_class)
    in_memory, standardizer, data = in_memory_trainer(parquet_file, config, positive_class)
    assert cluster.rows.n_partitions == PARTITIONS
    assert cluster.prepared.train.classes == data.classes
    assert cluster.prepared.train.feature_names == data.feature_names
    np.testing.assert_allclose(cluster.prepared.standardizer.mean, standardizer.mean, rtol=1e-13)
    np.testing.assert_allclose(cluster.prepared.standardizer.scale, standardizer.scale, rtol=1e-13)
    assert (cluster.rows.n_rows, cluster.val.n_rows) == (in_memory.n_train, N - in_memory.n_train)
    assert_same_run(
        [on_cluster.current_record(), *on_cluster.iter_steps(), on_cluster.final_record()],
        [in_memory.current_record(), *in_memory.iter_steps(), in_memory.final_record()],
        on_cluster,
        in_memory,
    )


def test_an_epoch_of_minibatches_visits_every_training_row_once_in_an_order_fixed_by_seed_and_epoch(client, parquet_file):
    config = TrainConfig(loss="softmax-cross-entropy", seed=3)
    on_cluster, cluster = cluster_trainer(client, parquet_file, config)
    in_memory, _, _ = in_memory_trainer(parquet_file, config)
    rows, size = cluster.rows, 128
    batches = [rows.batch(2, position, size, seed=3) for position in range(0, rows.n_rows, size)]
    seen = np.concatenate([batch.X for batch in batches])
    expected = in_memory._rows.X
    np.testing.assert_allclose(seen[np.lexsort(seen.T)], expected[np.lexsort(expected.T)], rtol=0, atol=1e-12)
    np.testing.assert_array_equal(rows.batch(2, 256, size, seed=3).X, batches[2].X)
    assert not np.array_equal(rows.batch(3, 256, size, seed=3).X, batches[2].X)


def test_minibatch_training_on_a_cluster_is_repeatable(client, parquet_file):
    config = TrainConfig(loss="softmax-cross-entropy", batch_size=200, epochs=2, seed=5)
    trainers = [cluster_trainer(client, parquet_file, config)[0] for _ in range(2)]
    runs = [list(trainer.iter_steps()) for trainer in trainers]
    assert len(runs[0]) == 2 * trainers[0].steps_per_epoch
    assert [r.train_cost for r in runs[0]] == [r.train_cost for r in runs[1]]


def test_the_curvature_bound_is_the_in_memory_estimate(client, parquet_file):
    config = TrainConfig(loss="softmax-cross-entropy", seed=3)
    on_cluster, cluster = cluster_trainer(client, parquet_file, config)
    in_memory, _, _ = in_memory_trainer(parquet_file, config)
    X1 = np.hstack([in_memory._rows.X, np.ones((in_memory.n_train, 1))])
    exact = 0.25 * np.linalg.eigvalsh(X1.T @ X1 / in_memory.n_train)[-1] * SAFETY + 0.01
    on_the_cluster = lipschitz_of(cluster.rows.gram_eigenvalue, "cross-entropy", 0.01)
    assert on_the_cluster == pytest.approx(exact, rel=1e-12)
    # The in-memory estimate (power iteration, stopped once it moves by < 1e-5, with its margins) is close to the exact one.
    assert on_the_cluster * (1 - 5e-3) <= lipschitz_constant(in_memory._rows.X, "cross-entropy", 0.01) <= on_the_cluster * 1.15
    assert lipschitz_of(cluster.rows.gram_eigenvalue, "hinge", 0.01) is None
    assert cluster.rows.largest_squared_norm() == pytest.approx(in_memory._rows.largest_squared_norm(), rel=1e-12)
    assert cluster.rows.feature_scales() == pytest.approx(in_memory._rows.feature_scales())


def test_a_worker_process_killed_mid_run_is_survived_with_the_same_numbers(own_client, parquet_file):
    config = TrainConfig(loss="softmax-cross-entropy", lr=0.5, seed=3, epochs=6)
    on_cluster, _ = cluster_trainer(own_client, parquet_file, config)
    in_memory, _, _ = in_memory_trainer(parquet_file, config)
    before = list(on_cluster.iter_steps(3))
    pids = own_client.run(os.getpid)
    os.kill(next(iter(pids.values())), signal.SIGKILL)
    after = list(on_cluster.iter_steps())
    assert_same_run(before + after, list(in_memory.iter_steps()), on_cluster, in_memory)


def test_a_restarted_cluster_rebuilds_the_partitions_and_the_run_goes_on(own_client, parquet_file):
    config = TrainConfig(lr=0.5, seed=3, epochs=5, l2=0.01)
    on_cluster, _ = cluster_trainer(own_client, parquet_file, config, positive_class="apple")
    in_memory, _, _ = in_memory_trainer(parquet_file, config, positive_class="apple")
    before = list(on_cluster.iter_steps(2))
    own_client.restart()
    after = list(on_cluster.iter_steps())
    assert_same_run(before + after, list(in_memory.iter_steps()), on_cluster, in_memory)


def test_data_lost_beyond_rebuilding_is_a_clear_error_and_the_last_good_weights_stay(client, parquet_file, tmp_path):
    copy = tmp_path / "copy.parquet"
    shutil.copy(parquet_file, copy)
    on_cluster, cluster = cluster_trainer(client, copy, TrainConfig(loss="softmax-cross-entropy", lr=0.5, seed=3, epochs=5))
    list(on_cluster.iter_steps(2))
    kept = on_cluster.snapshot()
    copy.unlink()
    # The cluster forgets every partition, as a restart makes it do, and the file to rebuild them from is gone.
    cluster.rows.close()
    with pytest.raises(ClusterError, match="lost the data and could not rebuild it"):
        on_cluster.step()
    assert on_cluster.snapshot() is kept
    assert on_cluster.steps == 2
