"""The index-hash validation split: chunk-independent, seeded, and of the asked size."""

import numpy as np

from engine.row_split import uniform_of_rows, validation_mask


def test_a_row_gets_the_same_draw_whichever_chunk_it_arrives_in():
    whole = validation_mask(0, 10_000, seed=3, fraction=0.2)
    chunks = np.concatenate([validation_mask(start, 1000, seed=3, fraction=0.2) for start in range(0, 10_000, 1000)])
    np.testing.assert_array_equal(whole, chunks)


def test_the_split_has_the_asked_share_and_depends_on_the_seed():
    n = 200_000
    share = validation_mask(0, n, seed=0, fraction=0.2).mean()
    assert abs(share - 0.2) < 4 * np.sqrt(0.2 * 0.8 / n)
    assert (validation_mask(0, n, 0, 0.2) != validation_mask(0, n, 1, 0.2)).mean() > 0.25


def test_the_draws_look_uniform_and_independent_of_neighbours():
    u = uniform_of_rows(0, 100_000, seed=7)
    assert u.min() >= 0 and u.max() < 1
    counts = np.histogram(u, bins=10, range=(0, 1))[0]
    assert np.all(np.abs(counts - 10_000) < 500)
    assert abs(np.corrcoef(u[:-1], u[1:])[0, 1]) < 0.02
