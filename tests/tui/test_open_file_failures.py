"""Every failure to read a file reaches the open-file dialog, and no read outlives the app.

The dialog used to say "Reading ..." for ever for anything but the loader's own errors,
and for a FIFO (the read blocks until someone writes to it); the blocked read then kept the
process alive after q. A FIFO, a device or a directory is refused before it is opened; any
exception of the loader is one line in the dialog; a read still running when the app
quits runs on a daemon thread, which does not keep the process alive.
"""

from __future__ import annotations

import errno
import os
import threading
from pathlib import Path

import numpy as np
import pytest
from app_pilot import ready, wait_for
from textual.widgets import Input

import tui_clf.config
from tui_clf.app.widgets.notice_bar import NoticeBar
from tui_clf.app.widgets.open_file_screen import OpenFileScreen


def dialog_error(app) -> str:
    return str(app.screen.query_one("#open-error").content)


async def open_in_dialog(pilot, path: Path) -> str:
    """Type `path` in the open-file dialog and press enter; the line the dialog then shows, once it is not "Reading"."""
    app = pilot.app
    await pilot.press("o")
    assert isinstance(app.screen, OpenFileScreen)
    app.screen.query_one("#open-path", Input).value = str(path)
    await pilot.press("enter")
    await wait_for(pilot, lambda: dialog_error(app).startswith("✗"), "the dialog to say why the file was not read")
    return dialog_error(app)


def has_reader(fifo: Path) -> bool:
    """True if some process has the FIFO open for reading (opening its write end would then not fail)."""
    try:
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
    except OSError as error:
        assert error.errno == errno.ENXIO
        return False
    return True


@pytest.fixture
def fifo(tmp_path: Path):
    path = tmp_path / "pipe.csv"
    os.mkfifo(path)
    yield path
    if has_reader(path):  # only if the test failed: let a blocked read end, so the test run can
        with open(path, "w") as writer:
            writer.write("a,label\n")


async def test_a_fifo_is_refused_at_once_and_never_opened(make_app, fifo: Path):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        error = await open_in_dialog(pilot, fifo)
        assert str(fifo) in error and "FIFO" in error and "not a regular file" in error
        assert not has_reader(fifo), "the FIFO was opened for reading"
        await pilot.press("escape")
        assert app.session.dataset.name == "blobs-overlap"


async def test_a_fifo_given_at_start_up_is_refused_in_the_notice(make_app, fifo: Path):
    app = make_app(data=str(fifo))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: "FIFO" in app.query_one(NoticeBar).message, "the refusal")
        assert app.session is None and not has_reader(fifo)


async def test_with_no_data_the_empty_curves_say_how_to_get_some_not_to_train(make_app, tmp_path: Path):
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b,label\n1,2,0\n3,x,1\n")
    app = make_app(data=str(bad))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: "not a number" in app.query_one(NoticeBar).message, "the loader's error")
        await pilot.pause()
        cost = app.query_one("#cost-plot").render().plain
        assert app.session is None
        assert "cost: o opens a file" in cost and "space trains" not in cost


async def test_a_directory_is_refused_in_the_dialog(make_app, tmp_path: Path):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        error = await open_in_dialog(pilot, tmp_path)
        assert str(tmp_path) in error and "directory" in error


async def test_a_file_the_loader_fails_on_unexpectedly_is_named_in_the_dialog(make_app, tmp_path: Path):
    bad = tmp_path / "bad.npz"
    np.savez(bad, X=np.zeros((3, 2)), y=np.array([b"\xff", b"a", b"b"]))  # a UnicodeDecodeError in the loader today
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        error = await open_in_dialog(pilot, bad)
        assert str(bad) in error and "\n" not in error


async def test_any_exception_of_the_loader_reaches_the_dialog_as_one_line(make_app, tmp_path: Path, monkeypatch):
    def broken_loader(*args, **kwargs):
        raise RuntimeError("the loader broke\non two lines")

    good = tmp_path / "points.csv"
    good.write_text("a,b,label\n1,2,x\n3,4,y\n")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        monkeypatch.setattr(tui_clf.config, "load_dataset", broken_loader)
        error = await open_in_dialog(pilot, good)
        assert error == f"✗ {good}: cannot be read: RuntimeError: the loader broke on two lines"
        assert app.is_running


async def test_a_read_still_blocked_when_the_app_quits_is_on_a_daemon_thread(make_app, tmp_path: Path, monkeypatch):
    """A non-daemon thread blocked in a read is joined at exit: the process would never end."""
    release, reading = threading.Event(), threading.Event()
    readers: list[threading.Thread] = []

    def blocked_loader(*args, **kwargs):
        readers.append(threading.current_thread())
        reading.set()
        release.wait()
        raise OSError("released")

    slow = tmp_path / "slow.csv"
    slow.write_text("a,label\n1,x\n2,y\n")
    app = make_app()
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await ready(pilot)
            monkeypatch.setattr(tui_clf.config, "load_dataset", blocked_loader)
            await pilot.press("o")
            app.screen.query_one("#open-path", Input).value = str(slow)
            await pilot.press("enter")
            await wait_for(pilot, reading.is_set, "the read to start")
            await pilot.press("escape", "q")
        assert not app.is_running
        assert readers and all(thread.daemon for thread in readers), "the blocked read would keep the process alive"
        assert not [w for w in app.workers if not w.is_finished], "every worker ended with the app"
    finally:
        release.set()


async def test_a_file_that_fails_after_it_is_read_says_why_in_the_dialog_and_the_app_keeps_its_data(make_app, tmp_path: Path):
    # Read, then found unusable: standardising 1e308 overflows. The dialog used to close and the
    # refusal went to the notice bar.
    huge = tmp_path / "huge.csv"
    huge.write_text("a,b,label\n1,2,x\n1e308,4,y\n-1e308,5,x\n3,4,y\n")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        error = await open_in_dialog(pilot, huge)
        assert isinstance(app.screen, OpenFileScreen), "the dialog closed"
        assert str(huge) in error and "standardis" in error and "\n" not in error
        await pilot.press("escape")
        assert app.session.dataset.name == "blobs-overlap" and app.config.data == "blobs-overlap"
        await pilot.press("s")
        await wait_for(pilot, lambda: app.progress.steps == 1, "a step on the data the app kept")


async def test_a_good_file_opens_with_the_apps_loss_and_trains(make_app, tmp_path: Path):
    good = tmp_path / "points.csv"
    good.write_text("a,b,label\n" + "".join(f"{i % 7},{i % 5},{'xy'[i % 2]}\n" for i in range(40)))
    app = make_app(loss="hinge")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("o")
        app.screen.query_one("#open-path", Input).value = str(good)
        await pilot.press("enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, OpenFileScreen), "the dialog to close")
        await wait_for(pilot, lambda: app.session.config.data == str(good), "the file's session")
        assert app.session.config.training.loss == "hinge" and app.session.id == app._build_id
        await pilot.press("s")
        await wait_for(pilot, lambda: app.progress.steps == 1, "a step on the file's data")
