"""Validator rules, one fixture each, from tests/fixtures/check_cases.md and
tests/fixtures/course_cases.md.

check_cases.md: each case is a lesson placed at `01-m/01-case.md` in a course that also
holds `01-m/00-other.md` (lesson id `other-lesson`, heading "Target heading", prompt
`other-prompt`). Expected lines are `LINE[:COLUMN]: level [code]` for the case file
only (give the column to check it).

course_cases.md: each case is a whole course, written as `=== path` lines each followed
by that file's text (no `course.toml` unless the case has one). Expected lines are
`path:LINE[:COLUMN]: level [code]` for every problem of the course.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from markdown_it.utils import read_fixture_file

from leadtutor.core import load_course
from leadtutor.core.problems import CODES, Problem
from tests.conftest import REPO, write_course

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
LESSON_CASES = FIXTURES / "check_cases.md"
COURSE_CASES = FIXTURES / "course_cases.md"
OTHER = """---
title: Other
id: other-lesson
---

## Target heading

:::{reflect} other-prompt
Why?
:::
"""


def shown(problems: list[Problem], want: list[str], prefix: str = "") -> list[str]:
    """Problems as expected lines; the column only where the fixture gives one."""
    lines = []
    for p in problems:
        with_column = f"{prefix}{p.line}:{p.column}: {p.level} [{p.code}]"
        lines.append(
            with_column if with_column in want else f"{prefix}{p.line}: {p.level} [{p.code}]"
        )
    return sorted(lines)


def expected(text: str) -> list[str]:
    return sorted(line.strip() for line in text.splitlines() if line.strip())


@pytest.mark.parametrize(
    ("line", "title", "source", "want"),
    read_fixture_file(LESSON_CASES),
    ids=[case[1] for case in read_fixture_file(LESSON_CASES)],
)
def test_check_case(tmp_path: Path, line: int, title: str, source: str, want: str) -> None:
    root = write_course(tmp_path / "course", {"01-m/01-case.md": source, "01-m/00-other.md": OTHER})
    course = load_course(root)
    case = root / "01-m" / "01-case.md"
    wanted = expected(want)
    got = shown([p for p in course.problems if p.path == case], wanted)
    assert got == wanted, f"fixture at line {line}: {title}"
    others = [p.format() for p in course.problems if p.path != case]
    assert not [p for p in others if "error" in p and "other-prompt" not in p], others


def course_files(source: str) -> dict[str, str]:
    files: dict[str, str] = {}
    name = ""
    for line in source.splitlines(keepends=True):
        if line.startswith("=== "):
            name = line[4:].strip()
            files[name] = ""
        else:
            files[name] += line
    return files


@pytest.mark.parametrize(
    ("line", "title", "source", "want"),
    read_fixture_file(COURSE_CASES),
    ids=[case[1] for case in read_fixture_file(COURSE_CASES)],
)
def test_course_case(tmp_path: Path, line: int, title: str, source: str, want: str) -> None:
    root = tmp_path / "course"
    root.mkdir()
    for name, text in course_files(source).items():
        path = root / name
        if name.endswith("/"):
            path.mkdir(parents=True, exist_ok=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    course = load_course(root)
    wanted = expected(want)
    got = []
    for p in course.problems:
        prefix = f"{p.path.relative_to(root).as_posix()}:"
        got.extend(shown([p], wanted, prefix))
    assert sorted(got) == sorted(wanted), f"fixture at line {line}: {title}"


def fixture_codes() -> set[str]:
    text = LESSON_CASES.read_text(encoding="utf-8") + COURSE_CASES.read_text(encoding="utf-8")
    return set(re.findall(r"\[([a-z-]+\.[a-z0-9-]+)\]", text))


def test_every_problem_code_has_a_fixture() -> None:
    """A new rule needs a new fixture: every code the checker can emit appears in one.

    (file.* codes need special files, so they are tested in test_files.py.)"""
    source = "".join(
        path.read_text(encoding="utf-8") for path in (REPO / "src/leadtutor/core").glob("*.py")
    )
    emitted = {code for code in CODES if f'"{code}"' in source}
    literal = set(
        re.findall(
            r'"((?:file|course|module|front-matter|lesson|text|directive|prompt|option|choice'
            r"|scale|link|image|markdown|lock)\.(?!toml\b|lock\b)[a-z-]+)\"",
            source,
        )
    )
    assert literal <= set(CODES), (
        f"codes missing from problems.CODES: {sorted(literal - set(CODES))}"
    )
    unused = sorted(set(CODES) - emitted)
    assert not unused, f"codes in problems.CODES that nothing emits: {unused}"
    missing = sorted(c for c in CODES if c not in fixture_codes() and not c.startswith("file."))
    assert not missing, f"codes without a fixture: {missing}"


def test_fixture_levels_match_the_code_table() -> None:
    text = LESSON_CASES.read_text(encoding="utf-8") + COURSE_CASES.read_text(encoding="utf-8")
    for level, code in re.findall(r"(error|warning) \[([a-z-]+\.[a-z0-9-]+)\]", text):
        assert CODES[code] == level, f"{code} is a {CODES[code]} in problems.CODES"


def test_every_code_is_documented() -> None:
    doc = (REPO / "docs" / "authoring.md").read_text(encoding="utf-8")
    table = doc[doc.index("## Problem codes") :]
    missing = [code for code in CODES if f"`{code}`" not in table]
    assert not missing, f"codes missing from the docs/authoring.md table: {missing}"
    for code, level in CODES.items():
        row = next(line for line in table.splitlines() if f"`{code}`" in line)
        assert f"| {level} |" in row, f"{code} should be documented as {level}: {row}"
