"""`tui-clf tui --data big.parquet --cluster local`: the app trains on a Dask LocalCluster with live
curves, with the same numbers as the same rows in memory."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from app_pilot import ready, settle, train

from engine import Trainer
from engine.dataset import Standardizer
from engine import load_dataset
from engine.row_split import validation_mask

pytest.importorskip("distributed")

ROWS, PARTITIONS, VAL_SPLIT = 4000, 8, 0.2


@pytest.fixture
def parquet_file(tmp_path):
    rng = np.random.default_rng(3)
    X = rng.normal(size=(ROWS, 3)) * [1.0, 10.0, 0.1]
    y = (X[:, 0] + X[:, 1] / 10 + rng.normal(size=ROWS) > 0).astype(int)
    path = tmp_path / "big.parquet"
    pq.write_table(pa.table({"a": X[:, 0], "b": X[:, 1], "c": X[:, 2], "label": y}), path, row_group_size=ROWS // PARTITIONS)
    return path


async def test_the_app_trains_on_a_local_cluster_as_in_memory(make_app, parquet_file):
    app = make_app(data=str(parquet_file), cluster="local", loss="cross-entropy", val_split=VAL_SPLIT)
    async with app.run_test() as pilot:
        await settle(pilot)  # starting the cluster and reading the file take seconds
        await ready(pilot)
        session = app.session
        assert session.streamed and session.dataset.n_rows < ROWS  # the views draw a sample
        await train(pilot, 5)
        costs = list(app.history.train_cost.values)
        steps = app.progress.steps
    session.resources.close()  # what tui_clf.app.launch does when the app ends: the cluster stops

    data = load_dataset(str(parquet_file))
    held_out = validation_mask(0, data.n_rows, session.config.training.seed, VAL_SPLIT)
    standardizer = Standardizer.fit(data.X[~held_out])
    X = standardizer.transform(data.X)
    # auto's L comes from the cluster's exact Gram matrix, in memory from power iteration: use the same number.
    training = replace(session.config.training, lr=session.trainer.lr)
    reference = Trainer(X[~held_out], data.y[~held_out], 2, training, X[held_out], data.y[held_out])
    expected = [reference.current_record()] + [reference.step() for _ in range(steps)]
    assert steps == 5 and session.trainer.n_train == reference.n_train
    np.testing.assert_allclose(costs, [r.train_cost for r in expected], rtol=1e-12)
