"""`tui-clf serve` refuses what cannot work before it listens, and says who can reach it."""

from __future__ import annotations

import socket
import subprocess
import sys

import pytest

from tui_clf.cli.serve import where_to_find_it


def run_serve(*args: str, before: str = "") -> subprocess.CompletedProcess:
    """`tui-clf serve ARGS` in a fresh interpreter, after running the Python statement `before`."""
    code = f"import sys\n{before}\nsys.argv = ['tui-clf', 'serve', *{list(args)!r}]\nfrom tui_clf.entry import main\nmain()"
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)


def test_without_textual_serve_it_names_the_extra_to_install_and_exits_2():
    result = run_serve("--port", "1", before="sys.modules['textual_serve'] = None  # as if it were not installed")
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "tui-clf: error: `tui-clf serve` needs textual-serve, an optional extra (textual_serve is not installed): pip install 'tui-clf[serve]'"
    ]


@pytest.mark.parametrize(
    ("args", "code", "says"),
    [
        (["--data", "no-such-file.csv"], 3, "no-such-file.csv"),
        (["--loss", "hinge", "--lr", "-1"], 2, "learning rate"),
        (["--tour-stop", "9.9"], 2, "no tour stop '9.9'"),
    ],
)
def test_bad_settings_fail_once_before_it_listens(args, code, says):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = run_serve("--port", str(port), *args)
    assert result.returncode == code, result.stderr
    assert len(result.stderr.splitlines()) == 1 and says in result.stderr
    assert "serving" not in result.stderr


def test_a_port_in_use_is_a_usage_error_naming_it():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_serve("--port", str(port))
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith(f"tui-clf: error: cannot listen on 127.0.0.1 port {port}: ")
    assert len(result.stderr.splitlines()) == 1, "nothing said where to find a server that is not there"


def test_on_loopback_it_says_no_other_machine_can_reach_it_and_how_to_tunnel():
    said = where_to_find_it("127.0.0.1", 8000)
    assert "serving the app at http://127.0.0.1:8000" in said
    assert "other machines cannot reach it" in said and "ssh -L 8000:localhost:8000" in said
    assert "warning" not in said
    assert "http://[::1]:8000" in where_to_find_it("::1", 8000)


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "lecture-hall.example"])
def test_on_any_other_address_it_warns_that_anyone_on_the_network_can_open_it(host):
    said = where_to_find_it(host, 8000)
    assert f"warning: listening on {host}: anyone who can reach this machine on the network can open the app" in said
    assert "cannot reach" not in said
