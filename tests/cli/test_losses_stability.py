"""`tui-clf losses --stability`: naive against stable cross-entropy, drawn honestly and given as data."""

import re
import subprocess
import sys
from pathlib import Path

import numpy as np
from plot_frames import boxes, inside, legend

TUI_CLF = str(Path(sys.executable).parent / "tui-clf")
SERIES = ["stable, t=1", "naive, t=1", "stable, t=0", "naive, t=0", "naive: inf or nan from here outwards"]
NUMBER = re.compile(r"-?\d+\.\d+")


def plots(text: str) -> list[list[str]]:
    lines = text.splitlines()
    return [rows for rows in (inside(lines, box) for box in boxes(lines)) if legend(rows)]


def test_json_gives_every_curve_and_where_the_naive_form_breaks(cli):
    out = cli.json("losses", "--stability")
    assert [(c["dtype"], c["label"]) for c in out["curves"]] == [("float64", 1), ("float64", 0), ("float32", 1), ("float32", 0)]
    curve = out["curves"][0]
    assert curve["z"][0] == -1000 and curve["z"][-1] == 1000
    assert curve["naive_value"][0] is None and curve["stable_value"][0] == 1000  # inf is no JSON number
    value = next(b for b in out["breaks"] if (b["dtype"], b["label"], b["quantity"]) == ("float64", 1, "value"))
    assert value["naive_returns"] == "inf" and abs(value["z"] + np.log(np.finfo(np.float64).max)) < 1e-12


def test_a_narrow_range_has_no_break_to_report(cli):
    out = cli.json("losses", "--stability", "--z-min", "-20", "--z-max", "10")
    assert out["breaks"] == [] and out["curves"][0]["z"][0] == -20


def test_a_loss_named_with_stability_is_a_usage_error(cli):
    result = cli("losses", "--stability", "-l", "hinge")
    assert result.exit_code == 2 and "--stability" in result.stderr


def test_without_colour_every_series_and_the_breaks_are_drawn_with_their_own_marker(cli):
    result = cli("losses", "--stability", env={"NO_COLOR": "1", "COLUMNS": "80"})
    assert result.exit_code == 0, result.stderr
    found = plots(result.stdout)
    assert len(found) == 4  # value and derivative, float64 and float32
    for rows in found:
        entries = legend(rows)
        assert list(entries) == SERIES and len(set(entries.values())) == len(SERIES)
        drawn = "\n".join(rows[len(entries) :])
        for marker in entries.values():
            assert marker in drawn, "\n".join(rows)
        assert "nan" not in drawn and "inf" not in drawn
    for row in ("float64 │ 1 │ value      │ -709.782713 │ inf", "float32 │ 0 │ derivative │ 16.6355324  │ nan"):
        assert row in result.stdout


def test_through_a_pipe_there_are_no_escape_codes():
    result = subprocess.run([TUI_CLF, "losses", "--stability"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "\x1b[" not in result.stdout and len(plots(result.stdout)) == 4
