"""The share export: what a learner may hand to a facilitator (`journal export --share`).

It holds only which lessons are done, the scale ratings and the quick-check answers:
no written answers, no commitments, no dates except the day of the export, nothing
that names the learner. `--include-text` adds the reflections, and the export says so
in its `includes_text` field (and in `about`, which people read). The format is
documented in `docs/share-format.md`; `leadtutor.cohort` reads it.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any, Final

from leadtutor.core import ChoicePrompt, Course, ReflectPrompt, ScalePrompt
from leadtutor.progress.answered import is_answered
from leadtutor.progress.choices import read_choice
from leadtutor.progress.model import Answer, ChoiceValue, Progress

FORMAT: Final = "leadtutor-share"
"""The `format` field every share export starts with."""
SCHEMA_VERSION: Final = 1
"""The share format's version; a reader refuses a higher one."""

ABOUT_WITHOUT_TEXT: Final = (
    "A leadtutor share export: which lessons are done, scale ratings and quick-check "
    "answers. It holds none of your written answers."
)
ABOUT_WITH_TEXT: Final = (
    "A leadtutor share export: which lessons are done, scale ratings and quick-check "
    "answers, AND YOUR WRITTEN REFLECTIONS (exported with --include-text). Read them "
    "before you hand this file over."
)


def share_export(
    course: Course, progress: Progress, *, today: date, include_text: bool = False
) -> dict[str, Any]:
    """Build the share export of one learner's progress.

    Args:
        course: The course, for its lessons and the prompts' kinds and ranges.
        progress: The learner's progress.
        today: The export's date (the only date it holds).
        include_text: Add the reflections (the current text of each `reflect` answer).

    Returns:
        The export as a JSON-ready dict (see `docs/share-format.md`).
    """
    lessons = {
        lesson.id: (progress.lessons[lesson.id].status if lesson.id in progress.lessons else "new")
        for lesson in course.lessons
    }
    answers: dict[str, dict[str, Any]] = {}
    for lesson in course.lessons:
        for prompt in lesson.prompts:
            answer = progress.answers.get(prompt.id)
            if answer is None or not is_answered(answer.value):
                continue
            if isinstance(prompt, ScalePrompt) and isinstance(answer.value, int):
                answers[prompt.id] = {
                    "kind": "scale",
                    "value": answer.value,
                    "min": prompt.minimum,
                    "max": prompt.maximum,
                }
            elif isinstance(prompt, ChoicePrompt) and isinstance(answer.value, ChoiceValue):
                record = _choice(answer, answer.value, prompt)
                if record is not None:
                    answers[prompt.id] = record
            elif (
                include_text and isinstance(prompt, ReflectPrompt) and isinstance(answer.value, str)
            ):
                answers[prompt.id] = {"kind": "reflect", "text": answer.value.strip()}
    return {
        "format": FORMAT,
        "schema_version": SCHEMA_VERSION,
        "includes_text": include_text,
        "about": ABOUT_WITH_TEXT if include_text else ABOUT_WITHOUT_TEXT,
        "course_id": course.id,
        "course_version": course.version,
        "exported_on": today.isoformat(),
        "lessons": lessons,
        "answers": answers,
    }


def _choice(answer: Answer, value: ChoiceValue, prompt: ChoicePrompt) -> dict[str, Any] | None:
    """The latest checked answer, and the first one (which shows what the learner
    believed), both read against the options now by option identity; `None` when the
    latest answers an earlier version of the check (its options changed since)."""
    latest = read_choice(value, prompt)
    if not latest.current:
        return None
    checked = [
        read_choice(r.value, prompt)
        for r in answer.history
        if isinstance(r.value, ChoiceValue) and r.value.correct is not None
    ]
    first = next((r for r in [*checked, latest] if r.current and r.checked), latest)
    return {
        "kind": "choice",
        "options": len(prompt.options),
        "option_ids": list(prompt.fingerprints),
        "selected": list(latest.selected),
        "correct": latest.correct,
        "first_selected": list(first.selected),
        "first_correct": first.correct,
    }


def encode_share(export: dict[str, Any]) -> bytes:
    """The export as readable UTF-8 JSON (two-space indent, keys in a fixed order)."""
    return (json.dumps(export, ensure_ascii=False, indent=2) + "\n").encode("utf-8", "replace")
