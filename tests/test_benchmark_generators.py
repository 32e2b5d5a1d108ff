"""The benchmark's lesson generator writes courses that `leadtutor check` accepts cleanly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from benchmarks.lessons import (
    MAX_BYTES,
    PROMPT_KINDS,
    lesson_text,
    many_lessons_course,
    one_lesson_course,
)

from leadtutor.cli import main
from leadtutor.core import Callout, Prose, load_course


def check_json(path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    code = main(["check", str(path), "--format", "json"])
    report: dict[str, object] = json.loads(capsys.readouterr().out)
    report["exit"] = code
    return report


@pytest.mark.parametrize("lines", [100, 150, 1000, 5000])
def test_generated_lesson_checks_clean(
    lines: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    course, lesson = one_lesson_course(tmp_path / "c", lines)
    report = check_json(course, capsys)
    assert report["exit"] == 0
    assert report["problems"] == []
    assert report["prompts"] == len(lesson.prompts)
    assert abs(lesson.lines - lines) <= 5


def test_generated_lesson_has_every_construct(tmp_path: Path) -> None:
    course, generated = one_lesson_course(tmp_path / "c", 1000)
    lesson = load_course(course).lessons[0]
    tokens = {t.type for b in lesson.blocks if isinstance(b, Prose) for t in b.body.tokens}
    assert {
        "heading_open",
        "paragraph_open",
        "bullet_list_open",
        "ordered_list_open",
        "blockquote_open",
        "table_open",
        "fence",
    } <= tokens
    inline = {
        child.type
        for b in lesson.blocks
        if isinstance(b, Prose)
        for t in b.body.tokens
        if t.children
        for child in t.children
    }
    assert {"link_open", "em_open", "strong_open", "code_inline", "s_open"} <= inline
    assert {p.kind for p in lesson.prompts} == set(PROMPT_KINDS)
    assert any(isinstance(b, Callout) for b in lesson.blocks)
    assert {f.info for b in lesson.blocks if isinstance(b, Prose) for f in b.body.tokens} - {""}
    # About one prompt every 40 lines.
    assert 30 <= generated.lines / len(generated.prompts) <= 50


def test_twenty_thousand_lines_fit_the_loader_limit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    course, lesson = one_lesson_course(tmp_path / "c", 20_000)
    assert len(lesson.text.encode()) < MAX_BYTES
    report = check_json(course, capsys)
    assert report["exit"] == 0
    assert report["problems"] == []


def test_many_lessons_course_has_unique_prompt_ids(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    course, lessons = many_lessons_course(tmp_path / "m", 120, 60)
    report = check_json(course, capsys)
    assert report["exit"] == 0
    assert report["problems"] == []
    assert report["lessons"] == 120
    assert report["prompts"] == sum(len(lesson.prompts) for lesson in lessons)


def test_generator_is_deterministic() -> None:
    assert lesson_text(500, seed=3).text == lesson_text(500, seed=3).text
    assert lesson_text(500, seed=3).text != lesson_text(500, seed=4).text
