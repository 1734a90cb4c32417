"""A data file's text, streamed in blocks of lines: gunzipped if named .gz, decoded as UTF-8.

Only one block (about a megabyte) is in memory at a time, so a reader that parses each
block into a preallocated array needs little more than that array. Lines keep their own
ending ("\\n", "\\r\\n" or "\\r"), as the csv module wants, so that a quoted "\\r" reads back.
Everything that makes a file unusable as text is refused here, where it happens: no text,
gzip or zip or binary data under a text name, UTF-16, bytes that are not UTF-8, more
(decompressed) bytes than the memory cap.
"""

from __future__ import annotations

import gzip
import io
import re
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from engine.errors import DataError
from engine.loaders.limits import over_cap
from engine.loaders.regular_file import open_data_file

GZIP_MAGIC = b"\x1f\x8b"
ZIP_MAGIC = b"PK\x03\x04"
BLOCK_CHARS = 1 << 20  # lines are handed over in blocks of about this many characters
# A NUL byte, or a byte that is not UTF-8 (decoded with surrogateescape to U+DC80..U+DCFF).
NOT_TEXT = re.compile("[\x00\udc80-\udcff]")

Block = tuple[int, list[str]]  # the 1-based number of the block's first line, and its lines


@contextmanager
def text_blocks(path: Path, max_bytes: int) -> Iterator[Iterator[Block]]:
    """The blocks of lines of `path`, leading blank lines left out; DataError at the first unusable byte."""
    where = str(path)
    with open_data_file(path) as file:
        yield _blocks(_decompressed(file, path, max_bytes), where)


def _decompressed(file: BinaryIO, path: Path, max_bytes: int) -> io.BufferedReader:
    """The bytes of `file`, gunzipped if its name ends in .gz, refused past max_bytes."""
    compressed = path.name.lower().endswith(".gz")
    source = gzip.GzipFile(fileobj=file, mode="rb") if compressed else file
    return io.BufferedReader(_Capped(source, max_bytes, str(path)), buffer_size=1 << 16)


class _Capped(io.RawIOBase):
    """A reader that raises a DataError once more than `max_bytes` have come through."""

    def __init__(self, source: BinaryIO, max_bytes: int, where: str) -> None:
        self.source, self.max_bytes, self.where, self.count = source, max_bytes, where, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        try:
            n = self.source.readinto(buffer)
        except (gzip.BadGzipFile, EOFError, zlib.error) as error:
            raise DataError(f"not a readable gzip file ({error})", self.where) from None
        self.count += n
        refusal = over_cap("more than {size} of text", self.count, self.max_bytes)
        if refusal:
            raise DataError(refusal, self.where)
        return n


def _blocks(binary: io.BufferedReader, where: str) -> Iterator[Block]:
    _refuse_other_formats(binary.peek(4)[:4], where)
    text = io.TextIOWrapper(binary, encoding="utf-8-sig", errors="surrogateescape", newline="")
    first = 1
    seen_text = False
    try:
        while lines := text.readlines(BLOCK_CHARS):
            _refuse_bytes_that_are_not_text(lines, first, where)
            if not seen_text:
                blank = 0
                while blank < len(lines) and not lines[blank].strip():
                    blank += 1
                first, lines = first + blank, lines[blank:]
                seen_text = bool(lines)
            if lines:
                yield first, lines
            first += len(lines)
    except OSError as error:
        raise DataError(f"cannot read the file: {error.strerror or error}", where) from None
    if not seen_text:
        raise DataError("empty file", where)


def _refuse_other_formats(head: bytes, where: str) -> None:
    if head.startswith(GZIP_MAGIC):
        name = Path(where).name
        raise DataError(f"gzip-compressed data under a plain name: rename it {name}.gz, or decompress it", where)
    if head.startswith(ZIP_MAGIC):
        raise DataError("a zip archive (an .xlsx or .npz file?), not text", where)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DataError("UTF-16 text: save the file as UTF-8", where)


def _refuse_bytes_that_are_not_text(lines: list[str], first: int, where: str) -> None:
    """DataError at the first NUL byte or byte that is not UTF-8 in the block, by line and column."""
    block = "".join(lines)
    if block.isascii() and "\x00" not in block:
        return
    for number, line in enumerate(lines, start=first):
        bad = NOT_TEXT.search(line)
        if bad is None:
            continue
        char = bad.group()
        if char == "\x00":
            raise DataError("binary data (a NUL byte), not UTF-8 text", where, number, bad.start() + 1)
        raise DataError(
            f"not UTF-8 text (byte 0x{ord(char) - 0xDC00:02x}): save the file as UTF-8", where, number, bad.start() + 1
        )
