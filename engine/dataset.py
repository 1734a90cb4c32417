"""A labelled dataset, its standardisation and its stratified train/validation split.

X: (N, D) float64 features; y: (N,) integer labels in 0..K-1 indexing `classes`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from engine.column_stats import column_mean_std
from engine.errors import DataError


@dataclass(frozen=True)
class Dataset:
    """Features, integer labels and the names that go with them."""

    name: str
    X: np.ndarray
    y: np.ndarray
    classes: tuple[str, ...]
    feature_names: tuple[str, ...]
    source: str | None = field(default=None, compare=False)

    @property
    def n_rows(self) -> int:
        return int(self.X.shape[0])

    @property
    def n_features(self) -> int:
        return int(self.X.shape[1])

    @property
    def n_classes(self) -> int:
        return len(self.classes)

    def class_counts(self) -> np.ndarray:
        """Examples per class, shape (K,)."""
        return np.bincount(self.y, minlength=self.n_classes)

    def subset(self, rows: np.ndarray) -> Dataset:
        """The same dataset restricted to `rows` (indices or a boolean mask)."""
        return Dataset(self.name, self.X[rows], self.y[rows], self.classes, self.feature_names, self.source)

    def columns(self, names: tuple[str, ...]) -> np.ndarray:
        """The feature columns called `names`, in that order, (N, len(names)); DataError if one is missing."""
        if names == self.feature_names:
            return self.X
        missing = [name for name in names if name not in self.feature_names]
        if missing:
            raise DataError(
                f"{len(names)} features are needed and the data lacks {len(missing)} of them, e.g. {missing[0]!r}",
                path=self.source,
            )
        return self.X[:, [self.feature_names.index(name) for name in names]]

    def one_vs_rest(self, positive_class: str) -> Dataset:
        """Two classes: `not <positive_class>` (label 0) and `positive_class` (label 1)."""
        if positive_class not in self.classes:
            raise DataError(
                f"no class {positive_class!r}; the classes are: {', '.join(self.classes)}", path=self.source
            )
        positive = self.classes.index(positive_class)
        y = (self.y == positive).astype(np.intp)
        return Dataset(
            f"{self.name} ({positive_class} vs rest)",
            self.X,
            y,
            (f"not {positive_class}", positive_class),
            self.feature_names,
            self.source,
        )


@dataclass(frozen=True)
class Standardizer:
    """x -> (x - mean) / scale, fitted on training data only; mean and scale: (D,)."""

    mean: np.ndarray
    scale: np.ndarray

    @classmethod
    def fit(cls, X: np.ndarray, feature_names: tuple[str, ...] = (), source: str | None = None) -> Standardizer:
        """Column means and standard deviations of X; constant columns get scale 1.

        DataError naming the first column (from feature_names, else by number) whose mean or
        standard deviation overflows a float64: values near 1e154 and beyond square to infinity.
        """
        with np.errstate(over="ignore", invalid="ignore"):  # an overflow is reported below, by column
            mean, std = column_mean_std(X)
        constant = X.min(axis=0) == X.max(axis=0) if X.shape[0] else np.ones(X.shape[1], dtype=bool)
        return cls.of_moments(mean, std, constant, feature_names, source)

    @classmethod
    def of_moments(
        cls,
        mean: np.ndarray,
        std: np.ndarray,
        constant: np.ndarray,
        feature_names: tuple[str, ...] = (),
        source: str | None = None,
    ) -> Standardizer:
        """The transform from column means, standard deviations and which columns are constant, all (D,).

        A constant column gets scale 1: its computed std is rounding (1e-13 for a column of 0.1),
        and dividing by it would blow the column up to values of order 1.
        """
        overflowed = np.flatnonzero(~(np.isfinite(mean) & np.isfinite(std)))
        if overflowed.size:
            j = int(overflowed[0])
            column = repr(feature_names[j]) if j < len(feature_names) else str(j + 1)
            raise DataError(
                f"column {column}: its values are too large to standardise (the "
                f"{'mean' if not np.isfinite(mean[j]) else 'standard deviation'} overflows a 64-bit float); "
                "rescale the column",
                path=source,
            )
        return cls(mean, np.where((std > 0) & ~constant, std, 1.0))

    @classmethod
    def identity(cls, n_features: int) -> Standardizer:
        """The transform that changes nothing."""
        return cls(np.zeros(n_features), np.ones(n_features))

    def transform(self, X: np.ndarray) -> np.ndarray:
        return (X - self.mean) / self.scale

    def transform_in_place(self, X: np.ndarray) -> np.ndarray:
        """The transform written over X (float), for data nobody else needs: no copy of X."""
        X -= self.mean
        X /= self.scale
        return X


def stratified_split(y: np.ndarray, val_fraction: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Row indices (train, val): each class split in the same proportion, shuffled by `seed`.

    Every class keeps at least one training example; a class gets round(val_fraction * n_k)
    validation examples. Both index arrays are sorted so row order is preserved.
    """
    if not 0 <= val_fraction < 1:
        raise ValueError(f"val_fraction must be in [0, 1), got {val_fraction}")
    rng = np.random.default_rng(seed)
    train, val = [], []
    for k in np.unique(y):
        rows = rng.permutation(np.flatnonzero(y == k))
        n_val = min(int(round(val_fraction * rows.size)), rows.size - 1)
        val.append(rows[:n_val])
        train.append(rows[n_val:])
    return np.sort(np.concatenate(train)), np.sort(np.concatenate(val))
