"""`check path/to/lesson.md` checks the lesson in its course, and agrees with a full check."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from leadtutor.core import load_course
from leadtutor.core.problems import Problem
from tests.conftest import write_course

A = """---
title: A
id: lesson-a
---

## Start here

See [the other module](../02-n/01-c.md#far-away) and [b](02-b.md#missing-in-b).

:::{reflect} shared-id
Why?
:::
"""
B = """---
title: B
id: lesson-b
---

## In B

Back to [a](01-a.md#gone-heading).

:::{reflect} b-own
Why?
:::
"""
C = """---
title: C
id: lesson-c
---

## Far away

:::{reflect} shared-id
Again?
:::

An [in-course link](../01-m/02-b.md#in-b).
"""
LOCK = """schema = 1
course = "test-course"

[lessons.lesson-a]
shared-id = "reflect"
a-removed = "reflect"

[lessons.lesson-b]
b-own = "reflect"

[lessons.lesson-c]
"""


def course(tmp_path: Path) -> Path:
    root = write_course(tmp_path / "c", {"01-m/01-a.md": A, "01-m/02-b.md": B, "02-n/01-c.md": C})
    (root / "course.lock").write_text(LOCK)
    return root


def key(p: Problem, root: Path) -> tuple[str, int, int | None, str, str]:
    return (p.path.relative_to(root).as_posix(), p.line, p.column, p.code, p.message)


def takes_part(p: Problem, lesson: Path, root: Path) -> bool:
    """The rule the focused check promises (see leadtutor.core.focus)."""
    if p.path in (
        lesson,
        root / "course.toml",
        root / "course.lock",
        lesson.parent / "module.toml",
    ):
        return True
    rel = lesson.relative_to(root).as_posix()
    if p.code in ("prompt.duplicate-id", "lesson.duplicate-id") and rel in p.message:
        return True
    title = {"01-a.md": "A", "02-b.md": "B", "01-c.md": "C"}[lesson.name]
    return p.code == "link.anchor" and f"'{title}' has no heading" in p.message


@pytest.mark.parametrize("cached", [False, True])
def test_single_lesson_matches_the_full_check(tmp_path: Path, cached: bool) -> None:
    root = course(tmp_path)
    age(root)
    cache = tmp_path / "cache" if cached else None
    full = load_course(root, cache_dir=cache).problems
    assert {p.code for p in full} >= {"prompt.duplicate-id", "link.anchor", "lock.removed"}
    for lesson in sorted(root.glob("*/*.md")):
        focused = load_course(lesson, cache_dir=cache)
        assert [x.path for x in focused.lessons] == [lesson]
        want = sorted(key(p, root) for p in full if takes_part(p, lesson, root))
        assert sorted(key(p, root) for p in focused.problems) == want, lesson.name


def test_sibling_module_link_is_not_outside_the_course(tmp_path: Path) -> None:
    root = course(tmp_path)
    found = load_course(root / "01-m" / "01-a.md")
    assert found.id == "test-course"
    codes = {(p.path.name, p.code) for p in found.problems}
    assert ("01-a.md", "link.outside-course") not in codes
    assert ("01-a.md", "link.anchor") in codes  # 02-b.md has no '#missing-in-b'
    assert ("02-b.md", "link.anchor") in codes  # B links to A's missing heading
    assert ("01-c.md", "prompt.duplicate-id") in codes  # C reuses A's prompt id
    assert ("01-a.md", "lock.removed") in codes  # a-removed is gone


def test_relative_and_dotted_paths_find_the_same_lesson(tmp_path: Path) -> None:
    root = course(tmp_path)
    here = Path.cwd()
    try:
        os.chdir(root / "01-m")
        relative = load_course(Path("02-b.md"))
        dotted = load_course(Path("../01-m/./02-b.md"))
    finally:
        os.chdir(here)
    absolute = load_course(root / "01-m" / "02-b.md")
    assert [key(p, root) for p in relative.problems] == [key(p, root) for p in absolute.problems]
    assert [key(p, root) for p in dotted.problems] == [key(p, root) for p in absolute.problems]


def age(root: Path) -> None:
    """Date every file and folder an hour back (the index trusts only settled files)."""
    past = time.time() - 3600
    for path in [root, *root.rglob("*")]:
        os.utime(path, (past, past))


def test_the_index_is_used_and_refreshed_when_a_file_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = course(tmp_path)
    age(root)
    cache = tmp_path / "cache"
    lesson_a = root / "01-m" / "01-a.md"
    first = load_course(lesson_a, cache_dir=cache)
    assert any(p.code == "prompt.duplicate-id" for p in first.problems)
    [index] = cache.glob("*.idx")
    written = index.stat().st_mtime_ns
    calls: list[Path] = []
    import leadtutor.core.catalog as catalog
    import leadtutor.core.focus as focus

    real = catalog.read_lesson

    def counting(path: Path, *args: object) -> object:
        calls.append(path)
        return real(path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(catalog, "read_lesson", counting)
    monkeypatch.setattr(focus, "read_lesson", counting)
    assert [key(p, root) for p in load_course(lesson_a, cache_dir=cache).problems] == [
        key(p, root) for p in first.problems
    ]
    assert calls == [lesson_a], "the other lessons come from the index"
    assert index.stat().st_mtime_ns == written, "an unchanged index is not rewritten"
    other = root / "02-n" / "01-c.md"
    other.write_text(C.replace("shared-id", "c-own"))
    again = load_course(lesson_a, cache_dir=cache)
    assert other in calls
    assert not any(p.code == "prompt.duplicate-id" for p in again.problems)
    (root / "course.lock").write_text(LOCK.replace('a-removed = "reflect"\n', ""))
    assert not any(
        p.code == "lock.removed" for p in load_course(lesson_a, cache_dir=cache).problems
    )
    (root / "01-m" / "03-new.md").write_text("---\ntitle: N\n---\n\n[a](01-a.md#nope)\n")
    found = load_course(lesson_a, cache_dir=cache)
    assert any(p.path.name == "03-new.md" for p in found.problems), "a new file is seen"


def test_a_corrupt_index_is_ignored(tmp_path: Path) -> None:
    root = course(tmp_path)
    age(root)
    cache = tmp_path / "cache"
    load_course(root, cache_dir=cache)
    assert list(cache.glob("*.idx"))
    for index in cache.glob("*.idx"):
        index.write_text("{not json")
    focused = load_course(root / "01-m" / "01-a.md", cache_dir=cache)
    assert any(p.code == "link.anchor" for p in focused.problems)


def test_a_misnamed_lesson_is_still_checked_with_a_warning(tmp_path: Path) -> None:
    root = course(tmp_path)
    stray = root / "01-m" / "03-Stray.md"
    stray.write_text("---\ntitle: S\n---\n\n[x](02-b.md#nope)\n")
    found = load_course(stray)
    codes = [(p.path.name, p.code) for p in found.problems]
    assert ("03-Stray.md", "course.misnamed") in codes
    assert ("03-Stray.md", "link.anchor") in codes


def test_a_lesson_outside_any_course_is_checked_alone(tmp_path: Path) -> None:
    lone = tmp_path / "lone.md"
    lone.write_text("---\ntitle: L\n---\n\n[x](other.md) [y](#nope)\n")
    (tmp_path / "other.md").write_text("x")
    found = load_course(lone)
    assert [p.code for p in found.problems] == ["link.anchor"]
