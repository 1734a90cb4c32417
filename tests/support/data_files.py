"""Helpers for the dataset tests: write a file, and expect load_dataset to refuse it properly."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.data import load_dataset
from engine.errors import DataError


def write(folder: Path, name: str, content: str | bytes) -> Path:
    """folder/name holding `content` (str is written as UTF-8, byte for byte, newlines untouched)."""
    path = folder / name
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


def refusal(path: Path, *, line: int | None = None, column: int | None = None, says: str = "", **options) -> DataError:
    """load_dataset(path) must raise a DataError naming the file, pointing at exactly (line, column)."""
    with pytest.raises(DataError) as caught:
        load_dataset(path, **options)
    error = caught.value
    assert error.path == str(path)
    assert str(error).startswith(str(path))
    assert (error.line, error.column) == (line, column), str(error)
    assert says in error.message, str(error)
    return error
