"""Read the learner's answers for the prompts of a lesson (the UI's view of the store)."""

from __future__ import annotations

from leadtutor.core import AnyPrompt, CommitPrompt, Lesson, ReflectPrompt
from leadtutor.core.completion import OpenItem, Reply, open_items
from leadtutor.progress import Answer, ChoiceValue, CommitValue, ProgressStore
from leadtutor.progress.answered import counts
from leadtutor.progress.dates import day
from leadtutor.progress.followups import number
from leadtutor.ui.text import first_sentence
from leadtutor.ui.widgets.choice import ChoiceAnswer
from leadtutor.ui.widgets.rating import CommitAnswer


def is_answered(store: ProgressStore, prompt: AnyPrompt) -> bool:
    """Whether the prompt has an answer that counts (`leadtutor.progress.answered`)."""
    return counts(store.answer(prompt.id))


def reflection_text(store: ProgressStore, prompt: ReflectPrompt) -> str:
    """The saved text of a reflection ('' if none)."""
    answer = store.answer(prompt.id)
    return answer.value if answer is not None and isinstance(answer.value, str) else ""


def choice_answer(answer: Answer | None) -> ChoiceAnswer | None:
    """The widget's view of a saved choice."""
    if answer is None or not isinstance(answer.value, ChoiceValue):
        return None
    value = answer.value
    return ChoiceAnswer(value.selected, value.correct is not None, bool(value.correct))


def commitment(store: ProgressStore, prompt: CommitPrompt) -> tuple[CommitAnswer | None, str]:
    """The saved commitment (or unconfirmed draft) of a commit prompt, and its due date."""
    answer = store.answer(prompt.id)
    days = prompt.follow_up_days or 14
    if answer is not None and isinstance(answer.value, CommitValue):
        due = ""
        made = [c for c in store.commitments() if c.prompt_id == prompt.id]
        if made:
            due = day(max(made, key=lambda c: number(c.commitment_id)).due_on)
        return CommitAnswer(answer.value.text, answer.value.follow_up_days or days), due
    draft = store.drafts().get(prompt.id)
    if draft is not None:
        return CommitAnswer(draft.text, days), ""
    return None, ""


def replies(store: ProgressStore, lesson: Lesson) -> dict[str, Reply]:
    """The lesson's answers as the completion model reads them (`core.completion`)."""
    found: dict[str, Reply] = {}
    for prompt in lesson.prompts:
        answer = store.answer(prompt.id)
        value = answer.value if answer is not None else None
        if isinstance(value, str | int) and not isinstance(value, bool):
            found[prompt.id] = value
        elif isinstance(value, ChoiceValue) and value.correct is not None:
            found[prompt.id] = True
        elif isinstance(value, CommitValue):
            found[prompt.id] = value.text
    return found


def open_required(store: ProgressStore, lesson: Lesson) -> list[OpenItem]:
    """The required prompts of `lesson` the learner has not completed."""
    return open_items(lesson, replies(store, lesson))


def describe(item: OpenItem) -> str:
    """One short sentence saying what a required prompt still needs."""
    short = first_sentence(item.prompt.text)
    if item.reason == "too-short":
        return f"Write at least {item.needed} words ({item.words} so far): {short}"
    if item.reason == "unchecked":
        return f"Pick an answer and press Check: {short}"
    if item.reason == "unrated":
        return f"Choose a point on the scale: {short}"
    if isinstance(item.prompt, CommitPrompt):
        return f"Write your commitment: {short}"
    return f"Answer: {short}"


def missing_required(store: ProgressStore, lesson: Lesson) -> list[str]:
    """What still stands between the learner and a done lesson, as short sentences."""
    return [describe(item) for item in open_required(store, lesson)]
