"""Fixtures for the web tests: a tiny course, the real `leadtutor serve` on it
(`processes.Served`), and a browser tab spoken to over the websocket (`Tab`)."""

from __future__ import annotations

import asyncio
import json
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import write_course
from tests.web.processes import Served, alive, children, free_port, progress_text

__all__ = ["Served", "Tab", "alive", "children", "free_port", "progress_text", "tiny_course"]

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
