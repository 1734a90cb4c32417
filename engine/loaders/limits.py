"""The memory cap: refuse a file before allocating more than `max_bytes` for it.

The cap is 2 GiB unless the environment variable TUI_CLF_MAX_BYTES says otherwise (a number
of bytes, or with a unit: 512M, 8G, 1.5GiB). Every size a file declares (rows x features,
an svmlight index, an array's shape and string width, decompressed bytes) is checked
against it before that much is allocated or read.
"""

from __future__ import annotations

import math
import os
import re

from engine.errors import ConfigError, DataError

DEFAULT_MAX_BYTES = 2 * 2**30  # 2 GiB: room for 1e6 x 250 float64 values, far beyond a lecture's data
MAX_BYTES_VARIABLE = "TUI_CLF_MAX_BYTES"
UNITS = {"": 1, "k": 2**10, "m": 2**20, "g": 2**30, "t": 2**40}


def memory_cap() -> int:
    """The cap in bytes: TUI_CLF_MAX_BYTES if set, else DEFAULT_MAX_BYTES; ConfigError if it is not a size."""
    setting = os.environ.get(MAX_BYTES_VARIABLE, "").strip()
    if not setting:
        return DEFAULT_MAX_BYTES
    size = parse_size(setting)
    if size is None:
        raise ConfigError(f"{MAX_BYTES_VARIABLE}={setting!r} is not a size: write bytes, or 512M, 8G, 1.5GiB")
    return size


def parse_size(setting: str) -> int | None:
    """Bytes written as a number with an optional unit (512M, 8G, 1.5GiB); None if it is not a size of at least 1 byte."""
    match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?", setting.strip().lower())
    if match is None or float(match[1]) * UNITS[match[2]] < 1:
        return None
    return int(float(match[1]) * UNITS[match[2]])


def over_cap(needs: str, need: int, max_bytes: int) -> str | None:
    """The refusal when something needs `need` bytes, more than the cap; None when it fits.

    needs: what needs them, with "{size}" where the size goes ("X needs {size}").
    """
    if need <= max_bytes:
        return None
    return (
        f"{needs.format(size=format_bytes(need))}, over the memory cap of {format_bytes(max_bytes)} "
        f"(set {MAX_BYTES_VARIABLE}, e.g. {MAX_BYTES_VARIABLE}={_suggest(need)}, to raise it)"
    )


def check_dense_size(n_rows: int, n_features: int, max_bytes: int, path: str, *, so_far: bool = False) -> None:
    """DataError if an (n_rows, n_features) float64 matrix would need more than `max_bytes`.

    so_far: the file is still being read, and has at least n_rows rows.
    """
    rows = f"the first {n_rows} rows" if so_far else f"{n_rows} rows"
    needs = f"{rows} x {n_features} features need {{size}} as float64"
    refusal = over_cap(needs, n_rows * n_features * 8, max_bytes)
    if refusal:
        raise DataError(refusal, path)


def format_bytes(n: float) -> str:
    """A byte count for people: '512 B', '80.0 KiB', '2.0 GiB'."""
    units = ("B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB")
    k = 0
    while n >= 1024 and k < len(units) - 1:
        n, k = n / 1024, k + 1
    return f"{n:.0f} B" if k == 0 else f"{n:.1f} {units[k]}"


def _suggest(need: int) -> str:
    """A cap that would admit `need` bytes, rounded up to whole MiB or GiB: '64M', '3G'."""
    if need < 2**30:
        return f"{math.ceil(need / 2**20)}M"
    return f"{math.ceil(need / 2**30)}G"
