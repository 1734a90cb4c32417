"""x saves the screen as SVG and the curves and per-example numbers as CSV, in the current folder,
at the state the keys before it leave; the curves' last row is what the status line shows."""

import csv

import pytest
from app_pilot import press_at_once, ready, settle, wait_for

from tui_clf.app.widgets.notice_bar import NoticeBar
from tui_clf.app.widgets.status_line import StatusLine


def read_rows(path):
    with open(path, newline="") as file:
        return list(csv.DictReader(file))


async def exported(pilot, folder, *keys):
    await press_at_once(pilot, *keys)
    await settle(pilot)
    await wait_for(pilot, lambda: len(list(folder.glob("tui-clf-*"))) == 3, "the three files")
    return {path.name.split("-")[2]: path for path in folder.glob("tui-clf-*")}


@pytest.mark.parametrize("keys", [("s",) * 7 + ("x",), ("s",) * 7 + ("b", "b", "x")])
async def test_the_exported_curves_end_with_the_numbers_the_status_line_shows(make_app, tmp_path, monkeypatch, keys):
    monkeypatch.chdir(tmp_path)
    app = make_app(epochs=10**6)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        files = await exported(pilot, tmp_path, *keys)
        shown = app.query_one(StatusLine).numbers
        last = read_rows(files["curves"])[-1]
        assert int(last["step"]) == shown.step == (7 if "b" not in keys else 5)
        assert float(last["train_cost"]) == shown.train_cost and float(last["train_error"]) == shown.train_error
        assert float(last["val_cost"]) == shown.val_cost and float(last["val_error"]) == shown.val_error
        examples = read_rows(files["examples"])
        assert len(examples) == app.session.data.train.n_rows
        assert set(examples[0]) >= {"row", "x1", "x2", "label", "margin", "abs_dL_dz", "correct"}
        assert files["screen"].read_text().lstrip().startswith("<svg")
        notice = str(app.query_one(NoticeBar).render())
        assert str(files["curves"]) in notice.replace("\n", "")
