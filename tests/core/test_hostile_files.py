"""No OSError or RuntimeError from the file system escapes the checker: every symlink
loop, FIFO, directory-for-a-file and missing file is a problem line instead."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from leadtutor.core import load_course
from tests.conftest import write_course

GOOD = (
    "---\ntitle: Good\n---\n\n## Head\n\n[loop](02-loop.md) [deep](02-loop.md#x) ![img](loop.png)\n"
)


def loop(path: Path) -> None:
    """A symlink that points at itself."""
    path.symlink_to(path.name)


def hostile_course(tmp_path: Path) -> Path:
    root = write_course(tmp_path / "c", {"01-m/01-good.md": GOOD})
    module = root / "01-m"
    loop(module / "02-loop.md")
    loop(module / "loop.png")
    loop(module / "module.toml")
    loop(root / "02-looped-module")
    os.mkfifo(root / "course.lock")
    (root / "03-dir-lesson").mkdir()
    (root / "03-dir-lesson" / "01-x.md").mkdir()
    loop(root / "03-dir-lesson" / "02-y.md")
    (root / "04-m").mkdir()
    (root / "04-m" / "module.toml").mkdir()
    (root / "04-m" / "01-z.md").write_text(GOOD.replace("Good", "Z"))
    return root


def test_loops_fifos_and_directories_are_problems(tmp_path: Path) -> None:
    root = hostile_course(tmp_path)
    course = load_course(root)
    found = {(p.path.relative_to(root).as_posix(), p.code) for p in course.problems}
    assert ("01-m/02-loop.md", "file.symlink-loop") in found
    assert ("01-m/01-good.md", "link.missing") in found  # the link into the loop
    assert ("01-m/01-good.md", "image.missing") in found
    assert ("01-m/module.toml", "module.invalid") in found  # a warning; the app opens
    assert ("course.lock", "lock.invalid") in found  # a FIFO: refused, not read
    assert ("03-dir-lesson/01-x.md", "file.not-regular") in found
    assert ("03-dir-lesson/02-y.md", "file.symlink-loop") in found
    assert ("04-m/module.toml", "module.invalid") in found
    for lesson in course.lessons:  # lesson_at must survive loops too
        assert course.lesson_at(lesson.path) is lesson or lesson.path.is_symlink()


def test_every_lesson_of_a_hostile_course_can_be_checked_alone(tmp_path: Path) -> None:
    root = hostile_course(tmp_path)
    for lesson in [*root.glob("*/*.md"), root / "course.toml", root / "01-m" / "02-loop.md"]:
        course = load_course(lesson, cache_dir=tmp_path / "cache")
        assert all(p.line >= 1 for p in course.problems)


def test_a_broken_course_toml_is_reported_and_lessons_still_checked(tmp_path: Path) -> None:
    root = write_course(tmp_path / "c", {"01-m/01-good.md": GOOD})
    (root / "course.toml").unlink()
    loop(root / "course.toml")
    found = {(p.path.name, p.code) for p in load_course(root).problems}
    assert ("course.toml", "file.symlink-loop") in found
    assert ("01-good.md", "link.missing") in found
    assert ("course.toml", "course.empty") not in found


def test_a_looping_course_folder(tmp_path: Path) -> None:
    loop(tmp_path / "course")
    assert [p.code for p in load_course(tmp_path / "course").problems] == ["course.missing"]


@pytest.mark.parametrize("target", ["01-m/02-loop.md", "01-m/01-good.md", "."])
def test_the_command_never_shows_a_traceback(tmp_path: Path, target: str) -> None:
    root = hostile_course(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "leadtutor", "check", str(root / target)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "LEADTUTOR_CACHE": str(tmp_path / "cache")},
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert "internal error" not in result.stderr
