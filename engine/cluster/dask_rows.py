"""DaskRows: the rows of a Trainer held as partitions on a Dask cluster (engine.training_rows.TrainingRows).

Each full pass sends the weights (W (K, D), b (K,): small, passed with the tasks) to every
partition, which returns its sums from engine.objective.cost_and_grad (engine.cluster.blocks); the
client adds them in partition order, divides by N and adds the L2 term:
    J = (1/N) sum_p loss_sum_p + (l2/2)||W||^2,  dJ/dW = (1/N) sum_p dW_sum_p + l2 W,  dJ/db = (1/N) sum_p db_sum_p.

A lost worker is Dask's to survive: the scheduler recomputes its partitions from the file. When
every partition is lost at once (client.restart(), a cluster restarted under us) the partitions are
rebuilt from their recipe and the pass runs once more; if that fails too, ClusterError. Either way
a pass never returns a partial sum, so the Trainer keeps the last good weights.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from concurrent.futures import CancelledError
from typing import Any

import numpy as np
from distributed import Client, KilledWorker

from engine.cluster.blocks import block_gram, block_head, block_largest_squared_norm, block_measure, block_rows, block_sums
from engine.curvature import SAFETY
from engine.errors import ClusterError
from engine.losses import Loss
from engine.objective import Params, l2_penalty
from engine.optim import squared_norm
from engine.progress import Point
from engine.training_rows import InMemoryRows

# What a pass raises when the partitions it needs are gone.
LOST = (CancelledError, KilledWorker)


class DaskRows:
    """Rows in partitions on a cluster: `recipe` is one dask.delayed Block per non-empty partition."""

    def __init__(self, client: Client, recipe: list[Any], sizes: list[int], n_features: int, feature_scales: tuple[float, float]) -> None:
        self._client = client
        self._recipe = recipe
        self._sizes = sizes
        self._n_features = n_features
        self._feature_scales = feature_scales
        self._blocks = client.compute(recipe)

    @property
    def n_rows(self) -> int:
        return sum(self._sizes)

    @property
    def n_features(self) -> int:
        return self._n_features

    @property
    def n_partitions(self) -> int:
        return len(self._sizes)

    def point(self, params: Params, loss: Loss, l2: float) -> Point:
        parts = self._on_every_block(block_sums, params, loss.name)
        n = self.n_rows
        mean_loss = sum(part.loss_sum for part in parts) / n
        grad = Params(sum(part.dW_sum for part in parts) / n, sum(part.db_sum for part in parts) / n)
        if l2:
            grad = Params(grad.W + l2 * params.W, grad.b)
        error = sum(part.errors for part in parts) / n
        return Point(mean_loss + l2_penalty(params, l2), mean_loss, error, grad, math.sqrt(squared_norm(grad)))

    def measure(self, params: Params, loss: Loss, l2: float) -> tuple[float, float, float]:
        parts = self._on_every_block(block_measure, params, loss.name)
        n = self.n_rows
        mean_loss = sum(loss_sum for loss_sum, _ in parts) / n
        return mean_loss + l2_penalty(params, l2), mean_loss, sum(errors for _, errors in parts) / n

    def batch(self, epoch: int, position: int, size: int, seed: int) -> InMemoryRows:
        """Rows position..position+size-1 of the epoch's order: the partitions in an order drawn from
        (seed, epoch), each partition's rows shuffled by (seed, epoch, partition)."""
        order = np.random.default_rng([seed, epoch]).permutation(self.n_partitions)
        ends = np.cumsum([self._sizes[p] for p in order])
        pieces = []
        for k in range(int(np.searchsorted(ends, position, side="right")), len(order)):
            begin = int(ends[k] - self._sizes[order[k]])
            if begin >= position + size:
                break
            start, stop = max(position, begin) - begin, min(position + size, int(ends[k])) - begin
            pieces.append((int(order[k]), (seed, epoch, int(order[k])), start, stop))
        blocks = self._retried(lambda: self._client.gather([self._client.submit(block_rows, self._blocks[p], *rest, pure=False) for p, *rest in pieces]))
        return InMemoryRows(*(np.concatenate(parts) for parts in zip(*blocks)))

    def gram_eigenvalue(self) -> float:
        """lambda_max(X1^T X1 / N) * SAFETY as engine.curvature estimates it, but the exact eigenvalue
        of the (D + 1) x (D + 1) Gram matrix summed over the partitions."""
        gram = sum(self._retried(lambda: self._client.gather(self._client.map(block_gram, self._blocks))))
        return float(np.linalg.eigvalsh(gram / self.n_rows)[-1]) * SAFETY

    def largest_squared_norm(self) -> float:
        return max(self._retried(lambda: self._client.gather(self._client.map(block_largest_squared_norm, self._blocks))))

    def feature_scales(self) -> tuple[float, float]:
        return self._feature_scales

    def head(self, n: int) -> InMemoryRows:
        """The first n rows (or all, when fewer), from as few partitions as hold them."""
        wanted, p = [], 0
        while p < self.n_partitions and sum(size for _, size in wanted) < n:
            wanted.append((p, min(self._sizes[p], n - sum(size for _, size in wanted))))
            p += 1
        blocks = self._retried(lambda: self._client.gather([self._client.submit(block_head, self._blocks[p], size) for p, size in wanted]))
        return InMemoryRows(*(np.concatenate(parts) for parts in zip(*blocks)))

    def close(self) -> None:
        """Let the cluster forget the partitions."""
        self._client.cancel(self._blocks)

    def _on_every_block(self, task: Callable[..., Any], params: Params, loss_name: str) -> list[Any]:
        """task(block, params, loss_name) on every partition, gathered in partition order."""
        params = Params(np.asarray(params.W), np.asarray(params.b))
        return self._retried(lambda: self._client.gather(self._client.map(task, self._blocks, params=params, loss_name=loss_name, pure=False)))

    def _retried(self, run: Callable[[], Any]) -> Any:
        """run(); once more on partitions rebuilt from the recipe if the cluster lost them all."""
        try:
            return run()
        except LOST:
            self._blocks = self._client.compute(self._recipe)
        try:
            return run()
        except Exception as error:  # whatever the rebuild met (a file gone, a worker lost again) ends the run here
            raise ClusterError(f"the cluster lost the data and could not rebuild it ({type(error).__name__}: {error})") from None
