"""Training rows read from a file for every pass (engine.training_rows.TrainingRows), never held whole.

point() and measure() are one read of the file: each chunk's rows of this part (training or
validation) are standardised in a reused buffer, cast to the run's dtype and handed to the
engine's own cost_and_grad with l2 = 0; the chunks' sums (mean loss x n, dJ/dW x n, dJ/db x n,
errors) are added up and divided by N at the end, where the l2 term joins:
    J = (1/N) sum_c n_c loss_c + (l2/2)||W||^2,  dJ/dW = (1/N) sum_c n_c dW_c + l2 W,
the in-memory result up to the order of the additions (rounding).

batch() shuffles within windows: the file is cut into windows of WINDOW_BYTES of rows, an epoch
visits the windows in file order, and the rows of each window in a permutation drawn from
(seed, epoch, window). The minibatch at `position` is the epoch's rows position .. position +
size - 1 in that order: a function of (seed, epoch, position), so a restored run draws the same.
Only the window being served is in memory, and an epoch reads the file once.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from engine.dataset import Standardizer
from engine.errors import DataError
from engine.losses import Loss
from engine.objective import Params, cost_and_grad, l2_penalty, scores
from engine.optim import squared_norm
from engine.progress import Point
from engine.row_gather import gathered_rows
from engine.streaming.chunk_buffer import ChunkBuffer
from engine.streaming.gram import MAX_GRAM_FEATURES, gram_largest_eigenvalue, trace_bound
from engine.streaming.raw_chunk import ChunkReader, RawChunk
from engine.streaming.row_cursor import RowCursor
from engine.streaming.row_part import RowPart
from engine.training_rows import InMemoryRows

# A shuffling window holds about this many bytes of float64 rows.
WINDOW_BYTES = 32 << 20


@dataclass(frozen=True)
class StreamedLayout:
    """How a file's rows become a part's rows: the part, the standardisation, label code -> class
    (class_of_code), K, the run's loss and dtype, and the counts the scan found."""

    part: RowPart
    standardizer: Standardizer
    class_of_code: np.ndarray
    n_classes: int
    loss: Loss
    dtype: str
    n_rows: int
    n_file_rows: int
    column_std: np.ndarray
    column_mean: np.ndarray


class StreamedRows:
    """One part (training or validation) of a file, read chunk by chunk for every pass."""

    def __init__(self, reader: ChunkReader, layout: StreamedLayout, window_bytes: int = WINDOW_BYTES) -> None:
        self.reader, self.layout = reader, layout
        d = len(reader.feature_names)
        self._standardised = ChunkBuffer(d, np.float64)
        self._cast = ChunkBuffer(d, layout.dtype)
        self._cursor = RowCursor(reader)
        self._window_rows = max(1, window_bytes // (8 * d))
        self._window_starts: np.ndarray | None = None
        self._window: tuple[tuple[int, int, int], InMemoryRows] | None = None
        self._gram_eigenvalue: float | None = None

    @property
    def n_rows(self) -> int:
        return self.layout.n_rows

    @property
    def n_features(self) -> int:
        return len(self.reader.feature_names)

    def point(self, params: Params, loss: Loss, l2: float) -> Point:
        dW, db = np.zeros_like(params.W), np.zeros_like(params.b)
        total = 0.0
        errors = 0
        with np.errstate(over="ignore", invalid="ignore"):
            for rows in self._passes():
                result = cost_and_grad(params, rows.X, rows.T, loss, 0.0, labels=rows.y)
                n = rows.n_rows
                total += result.loss * n
                dW += result.grad.W * n
                db += result.grad.b * n
                errors += result.errors
            dW /= self.n_rows
            db /= self.n_rows
            if l2:
                dW += l2 * params.W
        grad = Params(dW, db)
        mean_loss = total / self.n_rows
        return Point(mean_loss + l2_penalty(params, l2), mean_loss, errors / self.n_rows, grad, math.sqrt(squared_norm(grad)))

    def measure(self, params: Params, loss: Loss, l2: float) -> tuple[float, float, float]:
        total = 0.0
        errors = 0
        with np.errstate(over="ignore", invalid="ignore"):
            for rows in self._passes():
                z = scores(params, rows.X, loss)
                total += float(loss.value(z, rows.T).sum())
                errors += int(np.count_nonzero(loss.predict(z) != rows.y))
        mean_loss = total / self.n_rows
        return mean_loss + l2_penalty(params, l2), mean_loss, errors / self.n_rows

    def batch(self, epoch: int, position: int, size: int, seed: int) -> InMemoryRows:
        starts = self._starts()
        parts = []
        end = min(position + size, self.n_rows)
        while position < end:
            w = int(np.searchsorted(starts, position, side="right")) - 1
            window = self._shuffled_window(w, epoch, seed)
            take = min(end, int(starts[w + 1])) - position
            offset = position - int(starts[w])
            parts.append((window.X[offset : offset + take], window.y[offset : offset + take], window.T[offset : offset + take]))
            position += take
        if len(parts) == 1:
            return InMemoryRows(*parts[0])
        return InMemoryRows(*(np.concatenate(arrays) for arrays in zip(*parts)))

    def gram_eigenvalue(self) -> float:
        """lambda_max(X1^T X1 / N): one extra read of the file the first time (engine.streaming.gram)."""
        if self._gram_eigenvalue is None:
            if self.n_features <= MAX_GRAM_FEATURES:
                self._gram_eigenvalue = gram_largest_eigenvalue((rows.X for rows in self._passes()), self.n_features)
            else:
                s = self.layout.standardizer
                self._gram_eigenvalue = trace_bound((self.layout.column_std**2 + (self.layout.column_mean - s.mean) ** 2) / s.scale**2)
        return self._gram_eigenvalue

    def largest_squared_norm(self) -> float:
        """max_i ||x_i||^2 of the standardised rows: one read of the file."""
        with np.errstate(over="ignore", invalid="ignore"):
            return max(float(np.max(np.einsum("ij,ij->i", rows.X, rows.X, dtype=np.float64))) for rows in self._passes())

    def feature_scales(self) -> tuple[float, float]:
        """The smallest and largest standard deviation among the non-constant columns, as trained on."""
        std = self.layout.column_std / self.layout.standardizer.scale
        std = std[std > 0]
        return (float(std.min()), float(std.max())) if std.size else (1.0, 1.0)

    def _passes(self) -> Iterator[InMemoryRows]:
        """This part's rows, standardised and encoded, chunk by chunk over the whole file."""
        for chunk in self.reader.chunks():
            rows = self._prepared(chunk)
            if rows.n_rows:
                yield rows

    def _prepared(self, chunk: RawChunk) -> InMemoryRows:
        """The chunk's rows of this part: standardised in the reused buffers, cast to the dtype, targets encoded."""
        layout = self.layout
        keep = layout.part.mask(chunk.first_row, len(chunk.codes))
        X, codes = (chunk.X, chunk.codes) if keep is None else (chunk.X[keep], chunk.codes[keep])
        out = self._standardised.rows(len(X))
        np.subtract(X, layout.standardizer.mean, out=out)
        np.divide(out, layout.standardizer.scale, out=out)
        if out.dtype != np.dtype(layout.dtype):
            cast = self._cast.rows(len(X))
            cast[...] = out
            out = cast
        if codes.size and codes.max() >= len(layout.class_of_code):
            raise DataError("the file changed while it was being trained on: a label appeared that its first read had not seen", self.reader.where)
        y = layout.class_of_code[codes]
        return InMemoryRows(out, y, layout.loss.encode(y, layout.n_classes, out.dtype))

    def _starts(self) -> np.ndarray:
        """Where each window's rows of this part begin in an epoch's order, plus the end: (windows + 1,)."""
        if self._window_starts is None:
            R, n = self._window_rows, self.layout.n_file_rows
            counts = [self.layout.part.count(lo, min(R, n - lo)) for lo in range(0, n, R)]
            self._window_starts = np.concatenate([[0], np.cumsum(counts, dtype=np.int64)])
        return self._window_starts

    def _shuffled_window(self, w: int, epoch: int, seed: int) -> InMemoryRows:
        """Window w's rows of this part, in memory, in the order (seed, epoch, w) draws."""
        if self._window is None or self._window[0] != (w, epoch, seed):
            lo = w * self._window_rows
            pieces = []
            for chunk in self._cursor.rows(lo, lo + self._window_rows):
                rows = self._prepared(chunk)
                pieces.append((rows.X.copy(), rows.y, rows.T))  # a copy: the next chunk reuses the buffer
            X, y, T = (np.concatenate(arrays) for arrays in zip(*pieces))
            order = np.random.default_rng([seed, epoch, w]).permutation(len(y))
            self._window = ((w, epoch, seed), InMemoryRows(*(gathered_rows(a, order) for a in (X, y, T))))
        return self._window[1]
