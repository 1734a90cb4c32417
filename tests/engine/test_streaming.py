"""A file streamed chunk by chunk trains as the same rows held in memory (engine.streaming)."""

from __future__ import annotations

import numpy as np
import pytest

from engine.data import save_dataset
from engine.dataset import Dataset, Standardizer
from engine.errors import DataError
from engine.objective import Params
from engine.pipeline import make_trainer, prepare
from engine.row_split import validation_mask
from engine.streaming import scan as scan_module
from engine.streaming.column_moments import ColumnMoments
from engine.streaming.npy_chunks import NpyChunks
from engine.streaming.open_stream import open_streamed
from engine.streaming.scan import VAL_IN_MEMORY_BYTES
from engine.streaming.streamed_rows import StreamedRows
from engine.train_config import TrainConfig
from engine.trainer import Trainer

N, D = 6000, 4


def labelled_rows(n: int = N, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """X (n, D) with columns on very different scales and a constant column of 0.1; y (n,) in 0..2."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, D)) * [1.0, 30.0, 1.0, 1e-3] + [5.0, -2.0, 0.0, 1e3]
    X[:, 2] = 0.1
    y = (X[:, 0] > 5).astype(int) + (X[:, 1] > 10)
    return X, y


def dataset(X: np.ndarray, y: np.ndarray) -> Dataset:
    return Dataset("rows", X, y, tuple(str(k) for k in range(y.max() + 1)), tuple(f"x{j}" for j in range(1, X.shape[1] + 1)))


@pytest.fixture
def files(tmp_path):
    """The same rows as .npy (labels in the last column), .csv and .parquet."""
    X, y = labelled_rows()
    paths = {"npy": tmp_path / "rows.npy", "csv": tmp_path / "rows.csv", "parquet": tmp_path / "rows.parquet"}
    np.save(paths["npy"], np.column_stack([X, y]))
    save_dataset(dataset(X, y), paths["csv"])
    save_dataset(dataset(X, y), paths["parquet"])
    return paths


def test_a_constant_column_of_0_1_keeps_scale_1_though_its_computed_std_is_rounding():
    X, _ = labelled_rows()
    assert Standardizer.fit(X).scale[2] == 1.0
    assert np.abs(Standardizer.fit(X).transform(X)[:, 2]).max() < 1e-12


def test_chunk_by_chunk_moments_equal_the_in_memory_standardizer_to_rounding():
    X, _ = labelled_rows()
    moments = ColumnMoments.empty(D)
    for start in range(0, N, 701):  # chunks of uneven size, merged one by one
        moments = moments.merged(ColumnMoments.of(X[start : start + 701]))
    streamed = Standardizer.of_moments(moments.mean, moments.std, moments.constant)
    whole = Standardizer.fit(X)
    np.testing.assert_allclose(streamed.mean, whole.mean, rtol=1e-12)
    # Column 4's mean is 1e6 times its std: x - mean loses six digits either way.
    np.testing.assert_allclose(streamed.scale, whole.scale, rtol=1e-10)
    assert streamed.scale[2] == 1.0 and moments.constant.tolist() == [False, False, True, False]


@pytest.mark.parametrize("kind", ["npy", "csv", "parquet"])
@pytest.mark.parametrize("loss", ["cross-entropy", "softmax-cross-entropy", "hinge"])
def test_full_batch_gradient_descent_on_a_streamed_file_follows_the_in_memory_run(files, kind, loss):
    X, y = labelled_rows()
    positive = "1" if loss != "softmax-cross-entropy" else None
    config = TrainConfig(loss=loss, lr=0.3, epochs=6, l2=0.01)
    streamed = open_streamed(files[kind], config, positive_class=positive).trainer.run()
    in_memory = make_trainer(prepare(dataset(X, y), positive_class=positive), config).run()
    # The statistics differ in the last bits, and column 4 (mean 1e6 times its std) amplifies that.
    for a, b in zip(streamed.records, in_memory.records, strict=True):
        assert a.train_cost == pytest.approx(b.train_cost, rel=1e-10)
        assert a.grad_norm == pytest.approx(b.grad_norm, rel=1e-8)
        assert a.train_error == b.train_error


def test_float32_runs_stream_as_they_run_in_memory(files):
    X, y = labelled_rows()
    config = TrainConfig(loss="softmax-cross-entropy", lr=0.3, epochs=4, dtype="float32")
    streamed = open_streamed(files["npy"], config).trainer.run()
    in_memory = make_trainer(prepare(dataset(X, y)), config).run()
    assert streamed.records[-1].train_cost == pytest.approx(in_memory.records[-1].train_cost, rel=1e-5)


def streamed_rows(path, config: TrainConfig, **kwargs) -> StreamedRows:
    return open_streamed(path, config, **kwargs).trainer._rows


def test_the_streamed_gradient_matches_central_differences_of_the_streamed_cost(files):
    config = TrainConfig(loss="softmax-cross-entropy")
    rows = streamed_rows(files["csv"], config)
    loss, l2 = open_streamed(files["csv"], config).trainer.loss, 0.05
    rng = np.random.default_rng(0)
    params = Params(rng.normal(size=(3, D)), rng.normal(size=3))
    grad = rows.point(params, loss, l2).grad
    h = 1e-5
    for k, j in [(0, 0), (1, 1), (2, 3)]:
        plus, minus = params.W.copy(), params.W.copy()
        plus[k, j] += h
        minus[k, j] -= h
        numeric = (rows.measure(Params(plus, params.b), loss, l2)[0] - rows.measure(Params(minus, params.b), loss, l2)[0]) / (2 * h)
        assert grad.W[k, j] == pytest.approx(numeric, rel=1e-6, abs=1e-9)


@pytest.mark.parametrize("in_memory_bytes", [VAL_IN_MEMORY_BYTES, 0])
def test_the_validation_rows_are_the_hash_split_s_held_or_streamed(files, monkeypatch, in_memory_bytes):
    X, y = labelled_rows()
    monkeypatch.setattr(scan_module, "VAL_IN_MEMORY_BYTES", in_memory_bytes)
    config = TrainConfig(lr=0.3, epochs=3)
    streamed = open_streamed(files["npy"], config, val_split=0.25, positive_class="1").trainer
    val = validation_mask(0, N, config.seed, 0.25)
    X_train, y_train, X_val, y_val = split_and_standardised(X, (y == 1).astype(int), val)
    in_memory = Trainer(X_train, y_train, 2, config, X_val, y_val)
    assert streamed.n_train == int((~val).sum())
    for a, b in zip(streamed.run().records, in_memory.run().records, strict=True):
        assert a.train_cost == pytest.approx(b.train_cost, rel=1e-10)
        assert a.val_cost == pytest.approx(b.val_cost, rel=1e-10)


def split_and_standardised(X, y, val):
    """(X_train, y_train, X_val, y_val) split by the mask `val`, standardised by the training rows."""
    standardizer = Standardizer.fit(X[~val])
    return standardizer.transform(X[~val]), y[~val], standardizer.transform(X[val]), y[val]


def test_minibatches_are_drawn_the_same_by_two_runs_and_by_a_restored_one(files):
    config = TrainConfig(lr=0.1, epochs=3, batch_size=64)
    window = 1000 * 8 * D  # windows of 1000 rows: a batch may straddle two, an epoch crosses six

    def trainer():
        t = open_streamed(files["csv"], config, positive_class="1", val_split=0.2).trainer
        t._rows = StreamedRows(t._rows.reader, t._rows.layout, window_bytes=window)
        return t

    first, second = trainer(), trainer()
    a = [r.train_cost for r in first.run().records]
    b = [r.train_cost for r in second.run().records]
    assert a == b
    third = trainer()
    third.run(max_steps=100)
    saved = third.snapshot()
    rest = [r.train_cost for r in third.run().records]
    fourth = trainer()
    fourth.restore(saved)
    assert [r.train_cost for r in fourth.run().records] == rest
    np.testing.assert_array_equal(fourth.params.W, third.params.W)


def test_an_epoch_of_window_shuffled_minibatches_sees_every_training_row_once(files):
    config = TrainConfig(loss="softmax-cross-entropy", batch_size=50)
    rows = streamed_rows(files["npy"], config, val_split=0.2)
    small = StreamedRows(rows.reader, rows.layout, window_bytes=700 * 8 * D)
    batches = [small.batch(1, p, 50, 7) for p in range(0, small.n_rows, 50)]
    seen = np.concatenate([b.X for b in batches])
    everything = np.concatenate([r.X.copy() for r in small._passes()])
    assert seen.shape == everything.shape
    order = np.lexsort(seen.T), np.lexsort(everything.T)
    np.testing.assert_array_equal(seen[order[0]], everything[order[1]])
    assert not np.array_equal(seen, everything)  # shuffled within windows


def test_lipschitz_from_the_streamed_gram_matrix_agrees_with_power_iteration(files):
    X, y = labelled_rows()
    config = TrainConfig(loss="cross-entropy")
    streamed = open_streamed(files["parquet"], config, positive_class="1").trainer.lipschitz
    in_memory = make_trainer(prepare(dataset(X, y), positive_class="1"), config).lipschitz
    # The Gram matrix gives lambda_max exactly; the in-memory estimate (power iteration, on a sample
    # of rows above a size, times a margin: engine.curvature) lies on the safe side of it.
    assert streamed * (1 - 1e-3) <= in_memory <= streamed * 1.15


def test_a_fortran_ordered_or_object_npy_is_refused_by_name(tmp_path):
    path = tmp_path / "f.npy"
    np.save(path, np.asfortranarray(np.ones((5, 3))))
    with pytest.raises(DataError, match="Fortran order"):
        NpyChunks(path, None)
    np.save(path, np.array([[1, "a"]], dtype=object), allow_pickle=True)
    with pytest.raises(DataError, match="must hold numbers"):
        NpyChunks(path, None)


def test_a_non_finite_feature_in_a_streamed_npy_names_its_row_and_column(tmp_path):
    X, y = labelled_rows()
    X[4321, 1] = np.nan
    path = tmp_path / "nan.npy"
    np.save(path, np.column_stack([X, y]))
    with pytest.raises(DataError, match="row 4321, column 1: nan"):
        open_streamed(path, TrainConfig())
