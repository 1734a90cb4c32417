"""Properties of the loaders and the model reader, tried on generated files (hypothesis).

Any bytes under any data or model name raise only the project's own errors; what
save_dataset writes loads back equal. Derandomized and bounded: the same examples on every
run, a few seconds per property.
"""

import functools
import io
import tempfile
from pathlib import Path

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.data import load_dataset, save_dataset
from engine.dataset import Dataset, Standardizer
from engine.errors import DataError, ModelFileError
from engine.loaders.cells import check_label, is_number
from engine.model import LinearModel
from engine.model_file import load_model, save_model
from engine.objective import Params

BOUNDED = settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
CAP = 1_000_000

VALID = {
    "data.csv": b"a,b,label\n1,2.5,x\n-3,4e2,y\n\"5\",6,\"x\"\n",
    "data.svm": b"1 1:0.5 3:2\n0 2:1 # comment\n1 1:-1\n",
}


def _npz_bytes(**arrays) -> bytes:
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    return buffer.getvalue()


VALID["data.npz"] = _npz_bytes(X=np.ones((3, 2)), y=np.array(["a", "b", "a"]), feature_names=np.array(["f", "g"]))


def _load(name: str, content: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(content)
        try:
            load_dataset(path, max_bytes=CAP)
        except DataError:
            pass


@st.composite
def mutated(draw, original: bytes) -> bytes:
    """`original` with a few bytes replaced, inserted or deleted, or cut short."""
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["replace", "insert", "delete", "cut"]))
        byte = draw(st.sampled_from([0, 0x0D, 0x0A, 0x22, 0x2C, 0x3A, 0x23, 0x2D, 0x65, 0x39, 0xFF, 0x80, 0x20]))
        if action == "replace" and at < len(data):
            data[at] = byte
        elif action == "insert":
            data.insert(at, byte)
        elif action == "delete" and at < len(data):
            del data[at]
        elif action == "cut":
            del data[at:]
    return bytes(data)


@BOUNDED
@given(name=st.sampled_from(["data.csv", "data.csv.gz", "data.svm", "data.npz"]), content=st.binary(max_size=300))
def test_arbitrary_bytes_raise_only_data_errors(name, content):
    _load(name, content)


@BOUNDED
@given(st.data())
def test_near_valid_files_raise_only_data_errors(data):
    name = data.draw(st.sampled_from(sorted(VALID)))
    _load(name, data.draw(mutated(VALID[name])))


@BOUNDED
@given(
    y=st.one_of(
        st.lists(st.binary(max_size=4), min_size=3, max_size=3).map(np.array),
        st.lists(st.text(max_size=4), min_size=3, max_size=3).map(np.array),
        st.sampled_from([np.array([1, 2, 3], dtype="datetime64[D]"), np.zeros(3, dtype=[("a", "i4")]), np.ones(3, dtype=complex)]),
    )
)
def test_npz_labels_of_any_dtype_raise_only_data_errors(y):
    _load("data.npz", _npz_bytes(X=np.ones((3, 2)), y=y))


@BOUNDED
@given(st.data())
def test_near_valid_model_files_raise_only_model_errors(data):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "model.npz"
        path.write_bytes(data.draw(mutated(_model_bytes())))
        try:
            load_model(path, max_bytes=CAP)
        except ModelFileError:
            pass


@functools.cache
def _model_bytes() -> bytes:
    """The bytes of one small saved model."""
    model = LinearModel(Params(np.ones((1, 2)), np.ones(1)), "hinge", ("a", "b"), ("f", "g"), Standardizer.identity(2))
    with tempfile.TemporaryDirectory() as folder:
        save_model(model, Path(folder) / "m.npz")
        return (Path(folder) / "m.npz").read_bytes()


def _readable_name(text: str) -> bool:
    """A name every format reads back as written: stripped, not empty, not a number or a missing value."""
    try:
        return check_label(text) == text and not is_number(text) and "\x00" not in text
    except ValueError:
        return False


names = st.text(st.characters(blacklist_categories=["Cs"]), min_size=1, max_size=6).filter(_readable_name)


@BOUNDED
@given(
    classes=st.lists(names, min_size=2, max_size=3, unique=True).map(lambda c: tuple(sorted(c))),
    features=st.lists(names.filter(lambda name: name != "label"), min_size=1, max_size=3, unique=True).map(tuple),
    values=st.lists(st.floats(allow_nan=False, allow_infinity=False, width=64), min_size=12, max_size=12),
    suffix=st.sampled_from([".csv", ".csv.gz", ".npz"]),
)
def test_what_save_dataset_writes_loads_back_equal(classes, features, values, suffix):
    rows = 12 // len(features)
    X = np.array(values[: rows * len(features)]).reshape(rows, len(features))
    y = np.arange(rows) % len(classes)
    dataset = Dataset("d", X, y, classes, features)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"d{suffix}"
        save_dataset(dataset, path)
        loaded = load_dataset(path)
    assert loaded.classes == classes and loaded.feature_names == features
    np.testing.assert_array_equal(loaded.y, y)
    np.testing.assert_array_equal(loaded.X, X)
