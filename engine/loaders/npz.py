"""NumPy .npz archives: arrays X (N, D) numeric and y (N,) labels, read without pickle.

y holds integers, floats or strings. With an optional class_names array (K,) y holds
indices into it; without one its distinct values become the classes (sorted). An optional
feature_names array (D,) names the columns. Array headers are read first, so an object
array (pickled Python objects) or an X over the memory cap is refused before loading.
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path
from typing import BinaryIO

import numpy as np

from engine.dataset import Dataset
from engine.errors import DataError
from engine.loaders.cells import check_label
from engine.loaders.labels import encode_labels
from engine.loaders.limits import check_dense_size

REQUIRED = ("X", "y")
OPTIONAL = ("class_names", "feature_names")
READ_HEADER = {(1, 0): np.lib.format.read_array_header_1_0}  # versions 2.0 and 3.0 share the 2.0 layout


def read_npz(path: Path, *, name: str, max_bytes: int) -> Dataset:
    """The dataset in the .npz archive `path`."""
    where = str(path)
    headers = _headers(path)
    keys = [key for key in (*REQUIRED, *OPTIONAL) if key in headers]
    _check_headers(headers, keys, where)
    n_rows, n_features = headers["X"][0]
    check_dense_size(n_rows, n_features, max_bytes, where)
    arrays = _load(path, keys)
    X = _features(arrays["X"], where)
    y, classes = _labels(arrays["y"], arrays.get("class_names"), where)
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


def _headers(path: Path) -> dict[str, tuple[tuple[int, ...], np.dtype]]:
    """Shape and dtype of each array in the archive, read from the .npy headers alone."""
    where = str(path)
    headers = {}
    try:
        with zipfile.ZipFile(path) as archive:
            for member in archive.namelist():
                with archive.open(member) as file:
                    version = np.lib.format.read_magic(file)
                    read_header = READ_HEADER.get(version, np.lib.format.read_array_header_2_0)
                    shape, _, dtype = read_header(file)
                headers[member.removesuffix(".npy")] = (shape, dtype)
    except (zipfile.BadZipFile, EOFError, ValueError, zlib.error) as error:
        raise DataError(f"not a readable .npz archive, truncated or corrupt ({error})", where) from None
    except OSError as error:
        raise DataError(f"cannot read the file: {error.strerror or error}", where) from None
    return headers


def _check_headers(headers: dict[str, tuple[tuple[int, ...], np.dtype]], keys: list[str], where: str) -> None:
    """Refuse, from the headers alone, a missing X or y, pickled objects, or shapes that do not fit."""
    for key in REQUIRED:
        if key not in headers:
            raise DataError(f"no array {key!r}; the archive holds: {', '.join(sorted(headers)) or 'nothing'}", where)
    for key in keys:
        if headers[key][1].hasobject:
            raise DataError(
                f"array {key!r} holds pickled Python objects, which are never loaded; "
                "save plain numeric or string arrays",
                where,
            )
    X_shape, y_shape = headers["X"][0], headers["y"][0]
    if len(X_shape) != 2 or 0 in X_shape:
        raise DataError(f"X must be 2-D (rows x features) and not empty, but its shape is {X_shape}", where)
    if y_shape != X_shape[:1]:
        raise DataError(f"X has {X_shape[0]} rows but y has shape {y_shape}: one label per row", where)


def _load(path: Path, keys: list[str]) -> dict[str, np.ndarray]:
    where = str(path)
    try:
        with np.load(path, allow_pickle=False) as archive:
            return {key: archive[key] for key in keys}
    except (zipfile.BadZipFile, EOFError, ValueError, zlib.error) as error:
        raise DataError(f"not a readable .npz archive, truncated or corrupt ({error})", where) from None
    except OSError as error:
        raise DataError(f"cannot read the file: {error.strerror or error}", where) from None


def _features(X: np.ndarray, where: str) -> np.ndarray:
    """X as float64 (N, D), refusing non-numeric or non-finite values."""
    if X.dtype.kind not in "biuf":
        raise DataError(f"X must hold numbers, but its dtype is {X.dtype}", where)
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
    if y.dtype.kind not in "biufUS":
        raise DataError(f"y must hold integers, floats or strings, but its dtype is {y.dtype}", where)
    values, codes = np.unique(y, return_inverse=True)
    names = []
    for value in values.astype(str).tolist():
        try:
            names.append(check_label(value))
        except ValueError as error:
            raise DataError(f"y[{int(np.argmax(y.astype(str) == value))}]: {error}", where) from None
    return encode_labels(names, codes, where)


def _names(array: np.ndarray | None, count: int | None, key: str, where: str) -> tuple[str, ...]:
    """The strings of a 1-D string array with `count` entries (any count if None); () if absent."""
    if array is None:
        return ()
    if array.dtype.kind not in "US" or array.ndim != 1 or (count is not None and array.size != count):
        expected = f"{count} strings" if count is not None else "a 1-D array of strings"
        raise DataError(f"{key} must be {expected}, but it has dtype {array.dtype} and shape {array.shape}", where)
    names = tuple(array.astype(str).tolist())
    if len(set(names)) != len(names):
        raise DataError(f"{key} repeats a name", where)
    return names
