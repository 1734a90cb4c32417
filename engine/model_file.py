"""Model files: a NumPy .npz with no pickled objects, written atomically.

Arrays: W (K, D), b (K,), mean (D,), scale (D,), and `meta`, a 0-d string holding JSON
(format version, loss, classes, feature names, positive class). Reading uses
engine.loaders.npy_archive, which never unpickles and checks every declared size first;
writes are atomic (engine.atomic), so an interrupted save leaves the old file intact.
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from engine.atomic import write_atomically
from engine.dataset import Standardizer
from engine.errors import ModelFileError
from engine.loaders.limits import memory_cap, over_cap
from engine.loaders.npy_archive import ArrayHeader, BrokenArchive, NotAnArchive, NpyArchive
from engine.loaders.regular_file import NotARegularFile
from engine.losses import LOSSES
from engine.model import LinearModel
from engine.objective import Params

FORMAT = "tui-clf-model"
VERSION = 1
NUMERIC = ("W", "b", "mean", "scale")


def save_model(model: LinearModel, path: str | os.PathLike) -> None:
    """Write `model` to `path` (.npz) atomically; ModelFileError if the folder is not writable."""
    path = Path(path)
    meta = {
        "format": FORMAT,
        "version": VERSION,
        "loss": model.loss_name,
        "classes": list(model.classes),
        "feature_names": list(model.feature_names),
        "positive_class": model.positive_class,
        "l2": model.l2,
    }
    arrays = {
        "W": model.params.W,
        "b": model.params.b,
        "mean": model.standardizer.mean,
        "scale": model.standardizer.scale,
        "meta": np.array(json.dumps(meta)),
    }
    try:
        write_atomically(path, lambda f: np.savez(f, **arrays))
    except OSError as e:
        raise ModelFileError(f"{path}: cannot write the model: {e.strerror or e}") from None


def load_model(path: str | os.PathLike, *, max_bytes: int | None = None) -> LinearModel:
    """Read a model written by save_model; ModelFileError naming the file if it is not one.

    Nothing is trusted before it is checked: the arrays' headers first (dtypes, and their
    total size against the memory cap, max_bytes or engine.loaders.limits.memory_cap()),
    then the metadata, then the shapes it implies, and only then are the weights read.
    """
    path = Path(path)
    max_bytes = memory_cap() if max_bytes is None else max_bytes
    try:
        with NpyArchive(path) as archive:
            headers = _headers(archive, path, max_bytes)
            meta = _metadata(archive.read("meta", headers["meta"]), path)
            _check_shapes(headers, meta, path)
            W, b, mean, scale = (_as_float(archive.read(k, headers[k])) for k in NUMERIC)
    except NotARegularFile as problem:
        raise ModelFileError(f"{path}: {'no such model file' if problem.missing else problem.reason}") from None
    except NotAnArchive:
        raise ModelFileError(f"{path}: not a model file (tui-clf models are .npz archives)") from None
    except BrokenArchive as error:
        raise ModelFileError(f"{path}: not a readable model file ({error})") from None
    if not all(np.isfinite(a).all() for a in (W, b, mean, scale)):
        raise ModelFileError(f"{path}: the model holds non-finite weights")
    if not (scale > 0).all():
        raise ModelFileError(f"{path}: the model's standardisation divides by zero or a negative scale")
    return LinearModel(
        params=Params(W, b),
        loss_name=meta.loss,
        classes=meta.classes,
        feature_names=meta.features,
        standardizer=Standardizer(mean, scale),
        positive_class=meta.positive_class,
        l2=meta.l2,
    )


@dataclass(frozen=True)
class _Metadata:
    loss: str
    classes: tuple[str, ...]
    features: tuple[str, ...]
    positive_class: str | None
    l2: float


def _headers(archive: NpyArchive, path: Path, max_bytes: int) -> dict[str, ArrayHeader]:
    """Every array's header, refused for a missing array, a wrong dtype, or a total over the memory cap."""
    for name in (*NUMERIC, "meta"):
        if name not in archive:
            raise ModelFileError(f"{path}: not a tui-clf model (no array {name!r})")
    headers = {name: archive.header(name) for name in (*NUMERIC, "meta")}
    for name, header in headers.items():
        if header.dtype.hasobject:
            raise ModelFileError(f"{path}: holds pickled objects, which tui-clf never loads")
        wanted = "US" if name == "meta" else "iuf"
        if header.dtype.kind not in wanted or header.dtype.names is not None:
            kind = "a JSON string" if name == "meta" else "numbers"
            raise ModelFileError(f"{path}: the model's {name} must hold {kind}, but its dtype is {header.dtype}")
    if headers["meta"].shape != ():
        raise ModelFileError(f"{path}: the model's meta must be one string, but its shape is {headers['meta'].shape}")
    needs = f"its arrays need {{size}} (W has shape {headers['W'].shape})"
    refusal = over_cap(needs, sum(header.nbytes for header in headers.values()), max_bytes)
    if refusal:
        raise ModelFileError(f"{path}: {refusal}")
    return headers


def _metadata(meta: np.ndarray, path: Path) -> _Metadata:
    """The metadata JSON, checked key by key; ModelFileError at the first value that is not what it must be."""
    try:
        text = meta.item().decode("utf-8") if meta.dtype.kind == "S" else str(meta.item())
        fields = json.loads(text)
    except UnicodeDecodeError:
        raise ModelFileError(f"{path}: the model's metadata is not UTF-8 text") from None
    except json.JSONDecodeError:
        raise ModelFileError(f"{path}: the model's metadata is not valid JSON") from None
    except ValueError:
        raise ModelFileError(f"{path}: the model's metadata holds a number too long to read") from None
    except RecursionError:
        raise ModelFileError(f"{path}: the model's metadata is nested too deeply to be a tui-clf model") from None
    if not isinstance(fields, dict) or fields.get("format") != FORMAT:
        raise ModelFileError(f"{path}: not a tui-clf model file")
    version = fields.get("version")
    if type(version) is not int or version != VERSION:
        raise ModelFileError(f"{path}: model format version {_brief(version)} is not supported (this tui-clf reads {VERSION})")
    loss, classes, features = fields.get("loss"), fields.get("classes"), fields.get("feature_names")
    if not isinstance(loss, str) or loss not in LOSSES:
        raise ModelFileError(f"{path}: unknown loss {_brief(loss)} in the model file")
    if not (_strings(classes) and _strings(features)):
        raise ModelFileError(f"{path}: the model's class or feature names are missing")
    positive = fields.get("positive_class")
    l2 = fields.get("l2", 0.0)  # models saved before the cost included the L2 term have none
    if isinstance(l2, bool) or not isinstance(l2, (int, float)) or not (math.isfinite(l2) and l2 >= 0):
        raise ModelFileError(f"{path}: the model's l2 is not a finite number >= 0")
    if not (positive is None or isinstance(positive, str)):
        raise ModelFileError(f"{path}: the model's positive class is not a name")
    binary = not LOSSES[loss].multiclass
    if (binary and len(classes) != 2) or len(classes) < 2:
        needed = "two" if binary else "at least two"
        raise ModelFileError(f"{path}: a {loss} model needs {needed} classes, not {len(classes)}")
    return _Metadata(loss, tuple(classes), tuple(features), positive, float(l2))


def _check_shapes(headers: dict[str, ArrayHeader], meta: _Metadata, path: Path) -> None:
    """The shapes the headers declare against those the metadata implies, before any weight is read."""
    n_outputs = len(meta.classes) if LOSSES[meta.loss].multiclass else 1
    n_features = len(meta.features)
    expected = {"W": (n_outputs, n_features), "b": (n_outputs,), "mean": (n_features,), "scale": (n_features,)}
    for name, shape in expected.items():
        if headers[name].shape != shape:
            raise ModelFileError(
                f"{path}: the weights' shapes do not match the model's classes and features "
                f"({name} has shape {headers[name].shape}, not {shape})"
            )


def _as_float(array: np.ndarray) -> np.ndarray:
    """float32 and float64 weights as they are; any other numbers as float64."""
    return array if array.dtype in (np.float32, np.float64) else array.astype(np.float64)


def _brief(value: object) -> str:
    """A value from the metadata for a message: short, whatever it holds."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**18:
        return f"(a number of {len(str(abs(value)))} digits)"  # json.loads reads at most 4300 digits
    text = repr(value)
    return text if len(text) <= 40 else f"{text[:37]}..."


def _strings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)
