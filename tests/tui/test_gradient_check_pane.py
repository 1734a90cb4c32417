"""g checks the gradient of the current weights on a worker and shows both methods, the table and the h sweep."""

import re

import pytest

from app_pilot import ready, settle, train, wait_for
from textual.widgets import DataTable, TabbedContent

from engine.gradcheck import check_gradient
from tui_clf.app.widgets.gradcheck_pane import GradCheckPane
from tui_clf.app.widgets.h_sweep_plot import HSweepPlot


async def test_g_checks_the_gradient_at_the_current_weights(make_app):
    app = make_app(data="breast_cancer")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await train(pilot, 20)
        await pilot.press("g")
        await settle(pilot)
        pane = app.query_one(GradCheckPane)
        summary = str(pane.query_one("#gradcheck-summary").content)
        assert "Step 20: 31 params" in summary
        assert "two-sided (Eq. 27)" in summary and "one-sided (Eq. 26)" in summary
        assert "✓ correct" in summary
        table = pane.query_one(DataTable)
        assert table.row_count == 10
        assert app.query_one(HSweepPlot).sweep is not None


async def test_the_pane_and_the_h_sweep_show_the_numbers_of_the_engine_within_round_off(make_app):
    app = make_app(data="iris", loss="softmax-cross-entropy")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await train(pilot, 30)
        await pilot.press("g")
        await settle(pilot)
        trainer = app.session.trainer
        data = app.session.data.train
        expected = check_gradient(app.progress.params, data.X, app.session.train_targets, trainer.loss, trainer.config.l2)
        summary = str(app.query_one(GradCheckPane).query_one("#gradcheck-summary").content)
        shown = float(re.search(r"two-sided \(Eq. 27\): ([0-9.e+-]+)", summary).group(1))
        # Round-off: the same check on another BLAS kernel differs in these digits, not in the decade.
        assert expected.max_rel_error / 10 <= shown <= max(expected.max_rel_error * 10, 1e-12)
        assert shown <= expected.thresholds.correct
        sweep = app.query_one(HSweepPlot).sweep
        assert sweep.theory_h_central / 30 <= sweep.best_h_central <= sweep.theory_h_central * 30
        assert sweep.theory_h_forward / 30 <= sweep.best_h_forward <= sweep.theory_h_forward * 30
        caption = str(app.query_one("#h-sweep-caption").content)
        assert "Smallest error: one-sided" in caption and "theory eps^1/3" in caption


async def test_in_a_small_terminal_g_shows_the_gradient_section(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("g")
        await settle(pilot)
        assert app.section == "gradcheck"
        assert app.query_one(GradCheckPane).display


async def test_the_hinge_loss_has_kinks_and_no_h_sweep(make_app):
    app = make_app(loss="hinge")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await train(pilot, 30)
        await pilot.press("g")
        await settle(pilot)
        app.query_one("#view-tabs", TabbedContent).active = "tab-h-sweep"
        await wait_for(pilot, lambda: "kink" in str(app.query_one("#h-sweep-caption").content), "the reason")
        assert app.query_one(HSweepPlot).sweep is None


async def test_the_naive_cross_entropy_at_large_z_reads_cost_inaccurate_not_wrong(make_app):
    # All of breast_cancer at W ~ N(0, 20^2 / 30): |z| up to 86, where 1 - sigma(z) loses digits.
    app = make_app(data="breast_cancer", loss="cross-entropy-naive", init_scale=20 / 30**0.5, val_split=0.0)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("g")
        await settle(pilot)
        pane = app.query_one(GradCheckPane)
        summary = str(pane.query_one("#gradcheck-summary").content)
        # Both methods, the two-sided and the one-sided, say so; neither calls the gradient wrong.
        assert summary.count("~ cost inaccurate") == 2 and "✗ wrong" not in summary
        notes = str(pane.query_one("#gradcheck-notes").content)
        assert "Cost inaccurate, not a wrong gradient" in notes and "Eq. 15-16" in notes


@pytest.mark.parametrize("size", [(110, 34), (120, 40)])
@pytest.mark.parametrize(("data", "loss", "steps"), [("blobs-overlap", "cross-entropy", 5), ("iris", "softmax-cross-entropy", 100), ("breast_cancer", "cross-entropy", 5)])
async def test_every_column_of_the_table_fits_the_side_pane(make_app, size, data, loss, steps):
    """Side by side the pane is 46 columns and scrolls: its table once lost the marks and half the header."""
    app = make_app(data=data, loss=loss)
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        await train(pilot, steps)
        await pilot.press("g")
        await settle(pilot)
        table = app.query_one(GradCheckPane).query_one(DataTable)
        assert table.row_count
        assert table.virtual_size.width <= table.scrollable_content_region.width
        header = "".join(str(column.label) for column in table.columns.values())
        assert header.split() == ["param", "analytic", "numeric", "rel.", "error"]
        for i in range(table.row_count):
            assert str(table.get_row_at(i)[-1]).split()[-1] in {"✓", "~", "?", "✗"}
