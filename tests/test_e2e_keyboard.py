"""End to end in tmux: quitting with keystrokes still queued keeps them, and the place
read is the place Continue returns to."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from tests.test_e2e_tmux import Tmux, launch, tmux, wait_gone
from tests.ui.conftest import TABS_TO_REFLECTION, bundled, sample_course

__all__ = ["tmux"]  # the fixture, imported for the tests below

pytestmark = pytest.mark.slow


def saved(data: Path, course: str) -> dict[str, object]:
    return json.loads((data / course / "progress.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@pytest.mark.parametrize("words", ["some words typed fast", "a longer answer " * 6])
def test_quit_with_keys_still_queued_saves_them(tmux: Tmux, tmp_path: Path, words: str) -> None:
    course, data = sample_course(tmp_path / "course"), tmp_path / "data"
    launch(tmux, course, data)
    tmux.wait_for("Start")
    tmux.keys("Enter")
    tmux.wait_for("What happened?")
    tmux.keys(*TABS_TO_REFLECTION)
    time.sleep(0.3)
    tmux.type(words)
    tmux.run("send-keys", "-t", tmux.session, "C-q")  # no pause: the words are still queued
    wait_gone(tmux)
    answers = saved(data, "sample-course")["answers"]
    assert answers["s-reflect"]["value"] == words  # type: ignore[index]


def test_continue_returns_to_the_same_top_line(tmux: Tmux, tmp_path: Path) -> None:
    data = tmp_path / "data"
    launch(tmux, bundled(), data)
    tmux.wait_for("Start")
    tmux.keys("Enter")
    tmux.wait_for("Opening doors")
    for _ in range(3):
        tmux.keys("space")
    tmux.keys("j", "j")
    time.sleep(1.2)
    before = tmux.screen().splitlines()[1:-1]
    tmux.keys("C-q")
    wait_gone(tmux)

    launch(tmux, bundled(), data)
    tmux.wait_for("Continue")
    tmux.keys("Enter")
    deadline = time.monotonic() + 15
    after: list[str] = []
    while time.monotonic() < deadline:
        after = tmux.screen().splitlines()[1:-1]
        if after == before:
            break
        time.sleep(0.2)
    assert after == before
