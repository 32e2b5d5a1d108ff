"""`leadtutor serve`: bad arguments, the loopback warning, and saving every browser
tab's answers however its session ends (Ctrl+C to the server, SIGTERM to the tab's
app, the tab closing, the server being killed). Real server, real app processes; the
tab is the websocket textual.js opens (the browser itself is in test_browser.py)."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import sys
import time
from pathlib import Path

import pytest

from leadtutor.cli import main
from leadtutor.commands import serve
from tests.web.conftest import Served, Tab, alive, free_port, progress_text

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")


def _answer(data_dir: Path) -> str:
    text = progress_text(data_dir)
    if not text:
        return ""
    value = json.loads(text)["answers"].get("first-thought", {}).get("value", "")
    return str(value)


async def _open_reflection(tab: Tab) -> None:
    await tab.wait_for("Start")
    await tab.type("\r")
    await tab.wait_for("A short opening paragraph")
    await tab.focus_reflection()


async def _type_unsaved(tab: Tab, data_dir: Path, words: str) -> str:
    """Type `words` (ending in a one-letter word) and return as soon as the app shows
    them all, checking they are not on disk yet: what is saved next is the exit's doing."""
    mark = tab.mark()
    await tab.type(words)
    await tab.wait_for(f"{len(words.split())} words", since=mark)
    assert words not in _answer(data_dir), "autosave beat the test; nothing would be proven"
    return words


async def _wait_gone(pid: int, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while alive(pid):
        assert time.monotonic() < deadline, f"app process {pid} is still running"
        await asyncio.sleep(0.05)


# -- bad arguments: one sentence, exit 2, before anything starts ------------------


def _occupied() -> socket.socket:
    busy = socket.socket()
    busy.bind(("127.0.0.1", 0))
    busy.listen()
    return busy


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--port", "abc"], "--port must be a number from 1 to 65535, not 'abc'."),
        (["--port", "0"], "--port must be a number from 1 to 65535"),
        (["--port", "70000"], "--port must be a number from 1 to 65535"),
        (["--host", ""], "--host needs an address"),
        (["--host", "no-such-host.invalid"], "cannot serve on host 'no-such-host.invalid'"),
        (["--host", "192.0.2.1"], "no network interface of this computer has that address"),
        (["--course", "/nonexistent"], "There is no folder /nonexistent."),
        (["--course", "/etc/passwd"], "/etc/passwd is a file, not a course"),
        (["--public-url", "ftp://example.org"], "--public-url must be an http:// or https://"),
    ],
)
def test_bad_arguments_are_one_sentence_and_exit_2(
    args: list[str], expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    port = ["--port", str(free_port())] if "--port" not in args else []
    assert main(["serve", *port, *args]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1, err
    assert err.startswith("leadtutor: ") and expected in err
    assert "Traceback" not in err


def test_port_in_use(capsys: pytest.CaptureFixture[str]) -> None:
    with _occupied() as busy:
        port = busy.getsockname()[1]
        assert main(["serve", "--port", str(port)]) == 2
    err = capsys.readouterr().err
    assert (
        err
        == f"leadtutor: port {port} is already in use on 127.0.0.1; choose another with --port.\n"
    )


def test_unwritable_data_dir(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    status = main(["serve", "--port", str(free_port()), "--data-dir", str(blocker / "data")])
    assert status == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"cannot save answers in {blocker / 'data'}" in err


def test_the_real_command_prints_no_traceback(tmp_path: Path) -> None:
    import subprocess

    result = subprocess.run(
        [sys.executable, "-m", "leadtutor", "serve", "--port", "http"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr == "leadtutor: --port must be a number from 1 to 65535, not 'http'.\n"


@pytest.mark.parametrize(("host", "warned"), [("0.0.0.0", True), ("127.0.0.1", False)])
def test_warning_beyond_loopback(
    host: str, warned: bool, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from leadtutor.web.server import TutorServer

    started: list[TutorServer] = []
    monkeypatch.setattr(TutorServer, "serve", lambda self, debug=False: started.append(self))
    port = free_port()
    assert main(["serve", "--host", host, "--port", str(port)]) == 0
    err = capsys.readouterr().err
    assert len(started) == 1 and started[0].host == host and started[0].port == port
    assert ("anyone who can reach port" in err) is warned
    if warned:
        assert "docs/serving.md" in err


def test_each_tab_runs_this_course_and_data_dir(tmp_path: Path) -> None:
    command = serve.session_command(Path("lessons"), tmp_path / "data")
    assert command[:3] == [sys.executable, "-m", "leadtutor.web.session"]
    assert command[3:] == [
        "--course",
        str(Path("lessons").resolve()),
        "--data-dir",
        str(tmp_path / "data"),
    ]


# -- every session's answers are saved, however it ends ---------------------------


async def test_ctrl_c_saves_every_open_session(served: Served) -> None:
    async with Tab(served.url) as first, Tab(served.url) as second:
        await _open_reflection(first)
        await _open_reflection(second)
        await _type_unsaved(first, served.data_dir, "from the first tab a")
        await _type_unsaved(second, served.data_dir, "the second tab b")
        apps = served.sessions()
        assert len(apps) == 2
        status = await asyncio.to_thread(served.stop, signal.SIGINT)
        assert status == 0
        for app in apps:
            await _wait_gone(app)
    answer = _answer(served.data_dir)
    # Both tabs answered the same prompt: the store merges, the later save wins,
    # and both versions are kept (one as the current value, one in its history).
    saved = json.loads(progress_text(served.data_dir))["answers"]["first-thought"]
    versions = {answer, *(str(rev["value"]) for rev in saved["history"])}
    assert {"from the first tab a", "the second tab b"} <= versions
    output = "".join(served.output)
    assert "Saving and closing 2 open sessions" in output
    assert "Stopped. Every session was saved." in output


async def test_sigterm_to_a_tabs_app_saves_like_quitting(served: Served) -> None:
    async with Tab(served.url) as tab:
        await _open_reflection(tab)
        words = await _type_unsaved(tab, served.data_dir, "typed just before the signal x")
        (app,) = served.sessions()
        os.kill(app, signal.SIGTERM)
        await _wait_gone(app)
        await asyncio.wait_for(tab.closed.wait(), 20)  # the page shows "session ended"
    assert _answer(served.data_dir) == words
    resume = json.loads(progress_text(served.data_dir))["resume"]
    # Quitting records where the learner was (prepare_to_leave): so does SIGTERM.
    assert (resume["lesson_id"], resume["prompt_id"]) == ("first-steps", "first-thought")
    assert served.process.poll() is None  # the server keeps serving other tabs


async def test_closing_the_tab_saves(served: Served) -> None:
    tab = Tab(served.url)
    await tab.__aenter__()
    await _open_reflection(tab)
    words = await _type_unsaved(tab, served.data_dir, "written then the tab closed y")
    (app,) = served.sessions()
    await tab.close()
    await _wait_gone(app)
    assert _answer(served.data_dir) == words


async def test_apps_stop_and_save_when_the_server_is_killed(served: Served) -> None:
    async with Tab(served.url) as tab:
        await _open_reflection(tab)
        words = await _type_unsaved(tab, served.data_dir, "the server died after this z")
        (app,) = served.sessions()
        served.process.kill()  # no chance to clean up: the kernel tells the app (SIGTERM)
        served.process.wait(timeout=10)
        await _wait_gone(app)
    assert _answer(served.data_dir) == words


# -- the page ---------------------------------------------------------------------


def _page(url: str, headers: dict[str, str] | None = None) -> str:
    import urllib.request

    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=30) as response:
        return str(response.read().decode("utf-8"))


def test_the_page_asks_for_nothing_elsewhere(served: Served) -> None:
    page = _page(served.url + "/")
    assert f'data-session-websocket-url="ws://127.0.0.1:{served.port}/ws"' in page
    assert "<title>Test course</title>" in page
    assert "fonts.googleapis" not in page and "https://" not in page


def test_behind_a_proxy_the_page_follows_the_forwarded_address(served: Served) -> None:
    page = _page(
        served.url + "/",
        {"Host": "alice.learn.example.org", "X-Forwarded-Proto": "https"},
    )
    assert 'data-session-websocket-url="wss://alice.learn.example.org/ws"' in page
    assert 'href="https://alice.learn.example.org/static/css/xterm.css"' in page
    hostile = _page(served.url + "/", {"Host": 'x"><script>alert(1)</script>'})
    assert "<script>alert" not in hostile  # a strange Host falls back to the real address
    assert f'data-session-websocket-url="ws://127.0.0.1:{served.port}/ws"' in hostile


def test_public_url_for_a_path_behind_a_proxy(course: Path, tmp_path: Path) -> None:
    server = Served(course, tmp_path / "data", "--public-url", "https://learn.example.org/alice/")
    try:
        page = _page(server.url + "/")
    finally:
        server.close()
    assert 'data-session-websocket-url="wss://learn.example.org/alice/ws"' in page
    assert 'src="https://learn.example.org/alice/static/js/textual.js"' in page
