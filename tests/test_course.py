"""The bundled course: complete, checked, and shaped as the curriculum promises."""

from __future__ import annotations

import math
import re
from collections import Counter

import pytest

from leadtutor.core import ChoicePrompt, Lesson, ReflectPrompt, ScalePrompt, load_course
from leadtutor.core.model import CommitPrompt
from tests.conftest import REPO

COURSE = load_course(REPO / "lessons")
LESSONS = COURSE.lessons

PUBLISHED_V1 = {
    "doors-who-opened": "reflect",
    "doors-where-time-goes": "reflect",
    "doors-follow-through": "reflect",
    "doors-two-situations": "reflect",
    "doors-check": "choice",
    "mgrwork-efficiency-routine": "reflect",
    "mgrwork-day-audit": "reflect",
    "mgrwork-neglected-roles": "reflect",
    "mgrwork-check": "choice",
    "diagnose-two-challenges": "reflect",
    "diagnose-over-under": "reflect",
    "diagnose-my-mix": "reflect",
    "diagnose-fit": "scale",
    "emergent-who-shapes": "reflect",
    "emergent-passed-up": "reflect",
    "emergent-authority-map": "reflect",
    "emergent-check": "choice",
    "shared-credit": "reflect",
    "shared-map": "reflect",
    "shared-single-point": "reflect",
    "shared-your-part": "reflect",
    "shared-check": "choice",
    "sharedwork-climate": "reflect",
    "sharedwork-which-tasks": "reflect",
    "sharedwork-formal-leader": "reflect",
    "sharedwork-check": "choice",
    "persuade-tactic": "reflect",
    "persuade-change": "reflect",
    "persuade-involve": "reflect",
    "persuade-check": "choice",
    "voice-held-back": "reflect",
    "voice-signals": "reflect",
    "voice-draft": "reflect",
    "voice-check": "choice",
    "upacross-boss-needs": "reflect",
    "upacross-balcony": "reflect",
    "upacross-loss": "reflect",
    "upacross-check": "choice",
    "coach-best": "reflect",
    "coach-readiness": "reflect",
    "coach-grow-question": "reflect",
    "coach-check": "choice",
    "catalyst-small-win": "reflect",
    "catalyst-obstacle": "reflect",
    "catalyst-growth": "reflect",
    "catalyst-self-rating": "scale",
    "plan-diagnosis": "reflect",
    "plan-door": "commit",
    "plan-path": "commit",
    "plan-grow": "commit",
    "plan-feedback": "reflect",
    "plan-self-rating": "scale",
}
"""Every prompt of the first edition, with its kind: learners' answers are keyed by these."""

PUBLISHED_LESSONS_V1 = [
    "opening-doors",
    "what-managers-do",
    "complexity-or-change",
    "appointed-and-emergent",
    "beyond-the-top",
    "making-shared-work",
    "leadership-as-persuasion",
    "speaking-up",
    "leading-up-and-across",
    "controller-to-coach",
    "facilitator-and-catalyst",
    "your-action-plan",
]


def section(lesson: Lesson, title: str) -> str:
    """The Markdown source under the `## title` heading, up to the next `##` heading."""
    text = lesson.path.read_text(encoding="utf-8")
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", text, flags=re.M | re.S)
    assert match, f"{lesson.id}: no '## {title}' section"
    return match.group(1)


def test_course_loads_without_problems() -> None:
    assert [p.format() for p in COURSE.problems] == []
    assert COURSE.id == "leading-and-managing"
    assert len(COURSE.modules) == 4
    assert [len(m.lessons) for m in COURSE.modules] == [3, 3, 3, 5]


def test_published_ids_keep_their_kind() -> None:
    kinds = {p.id: p.kind for lesson in LESSONS for p in lesson.prompts}
    assert {i: kinds.get(i) for i in PUBLISHED_V1} == PUBLISHED_V1
    ids = [lesson.id for lesson in LESSONS]
    assert [i for i in ids if i in PUBLISHED_LESSONS_V1] == PUBLISHED_LESSONS_V1
    assert ids[-1] == "your-action-plan"


@pytest.mark.parametrize("lesson", LESSONS, ids=[lesson.id for lesson in LESSONS])
def test_lesson_shape(lesson: Lesson) -> None:
    assert lesson.minutes and 5 <= lesson.minutes <= 45
    assert len(lesson.objectives) == 3
    assert lesson.summary
    assert len(lesson.prompts) >= 3
    reflects = [p for p in lesson.prompts if isinstance(p, ReflectPrompt)]
    assert len(reflects) >= {"your-action-plan": 1, "review-quiz": 0}.get(lesson.id, 3)
    choices = [p for p in lesson.prompts if isinstance(p, ChoicePrompt)]
    assert choices, "every lesson has a knowledge check"
    for check in choices:
        assert all(option.feedback is not None for option in check.options), (
            f"{check.id}: feedback for every option"
        )
    for scale in (p for p in lesson.prompts if isinstance(p, ScalePrompt)):
        assert "not a validated test" in scale.text, scale.id


@pytest.mark.parametrize("lesson", LESSONS, ids=[lesson.id for lesson in LESSONS])
def test_at_most_two_required_and_the_rest_say_optional(lesson: Lesson) -> None:
    required = [p.id for p in lesson.prompts if getattr(p, "required", False)]
    assert len(required) <= 2, required
    for prompt in lesson.prompts:
        if isinstance(prompt, ReflectPrompt) and not prompt.required:
            assert prompt.placeholder.startswith("Optional"), prompt.id


@pytest.mark.parametrize("lesson", LESSONS, ids=[lesson.id for lesson in LESSONS])
def test_lesson_ends_with_three_takeaways_then_sources(lesson: Lesson) -> None:
    assert [h.text for h in lesson.headings[-2:]] == ["Key takeaways", "Sources"]
    bullets = re.findall(r"^- ", section(lesson, "Key takeaways"), flags=re.M)
    assert len(bullets) == 3
    sources = re.findall(r"^\s*[-*] ", section(lesson, "Sources"), flags=re.M)
    assert len(sources) >= 2, "full citations as a list"


def test_correct_answers_are_spread_over_positions() -> None:
    singles = [p for lesson in LESSONS for p in lesson.prompts if isinstance(p, ChoicePrompt)]
    singles = [p for p in singles if not p.multiple]
    positions = Counter(min(p.correct) for p in singles)
    assert len(singles) >= 25
    assert set(positions) == {0, 1, 2, 3}, positions
    assert max(positions.values()) <= math.ceil(len(singles) / 3), positions


def test_the_review_quiz_comes_just_before_the_action_plan() -> None:
    quiz = LESSONS[-2]
    assert quiz.id == "review-quiz"
    checks = [p for p in quiz.prompts if isinstance(p, ChoicePrompt)]
    assert len(checks) >= 6
    assert not any(getattr(p, "required", False) for p in quiz.prompts)


def test_prompt_ids_are_unique_across_the_course() -> None:
    ids = [p.id for lesson in LESSONS for p in lesson.prompts]
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
    last = LESSONS[-1]
    commits = [p for p in last.prompts if isinstance(p, CommitPrompt)]
    assert len(commits) >= 2
    assert all(p.follow_up_days for p in commits)


def test_the_right_answer_is_not_given_away_by_its_length() -> None:
    checks = [p for lesson in LESSONS for p in lesson.prompts if isinstance(p, ChoicePrompt)]
    longest = shortest = 0
    for check in checks:
        lengths = [len(option.text.plain) for option in check.options]
        right = lengths[min(check.correct)]
        longest += right == max(lengths)
        shortest += right == min(lengths)
    assert longest <= len(checks) / 3, f"right answer is the longest in {longest}"
    assert shortest <= len(checks) / 3, f"right answer is the shortest in {shortest}"


def test_the_action_plan_revisits_the_first_answers() -> None:
    plan = {p.id: p.revisit for p in LESSONS[-1].prompts}
    assert plan["plan-leading-now"] == "doors-leading-means"  # the before-and-after pair
    assert plan["plan-mix-again"] == "diagnose-inventory"  # the 30-day self-inventory
    assert plan["plan-self-rating"] == "diagnose-fit"
    first = next(p for p in LESSONS[0].prompts if isinstance(p, ReflectPrompt))
    assert first.id == "doors-leading-means" and first.required
    inventory = next(p for p in LESSONS[2].prompts if p.id == "diagnose-inventory")
    assert isinstance(inventory, ReflectPrompt) and inventory.required


def test_every_knowledge_check_shuffles() -> None:
    checks = [p for lesson in LESSONS for p in lesson.prompts if isinstance(p, ChoicePrompt)]
    assert [p.id for p in checks if not p.shuffle] == []
