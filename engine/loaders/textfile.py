"""A data file's text: size-capped, gunzipped if named .gz, decoded as UTF-8, newlines as "\\n".

Everything that makes a file unusable as text is refused here, where it happens: no bytes,
gzip or zip or binary data under a text name, UTF-16, bytes that are not UTF-8.
"""

from __future__ import annotations

import gzip
import zlib
from pathlib import Path

from engine.errors import DataError
from engine.loaders.limits import format_bytes

GZIP_MAGIC = b"\x1f\x8b"
ZIP_MAGIC = b"PK\x03\x04"


def read_text(path: Path, max_bytes: int) -> str:
    """The whole text of `path` (UTF-8, BOM dropped, CRLF and CR turned into LF)."""
    where = str(path)
    raw = _read_bytes(path, max_bytes)
    if raw.startswith(GZIP_MAGIC):
        raise DataError(f"gzip-compressed data under a plain name: rename it {path.name}.gz, or decompress it", where)
    if raw.startswith(ZIP_MAGIC):
        raise DataError("a zip archive (an .xlsx or .npz file?), not text", where)
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DataError("UTF-16 text: save the file as UTF-8", where)
    nul = raw.find(b"\x00")
    if nul >= 0:
        raise DataError("binary data (a NUL byte), not UTF-8 text", where, *_position(raw, nul))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DataError(
            f"not UTF-8 text (byte 0x{raw[error.start]:02x}): save the file as UTF-8",
            where,
            *_position(raw, error.start),
        ) from None
    if not text or text.isspace():
        raise DataError("empty file", where)
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    """The (decompressed) bytes of `path`; a DataError if there are more than max_bytes."""
    where = str(path)
    too_big = f"more than {format_bytes(max_bytes)} of text, over the memory cap"
    compressed = path.name.lower().endswith(".gz")
    try:
        if not compressed and path.stat().st_size > max_bytes:
            raise DataError(too_big, where)
        with (gzip.open if compressed else open)(path, "rb") as file:
            raw = file.read(max_bytes + 1)  # one byte past the cap is enough to refuse, even a gzip bomb
    except (gzip.BadGzipFile, EOFError, zlib.error) as error:
        raise DataError(f"not a readable gzip file ({error})", where) from None
    except OSError as error:
        raise DataError(f"cannot read the file: {error.strerror or error}", where) from None
    if len(raw) > max_bytes:
        raise DataError(too_big, where)
    return raw


def _position(raw: bytes, offset: int) -> tuple[int, int]:
    """1-based (line, column in characters) of byte `offset`."""
    start = raw.rfind(b"\n", 0, offset) + 1
    return raw.count(b"\n", 0, offset) + 1, len(raw[start:offset].decode("utf-8", errors="replace")) + 1
