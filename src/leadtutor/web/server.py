"""The web server behind `leadtutor serve`: textual-serve, with leadtutor's own page,
one tracked app process per browser tab, and a shutdown that saves every tab.

textual-serve (pinned in constraints.txt) starts a process per websocket and relays
bytes; this module adds what a tutorial needs on top:
- each tab's process is started without a shell, in a session of its own, and recorded,
  so stopping the server (Ctrl+C, SIGTERM, SIGHUP) sends each one SIGTERM, which the app
  handles like quitting (save, then leave), and waits for it;
- the page asks the browser for nothing outside this server (no web font service) and
  derives its websocket address from the request, so it works behind a reverse proxy
  and on `--host 0.0.0.0` (or from `--public-url` when a proxy adds a path);
- logging never prints local variables (a keystroke could be part of an answer).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import signal
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import aiohttp_jinja2
from aiohttp import web
from aiohttp.web_runner import GracefulExit
from textual_serve.app_service import AppService
from textual_serve.server import Server

log = logging.getLogger("textual-serve")

STOP_WAIT = 10.0
"""Seconds a tab's app gets to save and leave after SIGTERM before it is killed."""
TEMPLATES = Path(__file__).with_name("templates")
_SAFE_HOST = re.compile(r"^[A-Za-z0-9.:\[\]_-]+$")


class TabSession(AppService):
    """One browser tab's app process (textual-serve's `AppService`, started with
    `argv` directly instead of through a shell, in a new session)."""

    def __init__(self, argv: Sequence[str], **kwargs: Any) -> None:
        super().__init__(" ".join(argv), **kwargs)
        self.argv = list(argv)
        self.process: asyncio.subprocess.Process | None = None

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Any:
        environment = self._build_environment(width=width, height=height)
        self.process = process = await asyncio.create_subprocess_exec(
            *self.argv,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=environment,
            start_new_session=True,  # the server's Ctrl+C is the server's to handle
        )
        self._process = process
        assert process.stdin is not None
        self._stdin = process.stdin
        return process

    async def close(self) -> None:
        """The tab is gone: ask the app to quit (it saves first); SIGTERM it if it lingers."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.stop(), STOP_WAIT)
        await self.terminate()

    async def terminate(self, wait: float = STOP_WAIT) -> int | None:
        """SIGTERM the app (it saves and leaves), wait for it, kill it if it hangs."""
        process = self.process
        if process is None:
            return None
        if process.returncode is None:
            try:
                process.send_signal(signal.SIGTERM)
                await asyncio.wait_for(process.wait(), wait)
            except ProcessLookupError:
                pass
            except TimeoutError:
                log.warning("a session did not stop in %.0f s; killing it", wait)
                process.kill()
                await process.wait()
        return process.returncode


class TutorServer(Server):
    """textual-serve's `Server` running `argv` once per browser tab."""

    def __init__(
        self,
        argv: Sequence[str],
        *,
        host: str,
        port: int,
        title: str,
        public_url: str | None = None,
        banner: Callable[[], None] = lambda: None,
    ) -> None:
        super().__init__(
            " ".join(argv),
            host=host,
            port=port,
            title=title,
            public_url=public_url,
            templates_path=TEMPLATES,
        )
        self.argv = list(argv)
        self.fixed_public_url = public_url.rstrip("/") if public_url else None
        self.banner = banner
        self.sessions: set[TabSession] = set()
        self.stopping = False

    # -- start and stop ---------------------------------------------------------

    def initialize_logging(self) -> None:
        logging.basicConfig(
            level=logging.INFO if self.debug else logging.WARNING,
            format="leadtutor serve: %(message)s",
            stream=sys.stderr,
        )

    def serve(self, debug: bool = False) -> None:
        """Serve until Ctrl+C, SIGTERM or SIGHUP; then save and stop every tab's app.

        Like textual-serve's own `serve()`, but the banner is printed once the port is
        really listening, and SIGHUP (the terminal closing) stops it the same way.

        Raises:
            OSError: The address could not be bound.
        """
        self.debug = debug
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            loop.add_signal_handler(signum, self.request_exit)
        web.run_app(
            self._make_app(),
            host=self.host,
            port=self.port,
            handle_signals=False,
            loop=loop,
            print=lambda *_: self.banner(),
            access_log=None,
        )

    def request_exit(self) -> None:
        if self.stopping:
            return  # already saving and stopping; a second Ctrl+C must not cut it short
        self.stopping = True
        raise GracefulExit()

    async def on_startup(self, app: web.Application) -> None:
        """textual-serve prints its logo here; leadtutor's banner comes once listening."""

    async def on_shutdown(self, app: web.Application) -> None:
        self.stopping = True
        sessions = list(self.sessions)
        if sessions:
            noun = "session" if len(sessions) == 1 else "sessions"
            print(f"Saving and closing {len(sessions)} open {noun}…", flush=True)
        await asyncio.gather(*(session.terminate() for session in sessions))

    # -- the page and the websocket ---------------------------------------------

    def _base_url(self, request: web.Request) -> str:
        if self.fixed_public_url:
            return self.fixed_public_url
        scheme = request.headers.get("X-Forwarded-Proto", request.scheme).split(",")[0]
        host = request.headers.get("X-Forwarded-Host", request.host).split(",")[0].strip()
        if scheme.strip() not in ("http", "https") or not _SAFE_HOST.match(host):
            scheme, host = request.scheme, f"{self.host}:{self.port}"
        return f"{scheme.strip()}://{host}"

    @aiohttp_jinja2.template("app_index.html")
    async def handle_index(self, request: web.Request) -> dict[str, Any]:
        base = self._base_url(request)
        socket_url = ("wss:" if base.startswith("https:") else "ws:") + base.split(":", 1)[1]
        try:
            font_size = max(8, min(40, int(request.query.get("fontsize", "16"))))
        except ValueError:
            font_size = 16
        return {
            "font_size": font_size,
            "app_websocket_url": f"{socket_url}/ws",
            "config": {"static": {"url": f"{base}/static/"}},
            "application": {"name": self.title},
        }

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        websocket = web.WebSocketResponse(heartbeat=15)
        if self.stopping:
            raise web.HTTPServiceUnavailable(text="leadtutor is stopping")
        width = _int(request.query.get("width"), 80)
        height = _int(request.query.get("height"), 24)
        session: TabSession | None = None
        try:
            await websocket.prepare(request)
            session = TabSession(
                self.argv,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=websocket.close,
                download_manager=self.download_manager,
                debug=self.debug,
            )
            self.sessions.add(session)
            await session.start(width, height)
            await self._process_messages(websocket, session)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:
            log.error("a browser session failed: %s", type(error).__name__)
        finally:
            if session is not None:
                await session.close()
                self.sessions.discard(session)
        return websocket


def _int(value: str | None, default: int) -> int:
    try:
        return max(10, min(1000, int(value or default)))
    except ValueError:
        return default
