"""What counts as an answer: one definition for `leadtutor progress`, the course map, the
journal and the export.

A prompt is *answered* when its current value says something:

- a reflection or a commitment: text with at least one non-blank character;
- a scale: a point chosen (always true for a stored scale value);
- a choice: the learner pressed Check, right or wrong. A choice that was picked but never
  checked is *not* an answer yet (the learner may still be deciding, and Check is what the
  lesson asks for). It is kept in the progress file, and the export lists it as "not
  checked yet", but nothing counts it or lists it in the journal.

The same rule decides which earlier versions are worth naming: an answer's history also
holds the picks made before a Check and the blanks left while retyping, and those are not
versions of an answer. So a choice checked once has no earlier version.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from leadtutor.progress.model import (
    Answer,
    AnswerValue,
    ChoiceValue,
    CommitValue,
    LessonProgress,
    Revision,
)

Stage = Literal["new", "opened", "in-progress", "done"]
"""How far a learner is with a lesson, as the map and `leadtutor progress` say it:
never opened; opened but nothing answered yet; some answers; marked done."""


def is_answered(value: AnswerValue | None) -> bool:
    """Whether a value is an answer (see the module docstring for the rule)."""
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, ChoiceValue):
        return value.correct is not None
    if isinstance(value, CommitValue):
        return bool(value.text.strip())
    return True


def counts(answer: Answer | None) -> bool:
    """Whether a stored answer counts as answered."""
    return answer is not None and is_answered(answer.value)


def earlier_versions(answer: Answer) -> list[Revision]:
    """The earlier versions of an answer that were answers themselves, oldest first.

    Picks never checked and blank texts are left out, and so is a version equal to the
    one after it (a choice checked twice with the same options is one version).
    """
    kept: list[Revision] = []
    for revision in answer.history:
        if is_answered(revision.value) and (not kept or kept[-1].value != revision.value):
            kept.append(revision)
    if kept and kept[-1].value == answer.value:
        kept.pop()
    return kept


def exported(answer: Answer) -> bool:
    """Whether an export lists the answer: answers, picks not checked yet (described as
    such), and anything with earlier versions; a blank text with no past is left out."""
    return counts(answer) or isinstance(answer.value, ChoiceValue) or bool(earlier_versions(answer))


def answered_ids(answers: Iterable[Answer]) -> set[str]:
    """The prompt ids of the answers that count."""
    return {a.prompt_id for a in answers if counts(a)}


def stage(record: LessonProgress | None, answered: int) -> Stage:
    """A lesson's stage from its record and how many of its prompts are answered.

    Opening a lesson is not progress: a lesson opened with nothing answered is "opened",
    not "in-progress".
    """
    if record is None or record.status == "new":
        return "in-progress" if answered else "new"
    if record.status == "done":
        return "done"
    return "in-progress" if answered else "opened"
