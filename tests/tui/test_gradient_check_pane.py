"""g checks the gradient of the current weights on a worker and shows both methods, the table and the h sweep."""

from app_pilot import ready, settle, train, wait_for
from textual.widgets import DataTable, TabbedContent

from tui_clf.widgets.gradcheck_pane import GradCheckPane
from tui_clf.widgets.h_sweep_plot import HSweepPlot


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
