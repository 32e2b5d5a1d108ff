"""Merge many learners' share exports into one summary, prompt by prompt.

Exports are matched to the facilitator's copy of the course by lesson and prompt id,
so exports made with different versions of the course merge wherever their ids agree.
Choice answers are read by option identity (`leadtutor.progress.choices.read_choice`:
the export names each option by its fingerprint), so exports from a copy whose options
were re-ordered still count where their options are now. Ids the course does not have,
and answers whose options (an option re-worded or removed) or scale no longer match the
course's, are counted and reported instead of being guessed at. Nothing here keeps a
file name or anything else that could say which learner wrote what.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Final

from leadtutor.cohort.load import ShareExport
from leadtutor.core import ChoicePrompt, Course, ReflectPrompt, ScalePrompt
from leadtutor.progress.choices import read_choice
from leadtutor.progress.model import ChoiceValue

MISCONCEPTION_SHARE: Final = 0.25
"""A wrong option picked first by at least this share of learners (and two or more) is
flagged as a common misconception."""


@dataclass(frozen=True)
class LessonRow:
    """How many learners finished or started one lesson."""

    title: str
    done: int
    started: int


@dataclass(frozen=True)
class ScaleRow:
    """The distribution of one scale's ratings."""

    prompt_id: str
    question: str
    minimum: int
    maximum: int
    low: str
    high: str
    counts: dict[int, int]

    @property
    def total(self) -> int:
        """How many learners rated it."""
        return sum(self.counts.values())

    @property
    def mean(self) -> float:
        """The average rating."""
        return sum(k * v for k, v in self.counts.items()) / self.total if self.total else 0.0


@dataclass(frozen=True)
class OptionRow:
    """One option of a quick check and how often it was picked."""

    label: str
    correct: bool
    first: int
    """Learners who picked it at their first Check."""
    final: int
    """Learners whose latest Check includes it."""
    misconception: bool = False


@dataclass(frozen=True)
class ChoiceRow:
    """One quick check: answer rates per option."""

    prompt_id: str
    question: str
    total: int
    first_right: int
    final_right: int
    options: tuple[OptionRow, ...]


@dataclass(frozen=True)
class ReflectionRow:
    """The reflections learners chose to share for one prompt, in no learner's order."""

    prompt_id: str
    question: str
    texts: tuple[str, ...]


@dataclass(frozen=True)
class Summary:
    """Everything a cohort report shows."""

    course_title: str
    learners: int
    unreadable: int = 0
    versions: dict[str, int] = field(default_factory=dict)
    """Course version → number of exports ("" when an export names none)."""
    other_courses: int = 0
    """Exports made from a course with another id."""
    with_text: int = 0
    lessons: tuple[LessonRow, ...] = ()
    scales: tuple[ScaleRow, ...] = ()
    choices: tuple[ChoiceRow, ...] = ()
    reflections: tuple[ReflectionRow, ...] = ()
    unknown: dict[str, int] = field(default_factory=dict)
    """Prompt or lesson ids the course does not have → exports that used them."""
    changed: dict[str, int] = field(default_factory=dict)
    """Prompt ids whose options or scale differ from the course's → answers left out."""


def first_sentence(text: str, limit: int = 140) -> str:
    """A prompt's question, short enough for a heading."""
    line = " ".join(text.split("\n")[0].split())
    for end in (". ", "? ", "! "):
        at = line.find(end)
        if 0 < at < limit:
            return line[: at + 1]
    return line if len(line) <= limit else line[: limit - 1].rsplit(" ", 1)[0] + "…"


def summarize(course: Course, exports: list[ShareExport], *, unreadable: int = 0) -> Summary:
    """Merge `exports` against `course` (see the module docstring)."""
    unknown: Counter[str] = Counter()
    changed: Counter[str] = Counter()
    known_lessons = {lesson.id for lesson in course.lessons}
    for export in exports:
        for lesson_id in export.lessons.keys() - known_lessons:
            unknown[f"lesson {lesson_id}"] += 1
        ids = export.scales.keys() | export.choices.keys() | export.reflections.keys()
        for prompt_id in ids - course.prompt_ids:
            unknown[prompt_id] += 1
    lessons = tuple(
        LessonRow(
            lesson.title,
            sum(1 for e in exports if e.lessons.get(lesson.id) == "done"),
            sum(1 for e in exports if e.lessons.get(lesson.id) == "started"),
        )
        for lesson in course.lessons
    )
    scales: list[ScaleRow] = []
    choices: list[ChoiceRow] = []
    reflections: list[ReflectionRow] = []
    for lesson in course.lessons:
        for prompt in lesson.prompts:
            if isinstance(prompt, ScalePrompt):
                row = _scale(prompt, exports, changed)
                if row.total:
                    scales.append(row)
            elif isinstance(prompt, ChoicePrompt):
                choice = _choice(prompt, exports, changed)
                if choice.total:
                    choices.append(choice)
            elif isinstance(prompt, ReflectPrompt):
                texts = sorted(
                    e.reflections[prompt.id].strip() for e in exports if prompt.id in e.reflections
                )
                if texts:
                    reflections.append(
                        ReflectionRow(prompt.id, first_sentence(prompt.text), tuple(texts))
                    )
    return Summary(
        course_title=course.title,
        learners=len(exports),
        unreadable=unreadable,
        versions=dict(sorted(Counter(e.course_version for e in exports).items())),
        other_courses=sum(1 for e in exports if e.course_id and e.course_id != course.id),
        with_text=sum(1 for e in exports if e.includes_text),
        lessons=lessons,
        scales=tuple(scales),
        choices=tuple(choices),
        reflections=tuple(reflections),
        unknown=dict(sorted(unknown.items())),
        changed=dict(sorted(changed.items())),
    )


def _scale(prompt: ScalePrompt, exports: list[ShareExport], changed: Counter[str]) -> ScaleRow:
    counts = dict.fromkeys(range(prompt.minimum, prompt.maximum + 1), 0)
    for export in exports:
        answer = export.scales.get(prompt.id)
        if answer is None:
            continue
        if (answer.minimum, answer.maximum) != (prompt.minimum, prompt.maximum):
            changed[prompt.id] += 1
            continue
        counts[answer.value] += 1
    return ScaleRow(
        prompt.id,
        first_sentence(prompt.text),
        prompt.minimum,
        prompt.maximum,
        prompt.low,
        prompt.high,
        counts,
    )


def _choice(prompt: ChoicePrompt, exports: list[ShareExport], changed: Counter[str]) -> ChoiceRow:
    size = len(prompt.options)
    first = [0] * size
    final = [0] * size
    total = first_right = final_right = 0
    oldest = len(prompt.published[0]) if prompt.published else size
    for export in exports:
        answer = export.choices.get(prompt.id)
        if answer is None:
            continue
        given = answer.option_ids
        # read by option identity against this copy of the course (progress.choices)
        latest = read_choice(ChoiceValue(answer.selected, answer.correct, given), prompt)
        earliest = read_choice(
            ChoiceValue(answer.first_selected, answer.first_correct, given), prompt
        )
        if not (latest.current and earliest.current) or (
            given is None and answer.options != oldest
        ):
            changed[prompt.id] += 1
            continue
        total += 1
        first_right += earliest.correct is True
        final_right += latest.correct is True
        for index in earliest.selected:
            first[index] += 1
        for index in latest.selected:
            final[index] += 1
    rows = tuple(
        OptionRow(
            first_sentence(option.text.plain, 90),
            option.correct,
            first[index],
            final[index],
            misconception=(
                not option.correct
                and first[index] >= 2
                and first[index] >= MISCONCEPTION_SHARE * total
            ),
        )
        for index, option in enumerate(prompt.options)
    )
    return ChoiceRow(prompt.id, first_sentence(prompt.text), total, first_right, final_right, rows)
