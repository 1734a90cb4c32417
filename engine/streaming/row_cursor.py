"""Reads a streamed file's rows range after range, going on from where the last range ended
instead of reopening the file: windows read in file order cost one pass per epoch."""

from __future__ import annotations

from collections.abc import Iterator

from engine.streaming.raw_chunk import ChunkReader, RawChunk


class RowCursor:
    """Hands out the chunks of file rows [lo, hi), cut at hi, keeping the file open for the next range."""

    def __init__(self, reader: ChunkReader) -> None:
        self.reader = reader
        self._chunks: Iterator[RawChunk] | None = None
        self._row = -1
        self._pending: RawChunk | None = None

    def rows(self, lo: int, hi: int) -> Iterator[RawChunk]:
        """Chunks covering rows lo .. hi - 1 in order; use each before asking for the next."""
        if self._chunks is None or self._row != lo:
            self.close()
            self._chunks, self._row = self.reader.chunks(lo), lo
        while self._row < hi:
            chunk = self._pending if self._pending is not None else next(self._chunks, None)
            self._pending = None
            if chunk is None:
                return
            if chunk.end > hi:
                # The rest stays in the reader's buffer: the generator is not advanced until it is used.
                self._pending = chunk.from_row(hi)
                chunk = chunk.until(hi)
            self._row = chunk.end
            yield chunk

    def close(self) -> None:
        if self._chunks is not None:
            self._chunks.close()
        self._chunks, self._pending, self._row = None, None, -1
