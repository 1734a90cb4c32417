"""Archives whose .npy headers declare what the test wants, without allocating it."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import numpy as np


def npy_header(shape: tuple[int, ...], descr: str) -> bytes:
    """The .npy bytes before the data of an array of `shape` and dtype `descr` ('<U100000000', '<f8')."""
    buffer = io.BytesIO()
    np.lib.format.write_array_header_1_0(buffer, {"descr": descr, "fortran_order": False, "shape": shape})
    return buffer.getvalue()


def write_archive(path: Path, members: dict[str, bytes | np.ndarray], *, compressed: bool = False) -> Path:
    """An .npz at `path`: each member an array (saved as np.save would) or raw bytes as given."""
    method = zipfile.ZIP_DEFLATED if compressed else zipfile.ZIP_STORED
    with zipfile.ZipFile(path, "w", method) as archive:
        for name, content in members.items():
            if isinstance(content, np.ndarray):
                buffer = io.BytesIO()
                np.lib.format.write_array(buffer, content, allow_pickle=False)
                content = buffer.getvalue()
            archive.writestr(f"{name}.npy", content)
    return path
