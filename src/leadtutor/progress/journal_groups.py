"""The journal's shape, shared by every export (Markdown in `journal.py`, HTML in
`journal_html.py`): what the learner wrote, in the course's order.

Modules, then lessons, then each answered prompt with its commitments; then answers
whose prompt is no longer in the course (orphans) and unconfirmed drafts, so nothing
the learner wrote is left out. Modules and lessons with no answers are skipped.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from leadtutor.core import AnyPrompt, Course, Lesson, Module
from leadtutor.progress.answered import counts, exported
from leadtutor.progress.model import Answer, Commitment, Draft, Progress


@dataclass(frozen=True)
class Entry:
    """One answer, with its prompt (None for an orphan) and the commitments made in it."""

    answer: Answer
    prompt: AnyPrompt | None
    commitments: tuple[Commitment, ...] = ()


@dataclass(frozen=True)
class LessonEntries:
    """A lesson's answered prompts, in lesson order."""

    lesson: Lesson
    entries: tuple[Entry, ...]
    completed_at: datetime | None = None
    """When the lesson was marked done, if it was."""


@dataclass(frozen=True)
class ModuleEntries:
    """A module's lessons that have answers."""

    module: Module
    lessons: tuple[LessonEntries, ...]


@dataclass(frozen=True)
class JournalGroups:
    """Everything an export shows."""

    modules: tuple[ModuleEntries, ...]
    orphans: tuple[Entry, ...]
    drafts: tuple[Draft, ...]
    commitments: tuple[Commitment, ...]
    """Every commitment, by id."""
    count: int
    """Answers that count (`leadtutor.progress.answered`), orphans included."""


def group(course: Course, progress: Progress) -> JournalGroups:
    """Arrange the learner's progress in the course's order."""
    commitments = tuple(sorted(progress.commitments.values(), key=lambda c: c.commitment_id))
    by_prompt: dict[str, list[Commitment]] = {}
    for item in commitments:
        by_prompt.setdefault(item.prompt_id, []).append(item)

    def entry(answer: Answer, prompt: AnyPrompt | None) -> Entry:
        return Entry(answer, prompt, tuple(by_prompt.get(answer.prompt_id, ())))

    modules = []
    for module in course.modules:
        lessons = []
        for lesson in module.lessons:
            entries = tuple(
                entry(progress.answers[prompt.id], prompt)
                for prompt in lesson.prompts
                if prompt.id in progress.answers and exported(progress.answers[prompt.id])
            )
            if entries:
                status = progress.lessons.get(lesson.id)
                done = status.completed_at if status and status.status == "done" else None
                lessons.append(LessonEntries(lesson, entries, done))
        if lessons:
            modules.append(ModuleEntries(module, tuple(lessons)))
    orphans = tuple(
        entry(answer, None)
        for answer in sorted(
            (
                a
                for a in progress.answers.values()
                if a.prompt_id not in course.prompt_ids and exported(a)
            ),
            key=lambda a: (a.lesson_id, a.prompt_id),
        )
    )
    drafts = tuple(sorted(progress.drafts.values(), key=lambda d: d.prompt_id))
    count = sum(1 for a in progress.answers.values() if counts(a))
    return JournalGroups(tuple(modules), orphans, drafts, commitments, count)
