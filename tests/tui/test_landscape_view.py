"""The Landscape and Convexity tabs in the app: drawn from workers, the path growing with training, new
sessions recomputed, and keys pressed while a grid is computing."""

import numpy as np
from app_pilot import press_at_once, ready, screen_text, settle, train, wait_for

from engine.objective import cost
from tui_clf.app.messages import StepsTaken
from tui_clf.app.widgets.chord_plot import WORST_MARKER
from tui_clf.app.widgets.landscape_plot import LEVEL_MARKERS, NOW_MARKER, REFERENCE_MARKER
from tui_clf.app.widgets.landscape_view import STAGES, LandscapeView
from tui_clf.app.widgets.model_views import ModelViews
from tui_clf.views.weight_plane import flatten


async def show(pilot, tab: str) -> None:
    pilot.app.action_show_section("views")
    pilot.app.query_one("#view-tabs").active = tab
    await settle(pilot)


def view_text(app, widget) -> str:
    region = widget.region
    return "\n".join(line[region.x : region.right] for line in screen_text(app)[region.y : region.bottom])


def fine(view: LandscapeView) -> bool:
    return view.grid is not None and view.grid.cost.shape == (STAGES[-1][2], STAGES[-1][1]) and not view.computing


async def test_the_landscape_draws_the_fine_grid_once_its_worker_is_done(make_app):
    app = make_app(data="breast_cancer", loss="cross-entropy")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        view = app.query_one(LandscapeView)
        assert view.grid is None  # not computed while hidden
        await show(pilot, "tab-landscape")
        assert fine(view) and view.session is app.session
        drawn = view_text(app, app.query_one("#landscape-plot"))
        assert sum(marker in drawn for marker in LEVEL_MARKERS) >= 5, drawn
        assert NOW_MARKER in drawn and REFERENCE_MARKER in drawn
        grid, session = view.grid, app.session
        at = grid.plane.params_at(grid.alpha[3], grid.beta[5])
        assert abs(grid.cost[5, 3] - cost(at, session.data.train.X, session.train_targets, session.loss)) <= 1e-12


async def test_the_path_grows_by_one_point_per_update_of_the_screen_and_starts_again_on_reset(make_app):
    app = make_app(data="blobs-overlap", loss="cross-entropy")
    seen = []
    async with app.run_test(size=(120, 40), message_hook=seen.append) as pilot:
        await ready(pilot)
        await show(pilot, "tab-landscape")
        view = app.query_one(LandscapeView)
        assert len(view.path) == 1
        app.controls.pace = 200  # about 20 steps per update: several updates
        await train(pilot, 60)
        updates = [m for m in seen if isinstance(m, StepsTaken)]
        assert len(updates) >= 2
        assert len(view.path) == 1 + len(updates)
        assert np.array_equal(view.path.latest, flatten(app.progress.params))
        assert f"path of {len(view.path)}" in view_text(app, app.query_one("#landscape-caption"))
        await pilot.press("r")
        await settle(pilot)
        assert len(view.path) == 1


async def test_the_path_grows_while_the_view_is_hidden(make_app):
    app = make_app(data="blobs-overlap", loss="cross-entropy")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        for _ in range(3):
            await train(pilot, 1)
        view = app.query_one(LandscapeView)
        assert len(view.path) == 4 and view.grid is None
        await show(pilot, "tab-landscape")
        assert fine(view)
        assert np.array_equal(view.path.latest, flatten(app.progress.params))


async def test_a_new_loss_computes_a_new_landscape_of_that_loss(make_app):
    app = make_app(data="blobs-overlap", loss="cross-entropy")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await show(pilot, "tab-landscape")
        view = app.query_one(LandscapeView)
        before = view.grid
        await train(pilot, 5)
        app.choose(loss="zero-one")
        await wait_for(pilot, lambda: app.session.loss.name == "zero-one", "the new session")
        await settle(pilot)
        assert fine(view) and view.grid is not before and view.session is app.session and len(view.path) == 1
        n = app.session.data.train.n_rows
        counts = view.grid.cost * n
        np.testing.assert_allclose(counts, np.round(counts), atol=1e-9)  # the error rate: steps of 1/N
        assert "Flat steps" in view_text(app, app.query_one("#landscape-caption"))


async def test_keys_pressed_fast_while_the_grid_is_computing_leave_a_landscape_of_the_current_state(make_app):
    app = make_app(data="breast_cancer", loss="logistic-squared-error")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        app.action_show_section("views")
        app.query_one("#view-tabs").active = "tab-landscape"
        await press_at_once(pilot, "s", "s", "v", "v", "v", "v", "v", "v", "s", "space", "space", "r", "s", "v", "space")
        await pilot.press("space")
        await settle(pilot)
        assert app.is_running and not app.is_training
        view = app.query_one(LandscapeView)
        assert view.session is app.session
        await show(pilot, "tab-landscape")
        assert fine(view)
        assert np.array_equal(view.path.latest, flatten(app.progress.params))
        assert "Plateaus" in view_text(app, app.query_one("#landscape-caption"))


async def test_the_convexity_view_marks_where_logistic_squared_error_rises_above_its_chord(make_app):
    app = make_app(data="blobs-overlap", loss="logistic-squared-error")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await show(pilot, "tab-convexity")
        caption = " ".join(view_text(app, app.query_one("#convexity-caption")).split())
        assert "not convex" in caption and "segments rise above their chord" in caption
        assert WORST_MARKER in view_text(app, app.query_one("#chord-plot"))


async def test_the_convexity_view_says_how_many_segments_cross_entropy_passed(make_app):
    app = make_app(data="blobs-overlap", loss="cross-entropy")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await show(pilot, "tab-convexity")
        caption = " ".join(view_text(app, app.query_one("#convexity-caption")).split())
        assert "convex on all 192 segments tried" in caption
        assert WORST_MARKER not in view_text(app, app.query_one("#chord-plot"))


async def test_a_step_back_ends_the_path_at_the_step_shown(make_app):
    app = make_app(data="blobs-overlap", loss="cross-entropy")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await show(pilot, "tab-landscape")
        view = app.query_one(LandscapeView)
        await press_at_once(pilot, *["s"] * 6)
        await wait_for(pilot, lambda: app.progress.steps == 6 and len(view.path) == 7, "six steps, one point each")
        await press_at_once(pilot, "b", "b")
        await wait_for(pilot, lambda: len(view.path) == 5, "the path cut back to step 4")
        assert np.array_equal(view.path.latest, flatten(app.query_one(ModelViews).shown_params))
