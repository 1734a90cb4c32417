"""The datasets shipped in sample_data/, addressable by name (`--data iris`).

The files are found with importlib.resources in the package engine.sample_data (a link to
the repository's sample_data/), so they load the same from a checkout, an editable install
or a wheel. Names match with `-` and `_` alike: breast-cancer is breast_cancer.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from importlib.resources import as_file, files
from importlib.resources.abc import Traversable
from pathlib import Path

from engine.atomic import write_atomically
from engine.dataset import Dataset
from engine.errors import DataError
from engine.loaders.csv_format import read_csv
from engine.loaders.limits import DEFAULT_MAX_BYTES

# Each description is true of `tui-clf train --data NAME` at the default settings
# (tests/engine/test_bundled_descriptions.py trains each one and checks every claim).
BUNDLED: dict[str, str] = {
    "iris": "Fisher's irises: 4 measurements, 3 species (softmax or --positive-class); setosa is linearly separable from the rest",
    "breast_cancer": "Wisconsin diagnostic breast cancer: 30 features on scales five orders of magnitude apart",
    "wine": "three cultivars of Italian wine (softmax) from 13 chemical measurements on scales three orders of magnitude apart",
    "blobs": "two Gaussian blobs with a gap between them: linearly separable",
    "blobs-overlap": "two overlapping Gaussian blobs: no line separates them; about 1 point in 10 lies across the best one",
    "blobs-outliers": "separable blobs and far, correct points that drag squared error's line into the blobs, cross-entropy's much less",
    "blobs-noisy": "separable blobs with 15% of the labels flipped: the best line gets about 85% right",
    "xor": "four clusters in an XOR pattern: no line beats guessing, training ends near 50% wrong",
    "rings": "a disc inside a ring: no line separates them, training ends near 50% wrong",
    "three-blobs": "three Gaussian blobs, three classes: for softmax, which gets about 98% right",
}

# The app's first screen: cross-entropy settles on a visible boundary with errors on both sides.
DEFAULT_DATASET = "blobs-overlap"


@dataclass(frozen=True)
class BundledInfo:
    """One line of `tui-clf datasets`."""

    name: str
    rows: int
    features: int
    classes: tuple[str, ...]
    description: str


def bundled_name(spec: str) -> str | None:
    """The bundled dataset `spec` names (with - and _ alike), or None."""
    wanted = spec.lower().replace("_", "-")
    return next((name for name in BUNDLED if name.replace("_", "-") == wanted), None)


def bundled_file(name: str) -> Traversable:
    """The CSV file of the bundled dataset `name`."""
    return files("engine.sample_data") / f"{name}.csv"


def load_bundled(spec: str, *, target: str | int | None = None) -> Dataset:
    """The bundled dataset `spec` names; its source is its name."""
    name = bundled_name(spec)
    if name is None:
        raise DataError(f"no bundled dataset {spec!r}; there are: {', '.join(BUNDLED)}")
    with as_file(bundled_file(name)) as path:
        dataset = read_csv(path, name=name, target=target, max_bytes=DEFAULT_MAX_BYTES)
    return replace(dataset, source=name)


def list_bundled() -> list[BundledInfo]:
    """Every bundled dataset with its size and classes, in the order of BUNDLED."""
    infos = []
    for name, description in BUNDLED.items():
        dataset = load_bundled(name)
        infos.append(BundledInfo(name, dataset.n_rows, dataset.n_features, dataset.classes, description))
    return infos


def export_bundled(folder: str | os.PathLike, *, overwrite: bool = False) -> list[Path]:
    """Copy every bundled dataset's CSV file into `folder` (made if missing) as NAME.csv; the paths written.

    Each file is the bundled one byte for byte (its own label column name included), written
    atomically (engine.atomic). FileExistsError naming the first file already there, before any
    is written, unless `overwrite`; OSError when the folder or a file cannot be written.
    """
    folder = Path(folder)
    targets = {name: folder / f"{name}.csv" for name in BUNDLED}
    if not overwrite:
        there = next((path for path in targets.values() if os.path.lexists(path)), None)
        if there is not None:
            raise FileExistsError(f"{there}: already exists; --force overwrites the bundled datasets' files")
    folder.mkdir(parents=True, exist_ok=True)
    for name, path in targets.items():
        content = bundled_file(name).read_bytes()
        write_atomically(path, lambda file: file.write(content))
    return list(targets.values())
