"""The app offers lbfgs and newton, steps them one update at a time, and refuses what they cannot train."""

from textual.widgets import Select

from app_pilot import ready, settle, wait_for

from tui_clf.app.widgets.notice_bar import NoticeBar


async def test_the_optimizer_list_offers_lbfgs_and_newton_and_newton_steps_to_the_optimum(make_app):
    app = make_app(data="breast_cancer", loss="cross-entropy", l2=0.01)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        select = app.query_one("#optimizer", Select)
        select.value = "lbfgs"  # a value the list does not offer would raise
        await wait_for(pilot, lambda: app.session.config.training.optimizer == "lbfgs", "the lbfgs session")
        select.value = "newton"
        await wait_for(pilot, lambda: app.session.config.training.optimizer == "newton", "the newton session")
        for step in range(1, 9):
            await pilot.press("s")
            await wait_for(pilot, lambda: app.progress.steps == step, f"step {step}")
        costs = app.history.train_cost.values
        assert all(later <= earlier for earlier, later in zip(costs, costs[1:]))
        assert app.progress.point.grad_norm <= 1e-8


async def test_newton_on_hinge_is_refused_with_the_reason(make_app):
    app = make_app(data="breast_cancer", loss="hinge")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        app.choose(optimizer="newton")
        await settle(pilot)
        assert "second derivative" in app.query_one(NoticeBar).message
        assert app.config.training.optimizer == "gd"
