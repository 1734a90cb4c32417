"""The tour in the app (t, or `tui-clf tour --stop`): each stop shows the numbers the engine measures now, n and p
move, and space tries the stop (Compare for two or more losses, the app's own settings for one)."""

from __future__ import annotations

from app_pilot import press_at_once, ready, screen_text, wait_for

from engine.compare import Status
from tui_clf.app.app import ClassifierApp
from tui_clf.app.widgets.compare_screen import CompareScreen
from tui_clf.app.widgets.tour_screen import TourScreen
from tui_clf.config import RunConfig
from tui_clf.views.tour import get_stop, visit


def tour_app(stop: str) -> ClassifierApp:
    return ClassifierApp(RunConfig.from_sources(None), show_timings=False, pace=0, tour_stop=stop)


async def shown_stop(pilot, stop_id: str) -> TourScreen:
    app = pilot.app
    await wait_for(pilot, lambda: isinstance(app.screen, TourScreen), "the tour")
    screen = app.screen
    await wait_for(pilot, lambda: screen.visited is not None and screen.visited.stop.id == stop_id, f"stop {stop_id} measured")
    return screen


async def test_a_stop_shows_the_numbers_measured_now_and_n_p_move():
    app = tour_app("2.3")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await shown_stop(pilot, "2.3")
        expected = visit(get_stop("2.3"))
        assert screen.visited.text == expected.text  # the engine's numbers, not typed ones
        assert f"{expected.measured['lse_grad']:.4f}" in expected.text
        await wait_for(pilot, lambda: "Check: holds" in "\n".join(screen_text(app)), "the stop's check on screen")
        await press_at_once(pilot, "n", "n", "p")
        await shown_stop(pilot, "2.4")


async def test_space_on_a_stop_of_two_losses_opens_compare_from_its_start():
    app = tour_app("2.2")
    async with app.run_test(size=(80, 24)) as pilot:
        await shown_stop(pilot, "2.2")
        await press_at_once(pilot, "space")
        await wait_for(pilot, lambda: isinstance(app.screen, CompareScreen) and bool(app.screen.first_costs), "Compare")
        race = app.screen
        assert race.losses == get_stop("2.2").setup.losses
        await press_at_once(pilot, "space")
        await wait_for(pilot, lambda: race.steps == race.config.training.epochs and not race.running, "the race to end")
        measured = visit(get_stop("2.2")).measured
        assert race.standings["squared-error"].status is Status.FINISHED
        table = race.query_one("#race-table")
        assert str(table.get_row("squared-error")[2]) == f"{100 * measured['se_error']:.1f}%"


async def test_space_on_a_stop_of_one_loss_sets_the_app_to_it():
    app = tour_app("2.1")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await shown_stop(pilot, "2.1")
        await press_at_once(pilot, "space")
        await wait_for(pilot, lambda: app.session is not None and app.session.config.training.loss == "zero-one", "the 0-1 loss")
        assert app.session.config.data == get_stop("2.1").setup.data
        await press_at_once(pilot, "t")
        await shown_stop(pilot, "2.1")  # the tour reopens where it was left


async def test_a_stop_whose_view_is_a_figure_of_the_app_shows_that_figure():
    app = tour_app("2.4")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await shown_stop(pilot, "2.4")
        await press_at_once(pilot, "space")
        await wait_for(pilot, lambda: not isinstance(app.screen, TourScreen), "the app")
        assert app.section == "views"
        assert app.query_one("#view-tabs").active == "tab-losses"
        await wait_for(pilot, lambda: app.session.config.data == get_stop("2.4").setup.data, "the stop's data")


async def test_the_convexity_stop_shows_the_apps_convexity_view_of_its_first_loss():
    app = tour_app("4")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await shown_stop(pilot, "4")
        await press_at_once(pilot, "space")
        await wait_for(pilot, lambda: not isinstance(app.screen, TourScreen), "the app")
        assert app.query_one("#view-tabs").active == "tab-convexity"
        setup = get_stop("4").setup
        await wait_for(pilot, lambda: app.session.config.training.loss == setup.losses[0], "the stop's first loss")


async def test_the_h_sweep_stop_shows_a_measured_sweep_without_pressing_g():
    app = tour_app("5")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await shown_stop(pilot, "5")
        await press_at_once(pilot, "space")
        await wait_for(pilot, lambda: not isinstance(app.screen, TourScreen), "the app")
        await wait_for(pilot, lambda: app.query_one("#h-sweep").sweep is not None, "the sweep measured")
        assert app.session.config.data == get_stop("5").setup.data
        assert app.section == "views" and app.query_one("#view-tabs").active == "tab-h-sweep"
        assert "Smallest error" in str(app.query_one("#h-sweep-caption").render())
