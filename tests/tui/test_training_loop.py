"""The worker's loop: the engine's steps, in batches of at most FLUSH_SECONDS, paced, interruptible."""


from engine.pipeline import make_trainer
from engine.records import StopKind
from tui_clf.app.training_loop import FLUSH_SECONDS, RunControls, run_in_batches
from tui_clf.config import RunConfig


def trainer_for(**options):
    config = RunConfig.from_sources(None, **options)
    return make_trainer(config.prepare(config.load()), config.training)


class FakeClock:
    """A clock that moves `tick` seconds each time it is read: time without sleeping."""

    def __init__(self, tick: float) -> None:
        self.now, self.tick = 0.0, tick

    def __call__(self) -> float:
        self.now += self.tick
        return self.now


def test_batches_are_published_at_most_every_flush_interval_and_drop_nothing():
    batches = []
    trainer = trainer_for(epochs=500)
    stop = run_in_batches(
        trainer,
        max_steps=None,
        interrupted=lambda: False,
        controls=RunControls(),
        publish=lambda records, progress, rate: batches.append(records),
        clock=FakeClock(FLUSH_SECONDS / 4),  # each step "takes" a quarter of the interval
    )
    assert stop.kind == StopKind.FINISHED
    steps = [r.step for batch in batches for r in batch]
    assert steps == list(range(1, 501))
    assert max(len(batch) for batch in batches) <= 5, "a batch lasted well past FLUSH_SECONDS"
    assert len(batches) >= 100


def test_between_batches_a_run_takes_a_new_learning_rate_from_the_next_step():
    trainer = trainer_for(lr=0.1)
    lrs, waiting = [], []

    def publish(records, progress, rate):
        lrs.extend(r.lr for r in records)
        if len(lrs) == 3:
            waiting.append(0.5)

    def between_batches():
        if waiting:
            trainer.lr = waiting.pop()

    stop = run_in_batches(
        trainer, max_steps=6, interrupted=lambda: False, controls=RunControls(), publish=publish,
        between_batches=between_batches, clock=FakeClock(FLUSH_SECONDS),  # one step per batch
    )
    assert stop is None
    assert lrs == [0.1, 0.1, 0.1, 0.5, 0.5, 0.5]


def test_a_pace_limits_each_batch_and_waits_out_the_rest_of_its_time():
    waits, batches = [], []
    run_in_batches(
        trainer_for(),
        max_steps=9,
        interrupted=lambda: False,
        controls=RunControls(pace=30),
        publish=lambda records, progress, rate: batches.append(len(records)),
        wait=waits.append,
        clock=FakeClock(0.001),
    )
    assert batches == [3, 3, 3]
    assert len(waits) == 2 and all(0.05 < w < 0.1 for w in waits)


def test_an_interrupted_run_stops_after_the_step_in_progress_and_publishes_it():
    trainer = trainer_for(epochs=1000)
    published = []
    stop = run_in_batches(
        trainer,
        max_steps=None,
        interrupted=lambda: trainer.steps >= 1,  # a key arrives while the first step runs
        controls=RunControls(),
        publish=lambda records, progress, rate: published.extend(records),
    )
    assert stop is None
    assert [r.step for r in published] == [1], "the step in progress is still published"


def test_a_run_interrupted_before_it_starts_still_takes_its_first_step():
    trainer = trainer_for(epochs=1000)
    run_in_batches(trainer, max_steps=None, interrupted=lambda: True, controls=RunControls(), publish=lambda *batch: None)
    assert trainer.steps == 1


def test_a_finished_run_says_so_without_stepping():
    trainer = trainer_for(epochs=1)
    trainer.run()
    stop = run_in_batches(trainer, max_steps=None, interrupted=lambda: False, controls=RunControls(), publish=None)
    assert stop.kind == StopKind.FINISHED


def test_a_longer_flush_interval_gathers_more_steps_per_batch_and_drops_none():
    batches = []
    run_in_batches(
        trainer_for(epochs=1000),
        max_steps=40,
        interrupted=lambda: False,
        controls=RunControls(flush_seconds=4 * FLUSH_SECONDS),  # what the frame budget asks while frames are costly
        publish=lambda records, progress, rate: batches.append([r.step for r in records]),
        clock=FakeClock(FLUSH_SECONDS),  # each step "takes" a whole default interval
    )
    assert [step for batch in batches for step in batch] == list(range(1, 41))
    assert max(len(batch) for batch in batches) >= 3, "the batch ended after the default interval, not the one asked"
    assert max(len(batch) for batch in batches) <= 5  # one reading of the clock past the interval at most
