"""Model files: a round trip keeps every number, a crash mid-save keeps the old file, bad files are refused."""

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from engine.dataset import Standardizer
from engine.errors import ModelFileError
from engine.model import LinearModel
from engine.model_file import load_model, save_model
from engine.objective import Params


def a_model(n_features: int = 3, loss: str = "softmax-cross-entropy", seed: int = 0) -> LinearModel:
    rng = np.random.default_rng(seed)
    k = 3 if loss == "softmax-cross-entropy" else 1
    classes = ("setosa", "versicolor", "virginica") if k == 3 else ("not setosa", "setosa")
    return LinearModel(
        params=Params(rng.normal(size=(k, n_features)), rng.normal(size=k)),
        loss_name=loss,
        classes=classes,
        feature_names=tuple(f"f{i}" for i in range(n_features)),
        standardizer=Standardizer(rng.normal(size=n_features), rng.uniform(1, 2, n_features)),
        positive_class="setosa" if k == 1 else None,
    )


def assert_same_model(a: LinearModel, b: LinearModel) -> None:
    assert a.loss_name == b.loss_name and a.classes == b.classes and a.feature_names == b.feature_names
    assert a.positive_class == b.positive_class
    for x, y in [(a.params.W, b.params.W), (a.params.b, b.params.b), (a.standardizer.mean, b.standardizer.mean)]:
        assert x.tobytes() == y.tobytes()


@pytest.mark.parametrize("loss", ["softmax-cross-entropy", "hinge"])
def test_a_saved_model_loads_back_identical_and_predicts_the_same(tmp_path, loss):
    model = a_model(loss=loss)
    save_model(model, tmp_path / "m.npz")
    loaded = load_model(tmp_path / "m.npz")
    assert_same_model(model, loaded)
    X = np.random.default_rng(1).normal(size=(20, 3))
    np.testing.assert_array_equal(model.predict(X), loaded.predict(X))


def test_a_model_file_holds_no_pickled_object(tmp_path):
    save_model(a_model(), tmp_path / "m.npz")
    with np.load(tmp_path / "m.npz", allow_pickle=False) as f:
        assert all(f[name].dtype != object for name in f.files)


def test_a_crash_in_the_middle_of_a_save_leaves_the_previous_model_intact(tmp_path):
    target = tmp_path / "model.npz"
    old = a_model()
    save_model(old, target)
    # A child process saves a big model over the old one again and again; we kill it mid-write.
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, numpy as np\n"
            "from engine.model_file import save_model\n"
            "from engine.model import LinearModel\n"
            "from engine.objective import Params\n"
            "from engine.dataset import Standardizer\n"
            "d = 4_000_000\n"
            "big = LinearModel(Params(np.ones((3, d)), np.ones(3)), 'softmax-cross-entropy', ('a', 'b', 'c'),\n"
            "    tuple(f'f{i}' for i in range(d)), Standardizer(np.zeros(d), np.ones(d)))\n"
            "while True:\n"
            "    save_model(big, sys.argv[1])\n",
            str(target),
        ]
    )
    deadline = time.monotonic() + 60
    try:
        while not any(p.stat().st_size > 0 for p in tmp_path.glob(".model.npz.*.tmp")):
            assert time.monotonic() < deadline, "the child never started writing"
            assert child.poll() is None, "the child died on its own"
            time.sleep(0.001)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    loaded = load_model(target)  # either the old model or one complete new one, never a torn file
    if loaded.n_features == 3:
        assert_same_model(old, loaded)
    else:
        assert loaded.n_features == 4_000_000 and np.all(loaded.params.W == 1.0)


def test_saving_into_a_folder_that_cannot_exist_is_a_model_file_error(tmp_path):
    (tmp_path / "a-file").write_text("x")
    with pytest.raises(ModelFileError, match="a-file"):
        save_model(a_model(), tmp_path / "a-file" / "m.npz")


def bad_file(tmp_path: Path, kind: str) -> Path:
    path = tmp_path / f"{kind}.npz"
    good = tmp_path / "good.npz"
    save_model(a_model(), good)
    arrays = dict(np.load(good, allow_pickle=False))
    if kind == "truncated":
        path.write_bytes(good.read_bytes()[:300])
    elif kind == "text":
        path.write_text("W,b\n1,2\n")
    elif kind == "pickled":
        arrays["W"] = np.array([{"evil": 1}], dtype=object)
        np.savez(path, **arrays)
    elif kind == "missing-bias":
        del arrays["b"]
        np.savez(path, **arrays)
    elif kind == "wrong-shape":
        arrays["W"] = np.ones((3, 5))
        np.savez(path, **arrays)
    elif kind == "not-ours":
        arrays["meta"] = np.array(json.dumps({"format": "something-else"}))
        np.savez(path, **arrays)
    elif kind == "nan-weights":
        arrays["W"] = np.full((3, 3), np.nan)
        np.savez(path, **arrays)
    elif kind == "zero-scale":
        arrays["scale"] = np.zeros(3)
        np.savez(path, **arrays)
    elif kind == "npy-renamed":
        np.save(tmp_path / "x.npy", np.ones(3))
        path.write_bytes((tmp_path / "x.npy").read_bytes())
    elif kind == "binary-with-three-classes":
        meta = json.loads(str(arrays["meta"]))
        arrays["meta"] = np.array(json.dumps({**meta, "loss": "hinge"}))
        arrays["W"], arrays["b"] = np.ones((1, 3)), np.ones(1)
        np.savez(path, **arrays)
    elif kind == "numeric-positive-class":
        meta = json.loads(str(arrays["meta"]))
        arrays["meta"] = np.array(json.dumps({**meta, "positive_class": 1}))
        np.savez(path, **arrays)
    return path


@pytest.mark.parametrize(
    "kind",
    [
        "truncated", "text", "pickled", "missing-bias", "wrong-shape", "not-ours", "nan-weights",
        "zero-scale", "npy-renamed", "binary-with-three-classes", "numeric-positive-class",
    ],
)
def test_a_bad_model_file_is_refused_with_its_name(tmp_path, kind):
    path = bad_file(tmp_path, kind)
    with pytest.raises(ModelFileError) as error:
        load_model(path)
    assert str(path) in str(error.value)


def test_a_missing_model_file_is_refused_with_its_name(tmp_path):
    with pytest.raises(ModelFileError, match="no such model file"):
        load_model(tmp_path / "absent.npz")
