"""Validator rules, one fixture each, from tests/fixtures/check_cases.md.

Each case is a lesson placed at `01-m/01-case.md` in a course that also holds
`01-m/00-other.md` (lesson id `other-lesson`, heading "Target heading", prompt
`other-prompt`). Expected lines are `LINE: level [code]` for the case file only.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it.utils import read_fixture_file

from leadtutor.core import load_course
from tests.conftest import write_course

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "check_cases.md"
OTHER = """---
title: Other
id: other-lesson
---

## Target heading

:::{reflect} other-prompt
Why?
:::
"""


@pytest.mark.parametrize(
    ("line", "title", "source", "expected"),
    read_fixture_file(FIXTURES),
    ids=[case[1] for case in read_fixture_file(FIXTURES)],
)
def test_check_case(tmp_path: Path, line: int, title: str, source: str, expected: str) -> None:
    root = write_course(tmp_path / "course", {"01-m/01-case.md": source, "01-m/00-other.md": OTHER})
    course = load_course(root)
    case = root / "01-m" / "01-case.md"
    got = sorted(f"{p.line}: {p.level} [{p.code}]" for p in course.problems if p.path == case)
    want = sorted(line for line in expected.splitlines() if line.strip())
    assert got == want, f"fixture at line {line}: {title}"
    others = [p.format() for p in course.problems if p.path != case]
    assert not [p for p in others if "error" in p and "other-prompt" not in p], others


def test_every_problem_code_has_a_fixture() -> None:
    """A new rule needs a new fixture: every code the parser can emit appears here."""
    import re

    text = FIXTURES.read_text(encoding="utf-8")
    source = "".join(
        path.read_text(encoding="utf-8")
        for path in (Path(__file__).resolve().parents[2] / "src/leadtutor/core").glob("*.py")
    )
    codes = set(
        re.findall(
            r'"((?:front-matter|directive|prompt|option|choice|scale|link|image'
            r'|lesson|text|markdown)\.[a-z-]+)"',
            source,
        )
    )
    missing = sorted(code for code in codes if f"[{code}]" not in text)
    assert not missing, f"codes without a fixture: {missing}"
