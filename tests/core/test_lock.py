"""course.lock: written text reads back, the index's compact form is the same lock."""

from __future__ import annotations

import tomllib
from pathlib import Path

from leadtutor.core.lock import Lock, lock_of, read_lock, render_lock
from leadtutor.core.problems import Problems


def sample() -> Lock:
    lock = lock_of(
        "course-id",
        [
            ("lesson-a", [("a-1", "reflect"), ("a-2", "choice")]),
            ("lesson-b", []),
            ("c", [("x", "scale")]),
        ],
    )
    lock.retired_prompts["old"] = {"kind": "commit", "lesson": "lesson-a", "reason": 'Said "why"\\'}
    lock.retired_lessons["gone"] = "Merged\u007f"
    return lock


def test_render_reads_back(tmp_path: Path) -> None:
    lock = sample()
    text = render_lock(lock)
    assert tomllib.loads(text)["retired"]["prompts"]["old"]["reason"] == 'Said "why"\\'
    (tmp_path / "course.lock").write_text(text)
    back = read_lock(tmp_path, Problems(tmp_path))
    assert back is not None
    assert {k: dict(v) for k, v in back.lessons.items()} == {
        k: dict(v) for k, v in lock.lessons.items()
    }
    assert list(back.lessons) == ["lesson-a", "lesson-b", "c"]
    assert back.retired_prompts == lock.retired_prompts
    assert back.retired_lessons == lock.retired_lessons
    assert back.line("prompt:a-2") == text.split("\n").index('a-2 = "choice"') + 1
    assert render_lock(back) == text


def test_compact_form_is_the_same_lock(tmp_path: Path) -> None:
    lock = sample()
    (tmp_path / "course.lock").write_text(render_lock(lock))
    back = Lock.from_compact(lock.compact(), tmp_path / "course.lock")
    assert list(back.lessons) == list(lock.lessons)
    assert {k: dict(v) for k, v in back.lessons.items()} == {
        k: dict(v) for k, v in lock.lessons.items()
    }
    assert (
        dict(back.owners) == dict(lock.owners) == {"a-1": "lesson-a", "a-2": "lesson-a", "x": "c"}
    )
    assert "a-1" in back.owners and "a" not in back.owners and "lesson-a" not in back.owners
    assert back.owners.get("nope") is None and len(back.owners) == 3
    assert back.line("lesson:c") > 1  # read from the file on demand
