"""Build what a `:revisit:` prompt shows: the learner's earlier answer, from the store."""

from __future__ import annotations

from leadtutor.core import AnyPrompt, Course
from leadtutor.progress import ProgressStore
from leadtutor.progress.answered import earlier_versions
from leadtutor.progress.dates import day
from leadtutor.progress.journal import describe
from leadtutor.ui.text import first_sentence
from leadtutor.ui.widgets.earlier import Earlier


def earlier_for(course: Course, store: ProgressStore, prompt: AnyPrompt) -> Earlier | None:
    """The earlier answer `prompt` revisits, or `None` if it revisits nothing."""
    if not prompt.revisit:
        return None
    found = course.find_prompt(prompt.revisit)
    earlier_prompt = found[1] if found is not None else None
    question = first_sentence(earlier_prompt.text) if earlier_prompt is not None else ""
    answer = store.answer(prompt.revisit)
    if answer is None:
        return Earlier(question, "")
    text = describe(answer.value, earlier_prompt)
    if text == "(empty)":
        return Earlier(question, "")
    when = day(answer.updated_at.astimezone().date())
    return Earlier(question, text, when, len(earlier_versions(answer)) + 1)
