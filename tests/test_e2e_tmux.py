"""End to end: the real `leadtutor` command in tmux, typed at like a person would.

Type an answer, quit, relaunch: the answer is on screen. Then the same after `kill -9`
(autosave must already have written it).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.ui.conftest import TABS_TO_REFLECTION, sample_course

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]


class Tmux:
    """One tmux session on a private socket."""

    def __init__(self, socket: str) -> None:
        self.socket = socket
        self.session = "lt"

    def run(self, *args: str) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.socket, *args],
            capture_output=True,
            text=True,
            check=False,
            timeout=20,
        )
        return result.stdout

    def start(self, command: list[str], env: dict[str, str]) -> None:
        exports = " ".join(f"{k}={v}" for k, v in env.items())
        line = f"env {exports} " + " ".join(command)
        self.run("new-session", "-d", "-s", self.session, "-x", "100", "-y", "30", line)

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", self.session)

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.run("send-keys", "-t", self.session, key)
            time.sleep(0.15)

    def type(self, text: str) -> None:
        self.run("send-keys", "-t", self.session, "-l", text)

    def wait_for(self, needle: str, timeout: float = 30) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if needle in screen:
                return screen
            time.sleep(0.2)
        raise AssertionError(f"{needle!r} never appeared; the screen shows:\n{screen}")

    def pane_pid(self) -> int:
        return int(self.run("display-message", "-p", "-t", self.session, "#{pane_pid}").strip())

    def alive(self) -> bool:
        return self.session in self.run("list-sessions", "-F", "#{session_name}")

    def kill(self) -> None:
        self.run("kill-server")


@pytest.fixture
def tmux() -> Iterator[Tmux]:
    server = Tmux(f"leadtutor-test-{uuid.uuid4().hex[:8]}")
    yield server
    server.kill()


def launch(tmux: Tmux, course: Path, data: Path, editor: str = "") -> None:
    env = {
        "TERM": "xterm-256color",
        "LEADTUTOR_HOME": str(data),
        "PYTHONPATH": os.pathsep.join(sys.path),
    }
    if editor:
        env["EDITOR"] = editor
    tmux.start([sys.executable, "-m", "leadtutor", "--course", str(course)], env)


def wait_gone(tmux: Tmux, timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while tmux.alive() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not tmux.alive(), "leadtutor did not exit"


def test_type_quit_relaunch_shows_the_answer(tmux: Tmux, tmp_path: Path) -> None:
    course, data = sample_course(tmp_path / "course"), tmp_path / "data"
    launch(tmux, course, data)
    tmux.wait_for("Start")
    tmux.keys("Enter")
    tmux.wait_for("What happened?")
    tmux.keys(*TABS_TO_REFLECTION)
    tmux.type("Typed through tmux [/] ok")
    tmux.wait_for("Typed through tmux [/] ok")
    tmux.keys("C-q")
    wait_gone(tmux)

    launch(tmux, course, data)
    tmux.wait_for("Continue: Sample lesson")
    tmux.keys("Enter")
    screen = tmux.wait_for("Typed through tmux [/] ok")
    assert "1 / 2" in screen


def test_kill_9_keeps_autosaved_text(tmux: Tmux, tmp_path: Path) -> None:
    course, data = sample_course(tmp_path / "course"), tmp_path / "data"
    launch(tmux, course, data)
    tmux.wait_for("Start")
    tmux.keys("Enter")
    tmux.wait_for("What happened?")
    tmux.keys(*TABS_TO_REFLECTION)
    tmux.type("Survives a kill")
    tmux.wait_for("Survives a kill")
    progress = data / "sample-course" / "progress.json"
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if progress.exists() and "Survives a kill" in progress.read_text(encoding="utf-8"):
            break
        time.sleep(0.1)
    else:
        raise AssertionError("autosave never wrote the answer:\n" + tmux.screen())
    pid = tmux.pane_pid()
    os.kill(pid, signal.SIGKILL)
    wait_gone(tmux)

    launch(tmux, course, data)
    tmux.wait_for("Continue: Sample lesson")
    tmux.keys("Enter")
    tmux.wait_for("Survives a kill")


def test_ctrl_e_edits_a_reflection_in_the_editor(tmux: Tmux, tmp_path: Path) -> None:
    course, data = sample_course(tmp_path / "course"), tmp_path / "data"
    editor = tmp_path / "editor.sh"
    editor.write_text('#!/bin/sh\nprintf "%s" "written in the editor" >> "$1"\n')
    editor.chmod(0o700)
    launch(tmux, course, data, editor=str(editor))
    tmux.wait_for("Start")
    tmux.keys("Enter")
    tmux.wait_for("What happened?")
    tmux.keys(*TABS_TO_REFLECTION)
    tmux.type("Start: ")
    tmux.wait_for("Start: ")
    tmux.keys("C-e")
    tmux.wait_for("Start: written in the editor")
    leftovers = [p.name for p in (data / "sample-course").iterdir() if p.name.startswith(".edit-")]
    assert leftovers == [], "the editor's temporary file must be removed"
