"""The tour does not lie: every stop, run headless, measures its claim live and the claim holds."""

import math
import re
import string
import subprocess
import sys
import time

import numpy as np
import pytest

from engine.errors import ConfigError
from tui_clf.views.tour import STOP_IDS, STOPS, get_stop, neighbour, visit

# The numbered sections of the lecture whose claims the tour must show (issue 11).
LECTURE_SECTIONS = {"2.1", "2.2", "2.3", "2.4", "2.6", "3", "4", "5"}
# Names, not numbers: what may stay in a template once its placeholders are taken out.
NAMES_WITH_DIGITS = re.compile(r"0-1|K = 2|\(0, z\)|float(32|64)")


@pytest.fixture(scope="module")
def visits():
    return {stop.id: visit(stop) for stop in STOPS}


def test_every_section_of_the_lecture_has_a_stop():
    assert LECTURE_SECTIONS <= {stop.section for stop in STOPS}
    assert len(set(STOP_IDS)) == len(STOP_IDS)


@pytest.mark.parametrize("stop_id", STOP_IDS)
def test_every_stop_s_claim_holds_when_measured_headless(visits, stop_id):
    result = visits[stop_id]
    assert result.verdict.passed, result.as_text()


def test_the_whole_tour_measures_and_checks_in_a_few_seconds():
    start = time.perf_counter()
    for stop in STOPS:
        stop.check(stop.measure())
    assert time.perf_counter() - start < 20


def test_squared_error_ends_worse_than_cross_entropy_on_the_outliers(visits):
    m = visits["2.2"].measured
    assert (m["se_confident"], m["se_wrong"]) == (32.0, 0.5)
    assert m["se_error"] > m["ce_error"]


def test_the_logistic_squared_error_gradient_at_z_minus_5_is_about_minus_0_0066(visits):
    m = visits["2.3"].measured
    assert m["z"] == -5
    assert m["lse_grad"] == pytest.approx(-0.0066, abs=5e-5)
    assert m["ce_grad"] == pytest.approx(-0.9933, abs=5e-5)
    assert m["lse_norm"] * 10 < m["ce_norm"] and m["lse_error"] > m["ce_error"]


def test_cross_entropy_tells_0_01_from_0_00001(visits):
    m = visits["2.4"].measured
    assert (round(m["ce_bad"], 1), round(m["ce_worse"], 1)) == (4.6, 11.5)


def test_the_naive_run_reaches_inf_and_the_stable_one_trains(visits):
    m = visits["2.4-naive"].measured
    assert m["naive_stop"] == "diverged" and math.isinf(float(m["naive_cost"]))
    assert m["stable_stop"] == "finished" and m["stable_accuracy"] > 0.85
    assert m["break_z"] == pytest.approx(-np.log(np.finfo(np.float64).max))


def test_hinge_bounds_zero_one_and_ends_within_a_point_of_cross_entropy(visits):
    m = visits["2.6"].measured
    assert m["min_gap"] >= 0 and abs(m["hinge_error"] - m["ce_error"]) <= 0.01


def test_softmax_with_k_2_equals_the_logistic_at_half_the_learning_rate(visits):
    m = visits["3"].measured
    assert m["softmax_lr"] * 2 == m["ce_lr"]
    assert m["matched_gap"] <= 1e-9 * m["cost"] and m["unmatched_gap"] > 1e-4


def test_convexity_finds_a_counterexample_for_logistic_squared_error_only(visits):
    m = visits["4"].measured
    assert m["ce_convex"] and not m["lse_convex"]
    assert m["f_lam"] > (1 - m["lam"]) * m["f0"] + m["lam"] * m["f1"]


def test_the_best_steps_land_near_the_square_and_cube_roots_of_eps(visits):
    m = visits["5"].measured
    eps = np.finfo(np.float64).eps
    assert 0.1 < m["best_h_forward"] / np.sqrt(eps) < 10 and 0.1 < m["best_h_central"] / np.cbrt(eps) < 10


def placeholders(template: str) -> list[str]:
    return [field for _, field, _, _ in string.Formatter().parse(template) if field]


@pytest.mark.parametrize("stop_id", STOP_IDS)
def test_no_number_is_typed_into_a_stop_s_text(stop_id):
    literal = "".join(text for text, *_ in string.Formatter().parse(get_stop(stop_id).template))
    assert not re.search(r"\d", NAMES_WITH_DIGITS.sub("", literal)), literal


@pytest.mark.parametrize("stop_id", STOP_IDS)
def test_a_stop_s_text_follows_its_measured_numbers(visits, stop_id):
    stop, measured = get_stop(stop_id), visits[stop_id].measured
    text = stop.text(measured)
    for field in placeholders(stop.template):
        changed = dict(measured, **{field: _changed(measured[field])})
        assert stop.text(changed) != text, f"{field} does not reach the text of {stop_id}"


def _changed(value):
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 7
    if isinstance(value, float):
        return value * 3.7 + 1.3 if math.isfinite(value) else 0.5
    return value + "X"


def test_an_unknown_stop_is_a_usage_error_that_lists_the_stops():
    with pytest.raises(ConfigError) as error:
        get_stop("2.5")
    assert all(stop_id in str(error.value) for stop_id in STOP_IDS)
    assert get_stop(" 2.4-NAIVE ").id == "2.4-naive"


def test_next_and_previous_stay_within_the_tour():
    assert neighbour("2.1", -1).id == "2.1" and neighbour("2.1", 1).id == "2.2"
    assert neighbour("5", 1).id == "5" and neighbour("5", -1).id == "4"


def test_the_tour_loads_no_ui_package():
    code = "import sys, tui_clf.views.tour\nprint(','.join(m for m in ('textual', 'typer', 'rich', 'plotext') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


# For each stop, one measured number changed so that the lecture's claim would be false.
CLAIM_BROKEN = {
    "2.1": ("grad_norm", 0.5),
    "2.2": ("se_error", 0.0),
    "2.3": ("lse_grad", -0.5),
    "2.4": ("ce_worse", 4.7),
    "2.4-naive": ("naive_cost", "12.5"),
    "2.6": ("hinge_error", 0.5),
    "3": ("matched_gap", 1.0),
    "4": ("lse_convex", True),
    "5": ("best_h_central", 1e-9),
}


@pytest.mark.parametrize("stop_id", STOP_IDS)
def test_a_stop_s_check_fails_when_its_claim_does_not_hold(visits, stop_id):
    key, value = CLAIM_BROKEN[stop_id]
    verdict = get_stop(stop_id).check(dict(visits[stop_id].measured, **{key: value}))
    assert not verdict.passed, verdict.reason
