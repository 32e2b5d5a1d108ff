"""End to end in tmux: `leadtutor --data-dir <a folder that cannot be made>`.

The banner says answers are not saved (no toast), the welcome screen does not claim
they are, and Quit anyway writes a rescue file in the home folder, prints its path once
the terminal is back, and exits with status 1.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import stat
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.test_e2e_tmux import Tmux
from tests.ui.conftest import TABS_TO_REFLECTION, sample_course

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]


@pytest.fixture
def tmux() -> Iterator[Tmux]:
    server = Tmux(f"leadtutor-test-{uuid.uuid4().hex[:8]}")
    yield server
    server.kill()


def test_unwritable_data_dir_banner_and_rescue_file(tmux: Tmux, tmp_path: Path) -> None:
    course = sample_course(tmp_path / "course")
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    home = tmp_path / "home"
    home.mkdir()
    command = shlex.join(
        [sys.executable, "-m", "leadtutor", "--course", str(course), "--data-dir", str(blocker)]
    )
    script = tmp_path / "run.sh"
    script.write_text(f"#!/bin/sh\n{command}\necho EXIT=$?\nsleep 60\n")
    script.chmod(0o700)
    env = {"TERM": "xterm-256color", "HOME": str(home), "PYTHONPATH": os.pathsep.join(sys.path)}
    tmux.start([str(script)], env)
    screen = tmux.wait_for("Not saved")
    assert "saved as you type" not in screen and "cannot be saved" in screen
    tmux.keys("Enter")
    tmux.wait_for("What happened?")
    tmux.keys(*TABS_TO_REFLECTION)
    tmux.type("Rescue these words")
    tmux.wait_for("Rescue these words")
    tmux.wait_for("⚠ not saved")  # the top bar, once the first save has failed
    tmux.keys("C-q")
    tmux.wait_for("Quit anyway")
    tmux.keys("Tab", "Enter")
    screen = tmux.wait_for("EXIT=1", timeout=60)
    [rescue] = home.glob("leadtutor-rescue-sample-course-*.json")
    assert str(rescue) in screen.replace("\n", "")
    assert "leadtutor progress restore" in screen
    assert stat.S_IMODE(rescue.stat().st_mode) == 0o600
    saved = json.loads(rescue.read_text(encoding="utf-8"))
    assert saved["answers"]["s-reflect"]["value"] == "Rescue these words"
