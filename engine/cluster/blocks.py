"""What each Dask worker computes on its own partition of the rows: plain NumPy, the engine's own math.

A RawBlock is one partition as read: features X (n, D) float64 and the raw labels (n,). A Block is
the same rows prepared for training: X (n, D) standardised in the run's dtype, integer labels y (n,)
and targets T in the loss's encoding. Which rows of a partition are validation rows is
engine.row_split's hash of the global row index (first_row + i) and the seed.

The sums a partition returns are un-normalised (sum over its rows, l2 = 0): the client adds them in
partition order and divides by N once, so the cluster's J and gradient equal the in-memory ones to
rounding.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np

from engine.losses import get_loss
from engine.objective import Params, cost_and_grad, scores
from engine.row_split import validation_mask


class RawBlock(NamedTuple):
    """One partition as read: X (n, D) float64 and its raw labels (n,)."""

    X: np.ndarray
    labels: np.ndarray


class Block(NamedTuple):
    """One partition's rows prepared for training: X (n, D) in the run's dtype, y (n,), T encoded."""

    X: np.ndarray
    y: np.ndarray
    T: np.ndarray


class BlockFacts(NamedTuple):
    """What the client needs to know of a raw partition before preparing it."""

    n_rows: int
    label_names: tuple[str, ...]
    finite: bool


class PartitionSums(NamedTuple):
    """sum_i L(z_i, t_i), sum_i dL/dz_i x_i^T (K, D), sum_i dL/dz_i (K,) and the error count, over n rows."""

    loss_sum: float
    dW_sum: np.ndarray
    db_sum: np.ndarray
    errors: int
    n_rows: int


class Split(NamedTuple):
    """Which rows of a partition starting at global row `first_row` to keep: validation or training."""

    first_row: int
    seed: int
    fraction: float
    validation: bool

    def mask(self, n: int) -> np.ndarray:
        """True for the kept rows among the partition's n, shape (n,)."""
        held_out = validation_mask(self.first_row, n, self.seed, self.fraction)
        return held_out if self.validation else ~held_out


def raw_block_of_frame(frame: Any, label: str) -> RawBlock:
    """A pandas DataFrame partition: every column but `label` is a feature, in the frame's order."""
    features = [name for name in frame.columns if name != label]
    return RawBlock(np.ascontiguousarray(frame[features].to_numpy(dtype=np.float64)), frame[label].to_numpy())


def raw_block_of_npy(path: str, start: int, stop: int, label: int) -> RawBlock:
    """Rows start..stop-1 of a 2-D numeric .npy file, read through a memory map; column `label` holds the labels."""
    table = np.load(path, mmap_mode="r", allow_pickle=False)[start:stop]
    features = [j for j in range(table.shape[1]) if j != label]
    return RawBlock(np.ascontiguousarray(table[:, features], dtype=np.float64), np.asarray(table[:, label]))


def label_texts(labels: np.ndarray) -> np.ndarray:
    """Each raw label as the text the in-memory loaders read it as, stripped: shape (n,)."""
    return np.char.strip(np.asarray([str(value) for value in labels.tolist()], dtype=str))


def block_facts(raw: RawBlock) -> BlockFacts:
    return BlockFacts(len(raw.labels), tuple(np.unique(label_texts(raw.labels)).tolist()), bool(np.isfinite(raw.X).all()))


def column_sums(raw: RawBlock, split: Split) -> tuple[np.ndarray, int]:
    """The kept rows' column sums (D,) and their count."""
    kept = raw.X[split.mask(len(raw.X))]
    return kept.sum(axis=0, dtype=np.float64), len(kept)


def squared_deviations(raw: RawBlock, split: Split, mean: np.ndarray) -> np.ndarray:
    """sum over the kept rows of (x - mean)^2, per column: (D,); the second pass of a two-pass variance."""
    deviation = raw.X[split.mask(len(raw.X))] - mean
    return np.einsum("ij,ij->j", deviation, deviation)


def prepared_block(
    raw: RawBlock, split: Split, mean: np.ndarray, scale: np.ndarray, codes: dict[str, int], loss_name: str, n_classes: int, dtype: str
) -> Block:
    """The kept rows standardised as (x - mean) / scale, cast to `dtype`, labels mapped by `codes`."""
    kept = split.mask(len(raw.X))
    X = np.ascontiguousarray((raw.X[kept] - mean) / scale, dtype=dtype)
    uniques, inverse = np.unique(label_texts(raw.labels[kept]), return_inverse=True)
    y = np.array([codes[name] for name in uniques.tolist()], dtype=np.intp)[inverse.reshape(-1)]
    return Block(X, y, get_loss(loss_name).encode(y, n_classes, X.dtype))


def block_sums(block: Block, params: Params, loss_name: str) -> PartitionSums:
    """The partition's share of the cost and gradient, from engine.objective.cost_and_grad (l2 = 0)."""
    loss = get_loss(loss_name)
    n = len(block.y)
    result = cost_and_grad(params, block.X, block.T, loss, 0.0, labels=block.y)
    return PartitionSums(result.loss * n, result.grad.W * n, result.grad.b * n, result.errors, n)


def block_measure(block: Block, params: Params, loss_name: str) -> tuple[float, int]:
    """(sum of the losses, error count) over the partition, without the gradient."""
    loss = get_loss(loss_name)
    z = scores(params, block.X, loss)
    with np.errstate(over="ignore", invalid="ignore"):
        return float(loss.value(z, block.T).sum()), int(np.count_nonzero(loss.predict(z) != block.y))


def block_gram(block: Block) -> np.ndarray:
    """X1^T X1 (D + 1, D + 1) with X1 = [X, 1]: summed over partitions it gives the cost's curvature."""
    X = block.X.astype(np.float64, copy=False)
    d = X.shape[1]
    gram = np.empty((d + 1, d + 1))
    gram[:d, :d] = X.T @ X
    gram[:d, d] = gram[d, :d] = X.sum(axis=0)
    gram[d, d] = len(X)
    return gram


def block_largest_squared_norm(block: Block) -> float:
    """max_i ||x_i||^2 over the partition's rows (0 for an empty one)."""
    if not len(block.X):
        return 0.0
    with np.errstate(over="ignore", invalid="ignore"):
        return float(np.max(np.einsum("ij,ij->i", block.X, block.X, dtype=np.float64)))


def block_rows(block: Block, order_seed: tuple[int, int, int], start: int, stop: int) -> Block:
    """Rows start..stop-1 of the partition in the order order_seed = (seed, epoch, partition) shuffles it to."""
    rows = np.random.default_rng(list(order_seed)).permutation(len(block.y))[start:stop]
    return Block(block.X[rows], block.y[rows], block.T[rows])


def block_head(block: Block, n: int) -> Block:
    """The partition's first n rows."""
    return Block(block.X[:n], block.y[:n], block.T[:n])
