"""The memory cap: refuse a file before allocating more than `max_bytes` for it."""

from __future__ import annotations

from engine.errors import DataError

DEFAULT_MAX_BYTES = 2 * 2**30  # 2 GiB: room for 1e6 x 250 float64 values, far beyond a lecture's data


def check_dense_size(n_rows: int, n_features: int, max_bytes: int, path: str) -> None:
    """DataError if an (n_rows, n_features) float64 matrix would need more than `max_bytes`."""
    need = n_rows * n_features * 8
    if need > max_bytes:
        raise DataError(
            f"{n_rows} rows x {n_features} features need {format_bytes(need)} as float64, "
            f"more than the memory cap of {format_bytes(max_bytes)}",
            path,
        )


def format_bytes(n: float) -> str:
    """A byte count for people: '512 B', '80.0 KiB', '2.0 GiB'."""
    units = ("B", "KiB", "MiB", "GiB", "TiB")
    k = 0
    while n >= 1024 and k < len(units) - 1:
        n, k = n / 1024, k + 1
    return f"{n:.0f} B" if k == 0 else f"{n:.1f} {units[k]}"
