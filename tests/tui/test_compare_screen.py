"""Compare (c): the binary losses race in lock step in the app, with the numbers of engine.compare run headless.

Driven with keys pressed at once (faster than a person), on blobs-outliers, where the
lecture's point shows: squared error ends with more training errors than cross-entropy and
hinge, and the 0-1 loss is stalled from its first step.
"""

from __future__ import annotations

import numpy as np
from app_pilot import press_at_once, ready, screen_text, wait_for

from engine.compare import BINARY_LOSSES, COMPARE_EPOCHS, COMPARE_TARGET_ERROR, Contender, LockStep, Status
from tui_clf.app.app import ClassifierApp
from tui_clf.app.widgets.compare_screen import CompareScreen
from tui_clf.config import RunConfig
from tui_clf.views.formatting import number


def compare_app(**options) -> ClassifierApp:
    return ClassifierApp(RunConfig.from_sources(None, data="blobs-outliers", **options), show_timings=False, pace=0)


async def open_compare(pilot) -> CompareScreen:
    app = await ready(pilot)
    await press_at_once(pilot, "c")
    await wait_for(pilot, lambda: isinstance(app.screen, CompareScreen) and bool(app.screen.first_costs), "the race to be built")
    return app.screen


def headless_race(config: RunConfig) -> LockStep:
    """The race the screen runs, built from the same config without the app."""
    race_config = config.updated(loss="cross-entropy", epochs=COMPARE_EPOCHS)
    data = race_config.prepare(race_config.load())
    contenders = [Contender(name, race_config.training.lr) for name in BINARY_LOSSES]
    return LockStep(data, race_config.training, contenders, COMPARE_TARGET_ERROR)


async def test_the_race_runs_to_the_end_and_shows_the_numbers_of_the_headless_race():
    app = compare_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_compare(pilot)
        await press_at_once(pilot, "space")
        await wait_for(pilot, lambda: screen.steps == COMPARE_EPOCHS and not screen.running, "the race to end")
        race = headless_race(app.config)
        finals = race.run()
        table = screen.query_one("#race-table")
        for name, final in finals.items():
            row = [str(cell) for cell in table.get_row(name)]
            assert row[2] == f"{100 * final.train_error:.1f}%", (name, row)
            assert race.standings[name].status in row[-1], (name, row)
        assert race.standings["zero-one"].status is Status.STALLED
        assert finals["squared-error"].train_error > finals["cross-entropy"].train_error
        assert finals["squared-error"].train_error > finals["hinge"].train_error
        text = "\n".join(screen_text(app))
        assert "zero-one stalled" in text and "gradient is 0" in text


async def test_keys_pressed_at_once_step_in_lock_step_and_restart_from_the_same_start():
    app = compare_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_compare(pilot)
        start = dict(screen.first_costs)
        await press_at_once(pilot, "s", "s", "s")
        await wait_for(pilot, lambda: screen.steps == 3, "three rounds")
        running = [name for name, standing in screen.standings.items() if standing.status is Status.RUNNING]
        assert all(screen.standings[name].steps == 3 for name in running)
        await press_at_once(pilot, "space", "space", "r", "s")
        await wait_for(pilot, lambda: screen.steps == 1, "one round of a new race")
        assert screen.first_costs == start  # the same initial weights: the same costs at step 0
        steps, _ = screen.curves["cross-entropy"].series["train_cost"].points()
        np.testing.assert_array_equal(steps, [0, 1])


async def test_space_in_compare_drives_the_race_not_the_app_and_escape_goes_back():
    app = compare_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_compare(pilot)
        await press_at_once(pilot, "s")
        await wait_for(pilot, lambda: screen.steps == 1, "one round")
        assert app.progress.steps == 0  # the app's own trainer did not move
        await press_at_once(pilot, "escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, CompareScreen), "the app's screen")
        await press_at_once(pilot, "s")
        await wait_for(pilot, lambda: app.progress.steps == 1, "the app's own step")


async def test_each_rows_status_says_ready_before_the_race_running_while_it_runs_and_paused_after():
    app = ClassifierApp(RunConfig.from_sources(None, data="blobs-outliers"), show_timings=False, pace=10)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_compare(pilot)
        table = screen.query_one("#race-table")

        def statuses() -> set[str]:
            return {str(table.get_row(name)[-1]) for name in BINARY_LOSSES if name != "zero-one"}

        await wait_for(pilot, lambda: table.row_count == len(BINARY_LOSSES), "a row for every loss")
        assert statuses() == {"· ready"}
        assert "stalled" not in str(table.get_row("zero-one")[-1])  # nothing has run: nothing is stalled yet
        await press_at_once(pilot, "space")
        assert statuses() == {"▶ running"}  # at the key, before any news from the race
        await wait_for(pilot, lambda: screen.steps >= 2, "two rounds")
        await press_at_once(pilot, "space")
        assert statuses() == {"‖ paused"}
        await wait_for(pilot, lambda: not screen.running and screen.steps > 0, "the pause")
        await pilot.pause(0.2)  # news of the last round before the pause arrives after it
        assert statuses() == {"‖ paused"}


async def test_a_loss_that_diverged_shows_the_weights_it_kept_from_that_step_as_compare_in_the_shell_does():
    app = compare_app(lr=20.0)  # squared error diverges at its second step, the others run on
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_compare(pilot)
        await press_at_once(pilot, "s", "s", "s")
        await wait_for(pilot, lambda: screen.steps == 3, "three rounds")
        race = headless_race(app.config)
        for _ in range(3):
            race.step()
        assert race.standings["squared-error"].status is Status.DIVERGED
        kept = race.final_records()["squared-error"]  # what `tui-clf compare` reports for it
        row = [str(cell) for cell in screen.query_one("#race-table").get_row("squared-error")]
        assert row[2] == f"{100 * kept.train_error:.1f}%" and row[3] == f"{100 * kept.val_error:.1f}%", row
        assert row[4] == number(kept.train_cost), row
        notes = str(screen.query_one("#race-notes").render())
        assert "squared-error diverged: the cost" in notes and "diverged: diverged" not in notes


async def test_every_stopped_loss_has_its_reason_on_screen_at_80x24():
    # A user's try: on breast_cancer at lr 20 three losses stop, and the notes had two lines: the zero-one
    # note's second line hid both divergences.
    app = ClassifierApp(RunConfig.from_sources(None, data="breast_cancer", lr=20.0), show_timings=False, pace=0)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_compare(pilot)
        await press_at_once(pilot, "s", "s", "s")
        await wait_for(pilot, lambda: screen.steps == 3, "three rounds")
        stopped = {name for name, standing in screen.standings.items() if standing.status in (Status.DIVERGED, Status.STALLED)}
        assert {"zero-one", "squared-error", "cross-entropy-naive"} <= stopped
        text = "\n".join(screen_text(app))
        for name in stopped:
            assert f"{name} {screen.standings[name].status}" in text, name


async def test_on_three_classes_the_title_says_which_class_races_against_the_rest():
    app = ClassifierApp(RunConfig.from_sources(None, data="iris"), show_timings=False, pace=0)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_compare(pilot)
        title = screen_text(app)[0]
        assert "Compare · iris (setosa vs rest) · 300 epochs" in title, title
        assert screen.config.positive_class == app.session.config.positive_class == "setosa"
