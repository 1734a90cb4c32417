"""A signal that lands in a finalizer, which swallows any exception, still stops the run between two steps.

Dask's futures release themselves in `__del__`; a Ctrl-C raised there printed "Exception
ignored" and the run went on to its last epoch (a CI run of `train --cluster` hung so).
"""

import contextlib
import signal
import sys

import pytest
import typer

from engine import TrainConfig, Trainer
from engine.data import load_dataset
from engine.pipeline import prepare
from tui_clf import signals
from tui_clf.cli.failures import reports_failures
from tui_clf.cli.progress import train_to_end

SIGNAL_AT_STEP = 5


class RaisesTheSignalWhenCollected:
    """An object whose finalizer receives the signal, as a Dask future's `__del__` did."""

    def __del__(self) -> None:
        signal.raise_signal(signal.SIGINT)  # the handler runs here, inside the finalizer


@pytest.fixture
def installed_handlers():
    before = {signum: signal.getsignal(signum) for signum in signals.HANDLED}
    hook = sys.unraisablehook
    signals.install()
    yield
    with contextlib.suppress(signals.Interrupted):
        signals.raise_if_swallowed()  # a failed test leaves no signal behind for the next
    for signum, handler in before.items():
        signal.signal(signum, handler)
    sys.unraisablehook = hook


def test_a_signal_swallowed_by_a_finalizer_stops_the_run_at_the_next_step_without_a_traceback(installed_handlers, capsys):
    data = prepare(load_dataset("breast_cancer")).train
    trainer = Trainer(data.X, data.y, data.n_classes, TrainConfig(loss="cross-entropy", epochs=10_000))

    def keep(record) -> None:
        if record.step == SIGNAL_AT_STEP:
            RaisesTheSignalWhenCollected()  # dropped at once: its finalizer runs now

    run = train_to_end(trainer, keep)
    assert run.interrupted is not None and run.interrupted.signum == signal.SIGINT
    assert trainer.steps == SIGNAL_AT_STEP
    assert "Exception ignored" not in capsys.readouterr().err
    signals.raise_if_swallowed()  # caught once: nothing left to raise again


def test_a_command_during_which_a_finalizer_swallowed_a_signal_ends_with_the_signals_code(installed_handlers, capsys):
    @reports_failures
    def command() -> None:
        RaisesTheSignalWhenCollected()  # swallowed in the middle of the command, which goes on to its end

    with pytest.raises(typer.Exit) as ended:
        command()
    assert ended.value.exit_code == 130
    assert capsys.readouterr().err == "tui-clf: error: interrupted by Ctrl-C (SIGINT)\n"
