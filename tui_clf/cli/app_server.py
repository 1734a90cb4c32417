"""textual-serve's server, made to work without the internet, behind an ssh tunnel, and to say why it stopped.

textual-serve (1.1) runs `command` once per browser that opens the websocket of its page: each
browser gets its own app process, which ends when the browser leaves or the server stops. Four
changes to its defaults:
- its page links one stylesheet from the internet (Google Fonts' Roboto Mono); the page here uses
  the copy of that font textual-serve ships in its static folder, so nothing leaves the server;
- the page's own links (scripts, the websocket) point at the address the browser used, not at the
  bind address: through `ssh -L 9000:localhost:8000` the browser asks for localhost:9000;
- SIGINT, SIGTERM and SIGHUP stop it as each stops textual-serve, and it remembers which one came
  (`stopped_by`), so the command ends with that signal's exit code;
- stopping hangs up on every browser at once, which ends its app: aiohttp alone would wait up to
  60 s for open websockets while the apps ran on. An app that does not quit within APP_QUIT_SECONDS
  ends by itself once the server has gone (tui_clf.app.served).
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import signal
from dataclasses import dataclass

import aiohttp_jinja2
import jinja2
from aiohttp import web
from aiohttp.web_runner import GracefulExit
from textual_serve.server import Server

from tui_clf.signals import HANDLED

# How long stopping waits for the apps to quit (well under a second each, when the browser reads what they draw);
# an app stuck writing to a browser that stopped reading ends sooner once the server, its pipe's other end, has gone.
APP_QUIT_SECONDS = 3.0

# The page's one link to the internet, and what stands in its place: the same font, from the server.
GOOGLE_FONTS = re.compile(r"<link[^>]*fonts\.googleapis\.com[^>]*>", re.DOTALL)
SHIPPED_FONT = (
    "<style>@font-face { font-family: 'Roboto Mono'; "
    "src: url('{{ config.static.url }}fonts/RobotoMono-VariableFont_wght.ttf') format('truetype'); }</style>"
)


@dataclass(eq=False)  # each one is itself: a set holds them by identity
class Connection:
    """One browser's websocket: its request, the task that serves it, and a future done once it has ended (its app too)."""

    request: web.Request
    handler: asyncio.Task
    ended: asyncio.Future


class OfflinePage(jinja2.FileSystemLoader):
    """textual-serve's page templates, with the Google Fonts link replaced by the font it ships."""

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str | None, object]:
        source, filename, uptodate = super().get_source(environment, template)
        return GOOGLE_FONTS.sub(SHIPPED_FONT, source), filename, uptodate


class AppServer(Server):
    """Serves `command` (one app process per browser) on host:port until a signal stops it."""

    def __init__(self, command: str, host: str, port: int) -> None:
        super().__init__(command, host=host, port=port, title="tui-clf")
        self.stopped_by: int | None = None
        self.connections: set[Connection] = set()  # one per browser, each running its app

    def initialize_logging(self) -> None:
        super().initialize_logging()
        logging.getLogger().setLevel(logging.WARNING)  # errors only: not a line per request

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        aiohttp_jinja2.setup(app, loader=OfflinePage(self.templates_path))
        return app

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        # Set and used with no await in between (textual-serve renders the page at once): no other request can interleave.
        self.public_url = f"{request.scheme}://{request.host}"
        return await super().handle_index(request)

    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:
        connection = Connection(request, asyncio.current_task(), asyncio.get_running_loop().create_future())
        self.connections.add(connection)
        try:
            return await super().handle_websocket(request)
        finally:
            self.connections.discard(connection)
            connection.ended.set_result(None)

    async def on_shutdown(self, app: web.Application) -> None:
        # Hang up on every browser: textual-serve ends each connection as when a tab closes, telling its app to quit.
        connections = list(self.connections)
        for connection in connections:
            if connection.request.transport is not None:
                connection.request.transport.close()
        deadline = asyncio.get_running_loop().time() + APP_QUIT_SECONDS
        if connections:
            await asyncio.wait([connection.ended for connection in connections], timeout=APP_QUIT_SECONDS)
        await apps_exited(deadline)
        for connection in connections:
            if not connection.ended.done():
                connection.handler.cancel()  # its app ends by itself once the server has gone (tui_clf.app.served)

    async def on_startup(self, app: web.Application) -> None:
        # The CLI has said where it listens (on stderr); here the signals learn to say which one came.
        loop = asyncio.get_running_loop()
        for signum in HANDLED:
            loop.add_signal_handler(signum, self._stop_on, signum)

    def _stop_on(self, signum: signal.Signals) -> None:
        self.stopped_by = signum
        raise GracefulExit()


async def apps_exited(deadline: float) -> None:
    """Return once this process has no child left (its apps: asyncio reaps each one as it exits), or at `deadline`.

    A connection ends when its app closes its output, a moment before the process exits: the
    server waits for that too, so it never leaves an app behind it. waitid(WNOWAIT) only looks.
    """
    loop = asyncio.get_running_loop()
    while hasattr(os, "waitid") and loop.time() < deadline:
        try:
            os.waitid(os.P_ALL, 0, os.WEXITED | os.WNOHANG | os.WNOWAIT)
        except ChildProcessError:
            return
        await asyncio.sleep(0.05)
