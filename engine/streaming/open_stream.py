"""A Trainer on a file read chunk by chunk, and what a run needs besides: the classes, the feature
names, the streamed Standardizer (so the saved model predicts as any other) and a bounded sample.

Which files stream: .npy (labels in the last column, or the --target index), .csv and .csv.gz
(as engine.loaders reads them), .parquet. The validation split is engine.row_split's hash of the
row index and the seed (not stratified, unlike the in-memory split): its rows are held in memory
when they fit in scan.VAL_IN_MEMORY_BYTES, else streamed like the training rows.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from engine.dataset import Dataset, Standardizer
from engine.errors import DataError
from engine.losses import get_loss
from engine.pipeline import PreparedData
from engine.streaming.csv_chunks import CsvChunks
from engine.streaming.npy_chunks import NpyChunks
from engine.streaming.parquet_chunks import ParquetChunks
from engine.streaming.raw_chunk import ChunkReader
from engine.streaming.row_part import RowPart
from engine.streaming.scan import FileSummary, scan
from engine.streaming.streamed_rows import StreamedLayout, StreamedRows
from engine.train_config import TrainConfig
from engine.trainer import Trainer
from engine.training_rows import InMemoryRows, TrainingRows

READERS = {".npy": NpyChunks, ".csv": CsvChunks, ".csv.gz": CsvChunks, ".parquet": ParquetChunks}


@dataclass(frozen=True)
class StreamedRun:
    """A trainer on a streamed file; `sample` holds at most scan.SAMPLE_ROWS raw training rows, and
    `prepared` the same rows standardised, with the file's classes, names and standardizer."""

    trainer: Trainer
    sample: Dataset
    prepared: PreparedData


def file_kind(path: str | Path) -> str | None:
    """The ending that makes `path` streamable (a key of READERS), or None."""
    name = Path(path).name.lower()
    return next((kind for kind in sorted(READERS, key=len, reverse=True) if name.endswith(kind)), None)


@dataclass(frozen=True)
class ScannedFile:
    """A streamable file after its one pass (scan.py): its reader, split and findings."""

    reader: ChunkReader
    part: RowPart
    summary: FileSummary
    name: str

    @property
    def sample(self) -> Dataset:
        """The sample of raw training rows, with the file's classes and feature names."""
        X, codes = self.summary.sample
        return Dataset(self.name, X, self.summary.class_of_code[codes], self.summary.classes, self.reader.feature_names, self.reader.where)


def scan_file(path: str | Path, *, target: str | None = None, val_split: float = 0.0, seed: int = 0) -> ScannedFile:
    """Open `path` for streaming and read it once, split into training and validation rows by (val_split, seed)."""
    kind = file_kind(path)
    if kind is None:
        raise DataError(f"only {', '.join(READERS)} files can be streamed", str(path))
    reader: ChunkReader = READERS[kind](Path(path), target)
    part = RowPart(seed, val_split)
    return ScannedFile(reader, part, scan(reader, part), Path(path).name[: -len(kind)])


def open_streamed(
    path: str | Path,
    config: TrainConfig,
    *,
    target: str | None = None,
    val_split: float = 0.0,
    standardize: bool = True,
    positive_class: str | None = None,
) -> StreamedRun:
    """One pass over the file for its statistics, then a Trainer whose every pass reads the file again."""
    scanned = scan_file(path, target=target, val_split=val_split, seed=config.seed)
    return streamed_run(scanned, config, standardize=standardize, positive_class=positive_class)


def streamed_run(scanned: ScannedFile, config: TrainConfig, *, standardize: bool = True, positive_class: str | None = None) -> StreamedRun:
    """A Trainer on a scanned file (split by the seed it was scanned with), one-vs-rest if `positive_class`."""
    reader, summary = scanned.reader, scanned.summary
    class_of_code, classes = _one_vs_rest(summary, positive_class, reader.where)
    moments = summary.moments
    standardizer = (
        Standardizer.of_moments(moments.mean, moments.std, moments.constant, reader.feature_names, reader.where)
        if standardize
        else Standardizer.identity(len(reader.feature_names))
    )
    loss = get_loss(config.loss)
    layout = StreamedLayout(
        scanned.part, standardizer, class_of_code, len(classes), loss, config.dtype, summary.n_train, summary.n_file_rows, moments.std, moments.mean
    )
    trainer = Trainer.on_rows(StreamedRows(reader, layout), len(classes), config, _validation(reader, layout, summary))
    name = scanned.name + (f" ({positive_class} vs rest)" if positive_class else "")
    raw = scanned.sample
    sample = Dataset(name, raw.X, class_of_code[summary.sample[1]], classes, reader.feature_names, reader.where)
    prepared = PreparedData(replace(sample, X=standardizer.transform(raw.X)), None, standardizer, positive_class)
    return StreamedRun(trainer, sample, prepared)


def _one_vs_rest(summary: FileSummary, positive_class: str | None, where: str) -> tuple[np.ndarray, tuple[str, ...]]:
    """(label code -> class, class names): the file's classes, or `not P` (0) and P (1)."""
    if positive_class is None:
        return summary.class_of_code, summary.classes
    if positive_class not in summary.classes:
        raise DataError(f"no class {positive_class!r}; the classes are: {', '.join(summary.classes)}", where)
    positive = summary.classes.index(positive_class)
    return (summary.class_of_code == positive).astype(np.intp), (f"not {positive_class}", positive_class)


def _validation(reader: ChunkReader, layout: StreamedLayout, summary: FileSummary) -> TrainingRows | None:
    """The validation rows: None without any, in memory when the scan kept them, else streamed."""
    if summary.n_val == 0:
        return None
    if summary.val is None:
        return StreamedRows(reader, replace(layout, part=replace(layout.part, validation=True), n_rows=summary.n_val))
    X, codes = summary.val
    return InMemoryRows.of(layout.standardizer.transform(X), layout.class_of_code[codes], layout.loss, layout.n_classes, layout.dtype)
