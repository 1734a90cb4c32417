"""A float64 X narrowed to float32 in its own memory equals astype, and prepare uses it for float32 runs."""

from __future__ import annotations

import numpy as np
import pytest

from engine import narrowing
from engine.dataset import Dataset
from engine.narrowing import can_narrow_in_place, narrowed_in_place
from engine.pipeline import prepare


@pytest.mark.parametrize("n_rows", [1, 7, 64, 1000])
def test_narrowed_in_place_equals_astype_and_lives_in_xs_memory(monkeypatch: pytest.MonkeyPatch, n_rows: int) -> None:
    monkeypatch.setattr(narrowing, "NARROW_ROWS", 16)  # many blocks, the last one ragged
    X = np.random.default_rng(0).standard_normal((n_rows, 13)) * 1e3
    expected = X.astype(np.float32)
    narrow = narrowed_in_place(X, np.float32)
    assert narrow.dtype == np.float32 and narrow.shape == expected.shape
    np.testing.assert_array_equal(narrow, expected)
    assert np.shares_memory(narrow, X)


def test_only_wider_contiguous_writeable_floats_are_narrowed_in_place() -> None:
    X = np.zeros((4, 3))
    assert can_narrow_in_place(X, np.float32)
    assert not can_narrow_in_place(X, np.float64)
    assert not can_narrow_in_place(X.astype(np.float32), np.float64)
    assert not can_narrow_in_place(np.asfortranarray(X), np.float32)
    X.flags.writeable = False
    assert not can_narrow_in_place(X, np.float32)


def dataset(n_rows: int = 500) -> Dataset:
    rng = np.random.default_rng(1)
    X = rng.standard_normal((n_rows, 5)) * 3 + 2
    y = (X[:, 0] > 2).astype(np.intp)
    return Dataset("d", X, y, ("a", "b"), tuple(f"x{j}" for j in range(5)))


@pytest.mark.parametrize("val_split", [0.0, 0.2])
def test_prepare_for_a_float32_run_narrows_the_given_up_x_in_place(val_split: float) -> None:
    reference = prepare(dataset(), val_split=val_split, seed=3)
    given_up = dataset()
    loaded = given_up.X
    prepared = prepare(given_up, val_split=val_split, seed=3, overwrite=True, dtype="float32")
    assert prepared.train.X.dtype == np.float32
    assert np.shares_memory(prepared.train.X, loaded)
    np.testing.assert_array_equal(prepared.train.X, reference.train.X.astype(np.float32))
    np.testing.assert_array_equal(prepared.train.y, reference.train.y)


def test_prepare_without_overwrite_leaves_the_dtype_to_the_trainer() -> None:
    assert prepare(dataset(), dtype="float32").train.X.dtype == np.float64
