"""Edits of the training rows that a person makes in the boundary view: add a point, remove the
nearest, flip its label.

The split and the standardisation stay as they were: a new point is given in the standardised
units the view draws (and kept in the file's units too, through the same standardiser), goes to the
training set, and the validation rows are not touched. Shapes: X (N, D) standardised and raw
(N, D) in the file's units, in the same row order; y (N,) integer labels.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from engine.dataset import Dataset
from engine.pipeline import PreparedData


@dataclass(frozen=True)
class EditableSet:
    """The prepared data (training rows standardised) and the same rows in the file's units."""

    prepared: PreparedData
    raw: PreparedData  # prepared the same way without the standardisation: same split, same order

    @property
    def train(self) -> Dataset:
        return self.prepared.train

    def nearest(self, point: np.ndarray) -> int:
        """Index of the training row nearest to `point` (D,), in the standardised units drawn."""
        return int(np.argmin(((self.train.X - point) ** 2).sum(axis=1)))

    def added(self, point: np.ndarray, label: int) -> EditableSet:
        """A training row at `point` (standardised units) with class `label`."""
        original = self.prepared.standardizer.mean + np.asarray(point) * self.prepared.standardizer.scale
        return self._rows(
            np.vstack([self.train.X, point]), np.vstack([self.raw.train.X, original]), np.append(self.train.y, label)
        )

    def removed(self, row: int) -> EditableSet:
        keep = np.arange(self.train.n_rows) != row
        return self._rows(self.train.X[keep], self.raw.train.X[keep], self.train.y[keep])

    def relabelled(self, row: int, label: int) -> EditableSet:
        y = self.train.y.copy()
        y[row] = label
        return self._rows(self.train.X, self.raw.train.X, y)

    def whole_in_file_units(self) -> Dataset:
        """The training rows (edited) then the validation rows, in the file's units: the set to save or re-split."""
        raw_train, raw_val = self.raw.train, self.raw.val
        if raw_val is None or not raw_val.n_rows:
            return raw_train
        return replace(raw_train, X=np.vstack([raw_train.X, raw_val.X]), y=np.concatenate([raw_train.y, raw_val.y]))

    def _rows(self, X: np.ndarray, raw: np.ndarray, y: np.ndarray) -> EditableSet:
        return EditableSet(
            replace(self.prepared, train=replace(self.train, X=X, y=y)),
            replace(self.raw, train=replace(self.raw.train, X=raw, y=y)),
        )
