"""NumPy .npz archives: arrays X (N, D) numeric and y (N,) labels, read without pickle.

y holds integers, floats or strings. With an optional class_names array (K,) y holds
indices into it; without one its distinct values become the classes (sorted). An optional
feature_names array (D,) names the columns. Every array's header is read and checked first
(engine.loaders.npy_archive): pickled objects, wrong dtypes or shapes, names wider than
MAX_NAME_CHARS and arrays over the memory cap are refused before any array is read.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

import numpy as np

from engine.dataset import Dataset
from engine.errors import DataError
from engine.loaders.cells import check_label
from engine.loaders.labels import encode_labels
from engine.loaders.limits import check_dense_size, over_cap
from engine.loaders.npy_archive import ArrayHeader, BrokenArchive, NpyArchive
from engine.loaders.regular_file import MissingDataFile, NotARegularFile

REQUIRED = ("X", "y")
OPTIONAL = ("class_names", "feature_names")
NAMES = ("y", "class_names", "feature_names")  # arrays whose strings become class or feature names
MAX_NAME_CHARS = 1024  # a class or feature name longer than this is a mistake, not a name
KINDS = {"X": "biuf", "y": "biufUS", "class_names": "US", "feature_names": "US"}


def read_npz(path: Path, *, name: str, max_bytes: int) -> Dataset:
    """The dataset in the .npz archive `path`."""
    where = str(path)
    try:
        with NpyArchive(path) as archive:
            keys = [key for key in (*REQUIRED, *OPTIONAL) if key in archive]
            _check_present(archive, where)
            headers = {key: archive.header(key) for key in keys}
            _check_headers(headers, where, max_bytes)
            arrays = {key: archive.read(key, headers[key]) for key in keys}
    except NotARegularFile as problem:
        raise (MissingDataFile if problem.missing else DataError)(problem.reason, where) from None
    except BrokenArchive as error:
        raise DataError(f"not a readable .npz archive, truncated or corrupt ({error})", where) from None
    n_features = headers["X"].shape[1]
    X = _features(arrays.pop("X"), where)
    y, classes = _labels(arrays.pop("y"), arrays.get("class_names"), where)
    features = _names(arrays.get("feature_names"), n_features, "feature_names", where)
    return Dataset(name, X, y, classes, features or tuple(f"x{j}" for j in range(1, n_features + 1)), where)


def write_npz(dataset: Dataset, file: BinaryIO) -> None:
    """X, y (class indices), class_names and feature_names, all plain arrays (no pickle)."""
    np.savez(
        file,
        X=dataset.X,
        y=dataset.y,
        class_names=np.array(dataset.classes, dtype=str),
        feature_names=np.array(dataset.feature_names, dtype=str),
    )


def _check_present(archive: NpyArchive, where: str) -> None:
    for key in REQUIRED:
        if key not in archive:
            raise DataError(f"no array {key!r}; the archive holds: {', '.join(archive.names()) or 'nothing'}", where)


def _check_headers(headers: dict[str, ArrayHeader], where: str, max_bytes: int) -> None:
    """Refuse, from the headers alone, pickled objects, wrong kinds or shapes, and arrays over the cap."""
    for key, header in headers.items():
        if header.dtype.hasobject:
            raise DataError(
                f"array {key!r} holds pickled Python objects, which are never loaded; "
                "save plain numeric or string arrays",
                where,
            )
        if header.dtype.kind not in KINDS[key] or header.dtype.names is not None:
            wanted = "numbers" if key == "X" else "integers, floats or strings" if key == "y" else "strings"
            raise DataError(f"{key} must hold {wanted}, but its dtype is {header.dtype}", where)
        width = header.dtype.itemsize // (4 if header.dtype.kind == "U" else 1)
        if key in NAMES and header.dtype.kind in "US" and width > MAX_NAME_CHARS:
            raise DataError(
                f"{key} is stored as strings of {width} characters ({header.dtype.str}); "
                f"class and feature names may have at most {MAX_NAME_CHARS}",
                where,
            )
    X_shape, y_shape = headers["X"].shape, headers["y"].shape
    if len(X_shape) != 2 or 0 in X_shape:
        raise DataError(f"X must be 2-D (rows x features) and not empty, but its shape is {X_shape}", where)
    if y_shape != X_shape[:1]:
        raise DataError(f"X has {X_shape[0]} rows but y has shape {y_shape}: one label per row", where)
    check_dense_size(*X_shape, max_bytes, where)
    refusal = over_cap("its arrays need {size} as stored", sum(h.nbytes for h in headers.values()), max_bytes)
    if refusal:
        raise DataError(refusal, where)


def _features(X: np.ndarray, where: str) -> np.ndarray:
    """X as float64 (N, D), refusing non-finite values."""
    X = np.ascontiguousarray(X, dtype=np.float64)
    bad = np.argwhere(~np.isfinite(X))
    if bad.size:
        i, j = bad[0]
        raise DataError(f"X[{i}, {j}] is {X[i, j]}: every feature must be a finite number", where)
    return X


def _labels(y: np.ndarray, class_names: np.ndarray | None, where: str) -> tuple[np.ndarray, tuple[str, ...]]:
    """y (N,) in 0..K-1 and the class names: indices into class_names, else y's distinct values."""
    if class_names is not None:
        classes = _names(class_names, None, "class_names", where)
        if y.dtype.kind not in "iu" or not (y.min() >= 0 and y.max() < len(classes)):
            raise DataError(f"with class_names, y must hold indices 0 to {len(classes) - 1}", where)
        return y.astype(np.intp), classes
    values, codes = np.unique(y, return_inverse=True)

    def first_row(k: int) -> int:
        """The first row of y holding the k-th distinct value (for a message)."""
        return int(np.argmax(codes == k))

    names = []
    for k, value in enumerate(_texts(values, "y", where, first_row)):
        try:
            names.append(check_label(value))
        except ValueError as error:
            raise DataError(f"y[{first_row(k)}]: {error}", where) from None
    return encode_labels(names, codes.reshape(-1), where)


def _names(array: np.ndarray | None, count: int | None, key: str, where: str) -> tuple[str, ...]:
    """The strings of a 1-D string array with `count` entries (any count if None); () if absent."""
    if array is None:
        return ()
    if array.ndim != 1 or (count is not None and array.size != count):
        expected = f"{count} strings" if count is not None else "a 1-D array of strings"
        raise DataError(f"{key} must be {expected}, but it has dtype {array.dtype} and shape {array.shape}", where)
    names = tuple(_texts(array, key, where))
    if len(set(names)) != len(names):
        raise DataError(f"{key} repeats a name", where)
    return names


def _texts(values: np.ndarray, key: str, where: str, row: Callable[[int], int] = int) -> list[str]:
    """The entries of a 1-D array as text: bytes decoded as UTF-8; row(i) is entry i's index for a message."""
    if values.dtype.kind != "S":
        return values.astype(str).tolist()
    texts = []
    for i, raw in enumerate(values.tolist()):
        try:
            texts.append(raw.decode("utf-8"))
        except UnicodeDecodeError as error:
            raise DataError(f"{key}[{row(i)}] is not UTF-8 text (byte 0x{raw[error.start]:02x})", where) from None
    return texts
