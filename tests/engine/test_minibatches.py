"""Minibatches are slices of the rows shuffled once: every row once an epoch, the short batch last."""

from __future__ import annotations

import numpy as np

from engine.losses import get_loss
from engine.training_rows import InMemoryRows

N_ROWS, SIZE = 1000, 64  # 15 whole batches and a ragged one of 40 rows


def rows() -> InMemoryRows:
    X = np.arange(N_ROWS * 3, dtype=np.float64).reshape(N_ROWS, 3)
    y = np.arange(N_ROWS) % 2
    return InMemoryRows.of(X, y, get_loss("cross-entropy"), 2, "float64")


def epoch_batches(source: InMemoryRows, epoch: int, seed: int = 3) -> list[InMemoryRows]:
    return [source.batch(epoch, position, SIZE, seed) for position in range(0, N_ROWS, SIZE)]


def test_every_row_is_in_exactly_one_batch_of_an_epoch_with_its_label() -> None:
    source = rows()
    for epoch in range(3):
        batches = epoch_batches(source, epoch)
        firsts = np.concatenate([b.X[:, 0] for b in batches])
        np.testing.assert_array_equal(np.sort(firsts), source.X[:, 0])
        for batch in batches:
            np.testing.assert_array_equal(batch.y, (batch.X[:, 0] // 3).astype(int) % 2)
            np.testing.assert_array_equal(batch.T, batch.y)


def test_the_short_batch_comes_last_as_the_trainer_counts_it() -> None:
    sizes = [b.n_rows for b in epoch_batches(rows(), 0)]
    assert sizes == [SIZE] * (N_ROWS // SIZE) + [N_ROWS % SIZE]


def test_epochs_visit_the_batches_in_new_orders_drawn_from_seed_and_epoch() -> None:
    first, again = rows(), rows()
    orders = [[b.X[0, 0] for b in epoch_batches(first, epoch)] for epoch in range(2)]
    assert orders[0] != orders[1]
    # A fresh source (a restored run) draws the same batches for the same (seed, epoch, position).
    assert [b.X[0, 0] for b in epoch_batches(again, 1)] == orders[1]
    assert [b.X[0, 0] for b in epoch_batches(again, 1, seed=4)] != orders[1]


def test_a_batch_is_a_view_of_one_shuffled_copy_not_a_gather_per_step() -> None:
    source = rows()
    batches = epoch_batches(source, 0)
    for batch in batches[1:]:
        assert np.shares_memory(batch.X, batches[0].X.base if batches[0].X.base is not None else batches[0].X)
    assert not np.shares_memory(batches[0].X, source.X)  # the caller's X is never reordered
