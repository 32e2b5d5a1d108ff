"""The bundled course: complete, checked, and shaped as the curriculum promises."""

from __future__ import annotations

import re

import pytest

from leadtutor.core import ChoicePrompt, ReflectPrompt, ScalePrompt, load_course
from leadtutor.core.model import CommitPrompt
from tests.conftest import REPO

COURSE = load_course(REPO / "lessons")


def test_course_loads_without_problems() -> None:
    assert [p.format() for p in COURSE.problems] == []
    assert COURSE.id == "leading-and-managing"
    assert len(COURSE.modules) == 4
    assert [len(m.lessons) for m in COURSE.modules] == [3, 3, 3, 5]


@pytest.mark.parametrize("lesson", COURSE.lessons, ids=[lesson.id for lesson in COURSE.lessons])
def test_lesson_shape(lesson: object) -> None:
    from leadtutor.core import Lesson

    assert isinstance(lesson, Lesson)
    assert lesson.minutes and 5 <= lesson.minutes <= 60
    assert len(lesson.objectives) == 3
    assert lesson.summary
    assert len(lesson.prompts) >= 3
    reflects = [p for p in lesson.prompts if isinstance(p, ReflectPrompt)]
    assert len(reflects) >= {"your-action-plan": 1, "review-quiz": 0}.get(lesson.id, 3)
    checks = [p for p in lesson.prompts if isinstance(p, ChoicePrompt | ScalePrompt)]
    assert checks, "at least one knowledge check (choice) or self-rating (scale)"
    for check in checks:
        if isinstance(check, ChoicePrompt):
            assert all(option.feedback is not None for option in check.options), (
                f"{check.id}: feedback for every option"
            )
        else:
            assert "not a validated test" in check.text, check.id
    assert lesson.headings[-1].text == "Sources"
    sources = lesson.blocks[lesson.headings[-1].block].body.source.split("## Sources", 1)[1]
    assert len(re.findall(r"^\s*[-*] ", sources, flags=re.M)) >= 2, "full citations as a list"


def test_prompt_ids_are_unique_across_the_course() -> None:
    ids = [p.id for lesson in COURSE.lessons for p in lesson.prompts]
    assert len(ids) == len(set(ids))


def test_each_module_has_one_debate() -> None:
    from leadtutor.core import Callout

    for module in COURSE.modules:
        debates = [
            b
            for lesson in module.lessons
            for b in lesson.blocks
            if isinstance(b, Callout) and b.callout == "debate"
        ]
        assert len(debates) == 1, module.title


def test_last_lesson_builds_an_action_plan_with_commitments() -> None:
    last = COURSE.lessons[-1]
    commits = [p for p in last.prompts if isinstance(p, CommitPrompt)]
    assert len(commits) >= 2
    assert all(p.follow_up_days for p in commits)
