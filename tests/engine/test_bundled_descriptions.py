"""Every claim a bundled dataset's description makes holds at the default settings.

Each set is trained as `tui-clf train --data NAME` trains it (the defaults of RunConfig and
TrainConfig, cross-entropy unless the claim names another loss), through the engine's `fit`;
the errors are measured at the weights the run ended with. No error figure is written down
here: the claims are compared with each other or with the round numbers the words state.
"""

from dataclasses import replace
from functools import cache

import numpy as np
import pytest

from engine import BUNDLED, fit
from engine.bundled import load_bundled
from engine.objective import scores
from engine.pipeline import prepare
from tui_clf.config import RunConfig

DEFAULTS = RunConfig()


@cache
def errors(name: str, loss: str = DEFAULTS.training.loss, positive_class: str | None = None) -> tuple[float, float]:
    """(train error, validation error) at the end of a default run on `name` with `loss`."""
    dataset = load_bundled(name)
    config = replace(DEFAULTS.training, loss=loss)
    result = fit(dataset, config, val_split=DEFAULTS.val_split, standardize=DEFAULTS.standardize, positive_class=positive_class)
    data = prepare(dataset, val_split=DEFAULTS.val_split, standardize=DEFAULTS.standardize, seed=config.seed, positive_class=positive_class)
    trainer = result.trainer

    def error(split) -> float:
        return float(np.mean(trainer.loss.predict(scores(trainer.params, split.X, trainer.loss)) != split.y))

    return error(data.train), error(data.val)


def scale_ratio(name: str) -> float:
    """Largest over smallest standard deviation of the raw features."""
    spread = load_bundled(name).X.std(axis=0)
    return float(spread.max() / spread.min())


def test_every_bundled_dataset_has_its_claims_checked_here():
    assert set(BUNDLED) == set(CLAIMS)


def iris():
    assert "setosa is linearly separable" in BUNDLED["iris"]
    assert errors("iris", positive_class="setosa") == (0.0, 0.0)
    assert max(errors("iris", "softmax-cross-entropy")) < 0.5


def breast_cancer():
    assert "five orders of magnitude" in BUNDLED["breast_cancer"]
    assert 1e5 <= scale_ratio("breast_cancer") < 1e6


def wine():
    assert "three orders of magnitude" in BUNDLED["wine"]
    assert 1e3 <= scale_ratio("wine") < 1e4


def blobs():
    assert "linearly separable" in BUNDLED["blobs"]
    assert errors("blobs") == (0.0, 0.0)


def blobs_overlap():
    assert "about 1 point in 10" in BUNDLED["blobs-overlap"]
    train, val = errors("blobs-overlap")
    assert 0.05 <= train <= 0.15 and 0.05 <= val <= 0.2


def blobs_outliers():
    assert "separable" in BUNDLED["blobs-outliers"] and "cross-entropy's much less" in BUNDLED["blobs-outliers"]
    assert errors("blobs-outliers", "hinge")[0] == 0.0
    squared, cross_entropy = errors("blobs-outliers", "squared-error"), errors("blobs-outliers")
    assert squared[0] > 0 and squared[1] > 0
    assert squared[0] >= 2 * cross_entropy[0] and squared[1] >= 2 * cross_entropy[1]


def blobs_noisy():
    assert "15% of the labels flipped" in BUNDLED["blobs-noisy"] and "about 85% right" in BUNDLED["blobs-noisy"]
    train, val = errors("blobs-noisy")
    n_val = round(DEFAULTS.val_split * 200)
    overall = (train * (200 - n_val) + val * n_val) / 200
    assert 0.1 <= overall <= 0.2


def xor():
    assert "near 50% wrong" in BUNDLED["xor"]
    assert min(errors("xor")) >= 0.4


def rings():
    assert "near 50% wrong" in BUNDLED["rings"]
    assert min(errors("rings")) >= 0.35


def three_blobs():
    assert "about 98% right" in BUNDLED["three-blobs"]
    assert max(errors("three-blobs", "softmax-cross-entropy")) <= 0.05


CLAIMS = {
    "iris": iris,
    "breast_cancer": breast_cancer,
    "wine": wine,
    "blobs": blobs,
    "blobs-overlap": blobs_overlap,
    "blobs-outliers": blobs_outliers,
    "blobs-noisy": blobs_noisy,
    "xor": xor,
    "rings": rings,
    "three-blobs": three_blobs,
}


@pytest.mark.parametrize("name", list(CLAIMS))
def test_the_description_is_true_at_the_default_settings(name):
    CLAIMS[name]()
