"""Shell completion for values no type can tell typer: dataset names, data files, tour stops.

Losses, optimizers and dtypes are Enums, which typer completes by itself. `--data` takes a
bundled name or a path: it completes to the bundled names, then to the folders and the data
files (the formats engine.data reads) whose path starts with what is typed.
"""

from __future__ import annotations

import os
from pathlib import Path

from engine import BUNDLED
from engine.data import FORMATS, SELF_COMPRESSED
from tui_clf.views.tour import STOP_IDS


def is_data_file(name: str) -> bool:
    """True when engine.data would read a file of this name: data.csv, data.csv.gz, data.parquet."""
    compressed = name.lower().endswith(".gz")
    kind = FORMATS.get(Path(name[:-3] if compressed else name).suffix.lower())
    return kind is not None and not (compressed and kind in SELF_COMPRESSED)


def complete_data(incomplete: str) -> list[str]:
    """Bundled dataset names starting with `incomplete`, then matching folders (with a trailing /) and data files."""
    names = [name for name in BUNDLED if name.startswith(incomplete)]
    folder, slash, prefix = incomplete.rpartition("/")
    folder += slash
    try:
        entries = sorted(os.scandir(folder or "."), key=lambda entry: entry.name)
    except OSError:
        return names
    shown = prefix.startswith(".")  # hidden files only when asked for, as the shell does
    for entry in entries:
        if not entry.name.startswith(prefix) or (entry.name.startswith(".") and not shown):
            continue
        if entry.is_dir():
            names.append(f"{folder}{entry.name}/")
        elif is_data_file(entry.name):
            names.append(f"{folder}{entry.name}")
    return names


def complete_stop(incomplete: str) -> list[str]:
    """The tour's stop ids starting with `incomplete`."""
    return [stop for stop in STOP_IDS if stop.startswith(incomplete)]
