"""R3 in CI: every hand-written hostile lesson through `check`, the real app in a pty
(every byte it writes is scanned) and a click sweep. The long run adds 300 generated
lessons (`benchmarks/reliability.py --only R3`)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from benchmarks.reliability_suite import hostile, terminal

from leadtutor.core import load_course

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.name == "nt" or shutil.which("true") is None, reason="needs a pty"),
]


@pytest.mark.timeout(900)
def test_hand_written_hostile_lessons(tmp_path: Path) -> None:
    row = hostile.run(tmp_path, generated=0)
    print(f"\n{row.test}: {row.shown()}")
    assert row.ok, (row.shown(), row.notes)
    assert int(row.figures["markers_checked"]) >= 40  # the payloads were really on screen
    assert int(row.figures["clicks"]) >= 20


def test_a_few_generated_hostile_lessons_check_cleanly(tmp_path: Path) -> None:
    texts = hostile.generate(40, seed=3)
    assert len(texts) == 40 and len(set(texts)) > 30
    root = hostile._course(tmp_path / "g", {f"g{i}": t for i, t in enumerate(texts)}, special=False)
    result = hostile.check_course(root)
    assert result["crash"] == "" and result["lessons"] == 40


def test_the_scan_catches_what_a_lesson_could_smuggle() -> None:
    """The scanner must fail on each payload kind, or a 0 would mean nothing."""
    from benchmarks.reliability_suite.hostile_cases import ESCAPES
    from benchmarks.reliability_suite.scan import payload_problems, violations

    for name, payload in ESCAPES.items():
        if name == "sgr-blink":  # same shape as the app's own SGR: caught by markers
            assert payload_problems(f"«m»{payload}«/»".encode(), {"m": "[5;31m"})
        else:
            assert violations(f"x{payload}y".encode()), name
    assert violations(b"ok \x9b2J")  # a raw C1 byte is not even UTF-8


def test_symlink_loops_between_files_and_through_a_directory(tmp_path: Path) -> None:
    root = hostile.loop_course(tmp_path / "loops")
    course = load_course(root)
    codes = {(p.path.name, p.code) for p in course.problems}
    assert ("003-loop.md", "file.symlink-loop") in codes
    assert ("90-dirloop.md", "file.symlink-loop") in codes
    session = terminal.tour(root, tmp_path / "data", course.lessons[0].id, len(course.lessons))
    assert not session.exited_early and session.exit_code == 0
