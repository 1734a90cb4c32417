"""The app's training pace against headless `Trainer.run`, and one cost-curve redraw, in one run.

The real ClassifierApp runs headless at 120 x 40 with the live curves and the default model
view on screen; space starts it as fast as it goes (pace 0) for `--seconds`. Its steady pace is
the steps/s the UI thread shows from its third batch of steps to its last: the first two come at
FLUSH_SECONDS while the frame budget measures what a frame costs, and take the run's start (the
welcome notice leaving, the footer's Pause); the pace from the first batch on is printed beside
it. Headless is `Trainer.run` of the same config for as many steps, on a fresh trainer. The two
alternate (app, headless, app, headless...) so that a load on the machine hits both;
each figure is the median of `--rounds`. Targets (issue 14): app >= 90% of headless, a curve
redraw (the cost plot's render and its strips at 120 x 40 over a long history) under 10 ms.
The redraw is measured first (a second); each figure is printed as soon as it is measured. The
default run takes about 2 minutes. It used to take more than 15: in the minibatch case the UI
thread waited 5 ms for the GIL at every loop turn while the worker stepped, so the key that
pauses the run took minutes (now the worker waits for each batch to be drawn: jobs.py).

    python benchmarks/app_vs_headless.py [--seconds 4] [--rounds 3] [--history 100000]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time

from textual.message import Message
from textual.visual import Visual, visualize

from engine.pipeline import make_trainer
from engine.records import StepRecord
from tui_clf.app.app import ClassifierApp
from tui_clf.app.messages import StepsTaken
from tui_clf.app.widgets.curve_plot import CurvePlot
from tui_clf.config import RunConfig

SIZE = (120, 40)
RATIO_TARGET = 0.90
REDRAW_TARGET_MS = 10.0
# The batch the steady pace is counted from: the first two come at FLUSH_SECONDS, with the run's start.
STEADY_FROM = 2
# Enough epochs that no run ends before its steps are counted.
EPOCHS = 10**7
CASES = {
    "blobs-overlap, full batch": dict(data="blobs-overlap"),
    "breast_cancer, full batch": dict(data="breast_cancer"),
    "breast_cancer, batch 32": dict(data="breast_cancer", batch_size=32),
}


def config_for(options: dict) -> RunConfig:
    return RunConfig.from_sources(None, epochs=EPOCHS, **options)


def headless_rate(config: RunConfig, steps: int) -> float:
    """Steps per second of `Trainer.run(steps)` on a fresh trainer of `config` (its first step measures
    the initial weights, as the app's first does)."""
    trainer = make_trainer(config.prepare(config.load()), config.training)
    start = time.perf_counter()
    trainer.run(steps)
    return steps / (time.perf_counter() - start)


async def app_rate(config: RunConfig, seconds: float) -> tuple[float, float, int]:
    """Steps per second the app shows in a steady run, the same from its first batch on, and the steps of the steady part.

    Between batch STEADY_FROM (the first) and the last batch of steps the app handles in `seconds`
    after space: the start of the worker is left out, the UI thread's work on every batch is in.
    """
    app = ClassifierApp(config, show_timings=False, pace=0)
    shown: list[tuple[float, int]] = []  # (when the UI thread took a batch, the steps it brings the screen to)

    def hook(message: Message) -> None:
        if isinstance(message, StepsTaken):
            shown.append((time.perf_counter(), message.progress.steps))

    async with app.run_test(size=SIZE, message_hook=hook) as pilot:
        while app.session is None:
            await pilot.pause(0.01)
        await pilot.pause(0.2)  # the first frames drawn, as a person would press space after them
        await pilot.press("space")
        await asyncio.sleep(seconds)
        await pilot.press("space")
    if len(shown) < STEADY_FROM + 2:
        raise SystemExit(f"only {len(shown)} batches in {seconds:g} s: run longer (--seconds)")
    (first, first_steps), (steady, steady_steps), (last, last_steps) = shown[0], shown[STEADY_FROM], shown[-1]
    return (last_steps - steady_steps) / (last - steady), (last_steps - first_steps) / (last - first), last_steps - steady_steps


def records(first: int, count: int) -> list[StepRecord]:
    """`count` records of a falling cost from step `first` on."""
    return [StepRecord(i, i, 1.0 / i, 1.0 / i, 0.1, 1.1 / i, 1.1 / i, 0.12, 1.0 / i, 0.0, 0.1) for i in range(first, first + count)]


async def redraw_ms(history_steps: int, repeats: int) -> tuple[float, int]:
    """Median milliseconds of one redraw of the cost plot at 120 x 40 over `history_steps` records and more:
    plotext's build and the strips Textual gets, after each batch of 100 new steps (as in training);
    and the points the last redraw handed plotext."""
    app = ClassifierApp(config_for({}), show_timings=False, pace=0)
    async with app.run_test(size=SIZE) as pilot:
        while app.session is None:
            await pilot.pause(0.01)
        app.history.extend(records(1, history_steps))
        await pilot.pause(0.1)
        plot = app.query_one("#cost-plot", CurvePlot)
        times = []
        for batch in range(repeats):
            app.history.extend(records(history_steps + 1 + 100 * batch, 100))
            began = time.perf_counter()
            Visual.to_strips(plot, visualize(plot, plot.render()), *plot.size, plot.visual_style)
            times.append(time.perf_counter() - began)
    return 1e3 * statistics.median(times), plot.points_drawn


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=4.0, help="how long each app run trains")
    parser.add_argument("--rounds", type=int, default=3, help="headless/app pairs per case (median)")
    parser.add_argument("--history", type=int, default=100_000, help="records behind the timed redraw")
    parser.add_argument("--redraws", type=int, default=50, help="redraws timed (median)")
    args = parser.parse_args()
    ms, points = asyncio.run(redraw_ms(args.history, args.redraws))
    verdict = "met" if ms < REDRAW_TARGET_MS else "NOT met"
    print(
        f"cost-curve redraw over {args.history:,} steps: {ms:.1f} ms median of {args.redraws}, {points} points to plotext"
        f" (target < {REDRAW_TARGET_MS:.0f} ms: {verdict})",
        flush=True,
    )
    print(f"app at {SIZE[0]} x {SIZE[1]} against Trainer.run, {args.seconds:g} s runs, median of {args.rounds} interleaved rounds", flush=True)
    for name, options in CASES.items():
        config = config_for(options)
        headless, app, whole = [], [], []
        for _ in range(args.rounds):
            rate, from_first, steps = asyncio.run(app_rate(config, args.seconds))
            app.append(rate)
            whole.append(from_first)
            headless.append(headless_rate(config, steps))
        h, a, w = statistics.median(headless), statistics.median(app), statistics.median(whole)
        verdict = "met" if a / h >= RATIO_TARGET else "NOT met"
        print(
            f"{name:28} headless {h:8,.0f} steps/s   app {a:8,.0f} steps/s   ratio {a / h:5.2f} (target {RATIO_TARGET:.2f}: {verdict})"
            f"   from the first batch {w / h:5.2f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
