"""End to end: a due commitment brings the real `leadtutor` up on the check-in card.

The clock is moved with `LEADTUTOR_TODAY`, as a tester would; the answer is given with
the keyboard in tmux and must reach the progress file and the journal.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import uuid
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from leadtutor.progress import ProgressStore
from tests.test_e2e_tmux import Tmux, wait_gone
from tests.ui.conftest import sample_course

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]


@pytest.fixture
def tmux() -> Iterator[Tmux]:
    server = Tmux(f"leadtutor-followups-{uuid.uuid4().hex[:8]}")
    yield server
    server.kill()


def launch(tmux: Tmux, course: Path, data: Path, today: str = "") -> None:
    env = {
        "TERM": "xterm-256color",
        "LEADTUTOR_HOME": str(data),
        "PYTHONPATH": os.pathsep.join(sys.path),
    }
    if today:
        env["LEADTUTOR_TODAY"] = today
    tmux.start([sys.executable, "-m", "leadtutor", "--course", str(course)], env)


def test_the_card_comes_first_on_the_day_and_not_yet_asks_again(tmux: Tmux, tmp_path: Path) -> None:
    course, data = sample_course(tmp_path / "course"), tmp_path / "data"
    store = ProgressStore(data, "sample-course")
    store.load()
    store.make_commitment("s-commit", "sample", "Ask R. to run the retro", 1)
    store.save()

    launch(tmux, course, data)
    screen = tmux.wait_for("Start")
    assert "you committed to" not in screen
    tmux.keys("C-q")
    wait_gone(tmux)

    launch(tmux, course, data, today="+1")
    screen = tmux.wait_for("you committed to:")
    assert "Ask R. to run the retro" in screen and "How did it go?" in screen
    tmux.keys("Right", "Right", "Enter")  # Not yet
    tmux.wait_for("Ask me again in")
    tmux.keys("Tab")
    tmux.type("The retro moved to next week.")
    tmux.wait_for("The retro moved to next week.")
    tmux.keys("C-s")
    tmux.wait_for("leadtutor will ask again on")
    tmux.keys("C-j")
    tmux.wait_for("not yet on")
    tmux.keys("C-q")
    wait_gone(tmux)

    saved = json.loads((data / "sample-course" / "progress.json").read_text(encoding="utf-8"))
    first, again = saved["commitments"]["s-commit#1"], saved["commitments"]["s-commit#2"]
    assert first["outcome"]["result"] == "not-done"
    assert first["outcome"]["note"] == "The retro moved to next week."
    tomorrow = date.today() + timedelta(days=1)
    assert again["due_on"] == (tomorrow + timedelta(days=1)).isoformat()
