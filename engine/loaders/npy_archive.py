"""Arrays in an .npz archive, read without pickle and without trusting the sizes it declares.

np.load would inflate a member, or allocate what its header claims, before anyone could
look at the shape. Here each member's .npy header is read first (magic, version, a header
of bounded length, parsed by numpy.lib.format); the caller checks shapes, dtypes and the
total against the memory cap from `header` alone; `read` then fills a preallocated array
with exactly the bytes the header declares, streamed from the member, so a member that
inflates to more is never inflated past them. Used by data files (engine.loaders.npz) and
model files (engine.model_file).
"""

from __future__ import annotations

import io
import math
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from engine.loaders.regular_file import open_regular_file

MAGIC = b"\x93NUMPY"
LENGTH_FORMAT = {1: "<H", 2: "<I", 3: "<I"}  # how each .npy major version stores the header's length
MAX_HEADER_BYTES = 10_000  # numpy's own limit for a header it will parse
CHUNK_BYTES = 1 << 20
# What a broken zip or .npy member raises from zipfile, zlib or numpy.lib.format.
BROKEN = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    ValueError,
    OSError,
    NotImplementedError,
    RuntimeError,
    struct.error,
    OverflowError,
    RecursionError,
)


class BrokenArchive(Exception):
    """The archive, or one of its members, cannot be read; the message says why."""


class NotAnArchive(BrokenArchive):
    """The file is not a zip archive at all."""


@dataclass(frozen=True)
class ArrayHeader:
    """What a member's .npy header declares: shape, dtype, and whether it is stored column-major."""

    shape: tuple[int, ...]
    dtype: np.dtype
    fortran_order: bool

    @property
    def nbytes(self) -> int:
        """The bytes the array would take (an empty dtype counted as 1 byte per element)."""
        return math.prod(self.shape) * max(self.dtype.itemsize, 1)


class NpyArchive:
    """An open .npz archive of a regular file; use as a context manager.

    Raises regular_file.NotARegularFile for a path that is not a regular file, and
    BrokenArchive for anything unreadable inside it.
    """

    def __init__(self, path: Path) -> None:
        self.file = open_regular_file(path)
        try:
            self.zip = zipfile.ZipFile(self.file)
        except BROKEN as error:
            self.file.close()
            raise NotAnArchive(f"not a zip archive: {_reason(error)}") from None
        self.members = {info.filename.removesuffix(".npy"): info for info in self.zip.infolist()}

    def __enter__(self) -> NpyArchive:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.zip.close()
        self.file.close()

    def __contains__(self, name: str) -> bool:
        return name in self.members

    def names(self) -> list[str]:
        return sorted(self.members)

    def header(self, name: str) -> ArrayHeader:
        """The header of array `name` (which must be in the archive), read from its first bytes alone."""
        try:
            with self.zip.open(self.members[name]) as member:
                return _read_header(member, name)
        except BROKEN as error:
            raise BrokenArchive(f"array {name!r}: {_reason(error)}") from None

    def read(self, name: str, header: ArrayHeader) -> np.ndarray:
        """Array `name`: exactly header.nbytes bytes after its header, into an array allocated for them.

        The caller has checked `header` (this member's) against the memory cap.
        """
        if header.dtype.hasobject:  # raw bytes into object pointers would be memory corruption, not data
            raise BrokenArchive(f"array {name!r} holds pickled Python objects, which are never loaded")
        try:
            with self.zip.open(self.members[name]) as member:
                _read_header(member, name)
                flat = np.empty(math.prod(header.shape), header.dtype)
                _fill(flat, member, name)
                member.read(1)  # reaching the member's end makes zipfile check its CRC
        except BROKEN as error:
            raise BrokenArchive(f"array {name!r}: {_reason(error)}") from None
        if header.fortran_order:
            return flat.reshape(header.shape[::-1]).transpose()
        return flat.reshape(header.shape)


def _read_header(member: io.BufferedIOBase, name: str) -> ArrayHeader:
    prefix = member.read(len(MAGIC) + 2)
    if len(prefix) < len(MAGIC) + 2 or not prefix.startswith(MAGIC):
        raise BrokenArchive(f"{name!r} is not a NumPy array (no .npy header)")
    major = prefix[len(MAGIC)]
    if major not in LENGTH_FORMAT:
        raise BrokenArchive(f"array {name!r} has .npy format version {major}, which is not known")
    length_field = member.read(struct.calcsize(LENGTH_FORMAT[major]))
    (length,) = struct.unpack(LENGTH_FORMAT[major], length_field)
    if length > MAX_HEADER_BYTES:
        raise BrokenArchive(f"array {name!r} has a header of {length} bytes, more than {MAX_HEADER_BYTES}")
    text = member.read(length)
    parse = np.lib.format.read_array_header_1_0 if major == 1 else np.lib.format.read_array_header_2_0
    shape, fortran_order, dtype = parse(io.BytesIO(length_field + text))
    if any(n < 0 for n in shape):
        raise BrokenArchive(f"array {name!r} declares a negative shape {shape}")
    return ArrayHeader(tuple(shape), dtype, bool(fortran_order))


def _fill(target: np.ndarray, member: io.BufferedIOBase, name: str) -> None:
    """Fill the bytes of `target` from `member`, a chunk at a time; BrokenArchive if it ends first."""
    view = memoryview(target.view(np.uint8)) if target.nbytes else memoryview(b"")
    done = 0
    while done < len(view):
        n = member.readinto(view[done : done + CHUNK_BYTES])
        if not n:
            raise BrokenArchive(f"array {name!r} is cut short: {done} of {len(view)} bytes")
        done += n


def _reason(error: BaseException) -> str:
    """A broken archive's error in a few words, for the one-line message."""
    if isinstance(error, BrokenArchive):
        return str(error)
    if isinstance(error, RecursionError):
        return "its header nests too deeply"
    text = str(error)
    return text if len(text) <= 200 else text[:200] + "..."
