"""Model files: a NumPy .npz with no pickled objects, written atomically.

Arrays: W (K, D), b (K,), mean (D,), scale (D,), and `meta`, a 0-d string holding JSON
(format version, loss, classes, feature names, positive class). Reading uses
allow_pickle=False; writes are atomic (engine.atomic), so an interrupted save leaves the
old file intact.
"""

from __future__ import annotations

import json
import math
import os
import zipfile
from pathlib import Path

import numpy as np

from engine.atomic import write_atomically
from engine.dataset import Standardizer
from engine.errors import ModelFileError
from engine.losses import LOSSES
from engine.model import LinearModel
from engine.objective import Params

FORMAT = "tui-clf-model"
VERSION = 1


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


def load_model(path: str | os.PathLike) -> LinearModel:
    """Read a model written by save_model; ModelFileError naming the file if it is not one."""
    path = Path(path)
    if not path.exists():
        raise ModelFileError(f"{path}: no such model file")
    if path.is_dir():
        raise ModelFileError(f"{path}: is a directory, not a model file")
    if not zipfile.is_zipfile(path):
        raise ModelFileError(f"{path}: not a model file (tui-clf models are .npz archives)")
    try:
        with np.load(path, allow_pickle=False) as f:
            arrays = {name: f[name] for name in ("W", "b", "mean", "scale", "meta")}
    except KeyError as e:
        raise ModelFileError(f"{path}: not a tui-clf model (no array {e.args[0]})") from None
    except ValueError as e:
        if "allow_pickle" in str(e):
            raise ModelFileError(f"{path}: holds pickled objects, which tui-clf never loads") from None
        raise ModelFileError(f"{path}: not a readable model file ({e})") from None
    except (OSError, zipfile.BadZipFile, EOFError) as e:
        raise ModelFileError(f"{path}: not a readable model file ({e})") from None
    return _model_from(arrays, path)


def _model_from(arrays: dict[str, np.ndarray], path: Path) -> LinearModel:
    """Check the arrays and metadata agree with each other before trusting them."""
    try:
        meta = json.loads(str(arrays["meta"]))
    except json.JSONDecodeError:
        raise ModelFileError(f"{path}: the model's metadata is not valid JSON") from None
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise ModelFileError(f"{path}: not a tui-clf model file")
    if meta.get("version") != VERSION:
        raise ModelFileError(f"{path}: model format version {meta.get('version')} is not supported")
    W, b, mean, scale = (arrays[k] for k in ("W", "b", "mean", "scale"))
    loss, classes, features = meta.get("loss"), meta.get("classes"), meta.get("feature_names")
    if loss not in LOSSES:
        raise ModelFileError(f"{path}: unknown loss {loss!r} in the model file")
    if not (_strings(classes) and _strings(features)):
        raise ModelFileError(f"{path}: the model's class or feature names are missing")
    positive = meta.get("positive_class")
    l2 = meta.get("l2", 0.0)  # models saved before the cost included the L2 term have none
    if isinstance(l2, bool) or not isinstance(l2, (int, float)) or not (math.isfinite(l2) and l2 >= 0):
        raise ModelFileError(f"{path}: the model's l2 is not a finite number >= 0")
    if not (positive is None or isinstance(positive, str)):
        raise ModelFileError(f"{path}: the model's positive class is not a name")
    binary = not LOSSES[loss].multiclass
    if (binary and len(classes) != 2) or len(classes) < 2:
        needed = "two" if binary else "at least two"
        raise ModelFileError(f"{path}: a {loss} model needs {needed} classes, not {len(classes)}")
    n_outputs = len(classes) if LOSSES[loss].multiclass else 1
    shapes_agree = (
        W.ndim == 2
        and W.shape == (n_outputs, len(features))
        and b.shape == (n_outputs,)
        and mean.shape == scale.shape == (len(features),)
    )
    if not shapes_agree:
        raise ModelFileError(f"{path}: the weights' shapes do not match the model's classes and features")
    if not all(np.isfinite(a).all() for a in (W, b, mean, scale)):
        raise ModelFileError(f"{path}: the model holds non-finite weights")
    if not (scale > 0).all():
        raise ModelFileError(f"{path}: the model's standardisation divides by zero or a negative scale")
    return LinearModel(
        params=Params(W, b),
        loss_name=loss,
        classes=tuple(classes),
        feature_names=tuple(features),
        standardizer=Standardizer(mean, scale),
        positive_class=positive,
        l2=float(l2),
    )


def _strings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)
