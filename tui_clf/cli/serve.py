"""`tui-clf serve`: the app in browsers, one app process per browser, with the settings given here.

textual-serve (the optional extra `tui-clf[serve]`) runs a shell command for each browser that
opens the page. That command is this interpreter running `tui-clf tui` with every `tui` option
given here, each word quoted by shlex: no text from the command line reaches the shell unquoted.
It listens on 127.0.0.1 unless --host says otherwise, and says on stderr who can reach it.
"""

from __future__ import annotations

import inspect
import ipaddress
import shlex
import socket
import sys
from enum import Enum
from typing import Annotated, Any

import typer

from tui_clf.cli import options as opt
from tui_clf.cli.run_options import with_run_options
from tui_clf.cli.exit_codes import ExitCode
from tui_clf.cli.failures import fail, reports_failures
from tui_clf.cli.tui import TourStop, tui
from tui_clf.signals import Interrupted
from tui_clf.views.tour import get_stop

SERVER = "Server"
EXTRA = "pip install 'tui-clf[serve]'"

Host = Annotated[
    str,
    typer.Option("--host", help="The address to listen on; 0.0.0.0 lets any machine on the network in.", rich_help_panel=SERVER),
]
Port = Annotated[int, typer.Option("--port", min=1, max=65535, help="The port to listen on.", rich_help_panel=SERVER)]


@reports_failures
@with_run_options()
def serve(
    ctx: typer.Context,
    host: Host = "127.0.0.1",
    port: Port = 8000,
    tour_stop: TourStop = None,
    *,
    run_options: dict[str, Any],
) -> None:
    """Serve the app to web browsers: each browser that opens the page gets its own app with these settings."""
    opt.run_config(run_options).load()  # a wrong option or data file fails here, once, not in every browser
    if tour_stop is not None:
        get_stop(tour_stop)
    try:
        from tui_clf.cli.app_server import AppServer  # textual-serve and aiohttp load only for this command
    except ImportError as missing:
        package = (missing.name or "textual_serve").partition(".")[0]
        raise fail(f"`tui-clf serve` needs textual-serve, an optional extra ({package} is not installed): {EXTRA}", ExitCode.USAGE) from None
    server = AppServer(app_command(ctx), host, port)
    try:
        socket.create_server((host, port)).close()  # a port in use fails here, before the lines that say where to go
        print(where_to_find_it(host, port), file=sys.stderr)
        server.serve()
    except OSError as error:
        raise fail(f"cannot listen on {host} port {port}: {error.strerror or error}", ExitCode.USAGE) from None
    if server.stopped_by is not None:
        raise Interrupted(server.stopped_by)


def app_command(ctx: typer.Context) -> str:
    """The shell command that opens one browser's app: `exec python -P -m tui_clf tui` and the `tui` options given.

    `exec`: the app replaces the shell, so it is the server's own child and its signals reach it.
    `-P`: the app imports the installed tui_clf, never a folder of that name where the server was started.
    """
    argv = [sys.executable, "-P", "-m", "tui_clf", "tui", *given_options(ctx, inspect.signature(tui).parameters)]
    return f"exec {shlex.join(argv)}"


def given_options(ctx: typer.Context, names: object) -> list[str]:
    """The options among `names` that were given to this command, written as the command line spells them.

    Left-out options (None) stay left out, so a --config file means in the app what it means here.
    `--name=value` keeps a value that starts with a dash a value.
    """
    argv = []
    for param in ctx.command.params:
        value = ctx.params.get(param.name)
        if param.name not in names or value is None:
            continue
        if param.is_flag and param.secondary_opts:
            argv.append(param.opts[0] if value else param.secondary_opts[0])
        else:
            argv.append(f"{param.opts[0]}={value.value if isinstance(value, Enum) else value}")
    return argv


def where_to_find_it(host: str, port: int) -> str:
    """The lines for stderr: the address, and who can reach it."""
    if is_loopback(host):
        return (
            f"tui-clf: serving the app at {url(host, port)}; each browser that opens it gets its own app (Ctrl-C stops them all)\n"
            f"tui-clf: listening on {host} only: other machines cannot reach it; from another machine, tunnel: "
            f"ssh -L {port}:localhost:{port} {socket.gethostname()}, then open http://localhost:{port}"
        )
    shown = socket.gethostname() if host in ("0.0.0.0", "::") else host
    return (
        f"tui-clf: serving the app at {url(shown, port)}; each browser that opens it gets its own app (Ctrl-C stops them all)\n"
        f"tui-clf: warning: listening on {host}: anyone who can reach this machine on the network can open the app "
        "and run it here, with no password; --host 127.0.0.1 keeps it to this machine"
    )


def is_loopback(host: str) -> bool:
    """Whether `host` is this machine only (localhost, 127.x.y.z, ::1)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def url(host: str, port: int) -> str:
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"
