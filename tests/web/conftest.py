"""Helpers for the web tests: a tiny course, a free loopback port, the real
`leadtutor serve` in a child process, and a browser tab spoken to over the websocket."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import queue
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import write_course

LESSON = """---
title: First steps
id: first-steps
minutes: 2
---

A short opening paragraph for the web test.

:::{reflect} first-thought
What is on your mind today?
:::

Closing words.
"""


def tiny_course(root: Path) -> Path:
    """A one-lesson course whose first reflection is on the first screen."""
    return write_course(root, {"01-web/01-first.md": LESSON}, "web-course")


def free_port() -> int:
    """A TCP port nothing listens on right now, on 127.0.0.1."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def progress_text(data_dir: Path, course_id: str = "web-course") -> str:
    """The progress file's text, or '' before it exists."""
    path = data_dir / course_id / "progress.json"
    return path.read_text(encoding="utf-8") if path.exists() else ""


def alive(pid: int) -> bool:
    """Whether a process exists (and is not a zombie)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def children(pid: int) -> list[int]:
    """The live child processes of `pid` (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(entry.name))
    return found


class Served:
    """`leadtutor serve` on a free loopback port, in its own process group."""

    def __init__(self, course: Path, data_dir: Path, *extra: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.data_dir = data_dir
        command = [sys.executable, "-m", "leadtutor", "serve", "--port", str(self.port)]
        command += ["--course", str(course), "--data-dir", str(data_dir), *extra]
        self.process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.output: list[str] = []
        self.seen_sessions: set[int] = set()
        threading.Thread(target=self._read, daemon=True).start()
        self.wait_for_line("Serving")

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.output.append(line)
            self.lines.put(line)

    def wait_for_line(self, needle: str, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.2)
            except queue.Empty:
                if self.process.poll() is not None and self.lines.empty():
                    break
                continue
            if needle in line:
                return line
        raise AssertionError(f"the server never printed {needle!r}:\n{''.join(self.output)}")

    def sessions(self) -> list[int]:
        """The app processes (one per browser tab) running now."""
        found = children(self.process.pid)
        self.seen_sessions.update(found)
        return found

    def stop(self, sig: int = signal.SIGINT, timeout: float = 40) -> int:
        """Signal the server as Ctrl+C would and wait for it to finish."""
        self.sessions()
        self.process.send_signal(sig)
        try:
            return self.process.wait(timeout=timeout)
        finally:
            time.sleep(0.1)  # let the reader thread take the last lines

    def close(self) -> None:
        """Whatever happened, leave no process behind."""
        with contextlib.suppress(Exception):
            self.sessions()
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        for pid in self.seen_sessions:
            if alive(pid):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)


@pytest.fixture
def course(tmp_path: Path) -> Path:
    """The tiny course."""
    return tiny_course(tmp_path / "course")


@pytest.fixture
def served(course: Path, tmp_path: Path) -> Iterator[Served]:
    """A running server on the tiny course, with a private data folder."""
    server = Served(course, tmp_path / "data")
    try:
        yield server
    finally:
        server.close()


_ESCAPES = re.compile(
    rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][A-Z0-9]|\x1b[=>78]"
)


def _plain(data: bytes) -> str:
    return _ESCAPES.sub(b"", data).decode("utf-8", "replace")


class Tab:
    """What a browser tab does, without the browser: the websocket textual.js opens."""

    def __init__(self, url: str, width: int = 100, height: int = 30) -> None:
        self.url = url.replace("http://", "ws://") + f"/ws?width={width}&height={height}"
        self.size = {"width": width, "height": height}
        self.output = bytearray()
        self.closed = asyncio.Event()
        self._session: Any = None
        self._socket: Any = None
        self._reader: asyncio.Task[None] | None = None

    async def __aenter__(self) -> Tab:
        import aiohttp

        self._session = aiohttp.ClientSession()
        try:
            self._socket = await self._session.ws_connect(self.url)
        except BaseException:
            await self._session.close()
            raise
        await self._socket.send_str(json.dumps(["resize", self.size]))
        self._reader = asyncio.create_task(self._read())
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def close(self) -> None:
        if self._socket is not None:
            await self._socket.close()
        if self._reader is not None:
            await asyncio.wait_for(self._reader, 20)
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def _read(self) -> None:
        import aiohttp

        async for message in self._socket:
            if message.type == aiohttp.WSMsgType.BINARY:
                self.output.extend(message.data)
        self.closed.set()

    def text(self) -> str:
        """Everything the app has drawn, without escape sequences."""
        return _plain(bytes(self.output))

    async def type(self, text: str) -> None:
        await self._socket.send_str(json.dumps(["stdin", text]))

    def mark(self) -> int:
        """A point in the output, for `wait_for(since=...)`."""
        return len(self.output)

    async def wait_for(self, needle: str, timeout: float = 60, since: int = 0) -> None:
        deadline = time.monotonic() + timeout
        while needle not in _plain(bytes(self.output[since:])):
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"{needle!r} never appeared; the app drew:\n{self.text()[-3000:]}"
                )
            await asyncio.sleep(0.05)

    async def focus_reflection(self) -> None:
        """Tab to the first reflection, as a learner would; check by typing into it."""
        for _ in range(8):
            await self.type("\t")
            await asyncio.sleep(0.3)
            mark = self.mark()
            await self.type("x")  # no key binding: harmless if the box is not focused yet
            try:
                await self.wait_for("1 word", timeout=3, since=mark)
            except AssertionError:
                continue
            mark = self.mark()
            await self.type("\x7f")  # backspace
            await self.wait_for("0 words", since=mark)
            return
        raise AssertionError(f"tab never reached the reflection:\n{self.text()[-3000:]}")
