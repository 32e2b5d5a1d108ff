"""Read the learner's answers for the prompts of a lesson (the UI's view of the store)."""

from __future__ import annotations

from leadtutor.core import AnyPrompt, ChoicePrompt, CommitPrompt, Lesson, ReflectPrompt
from leadtutor.progress import Answer, ChoiceValue, CommitValue, ProgressStore
from leadtutor.progress.answered import counts
from leadtutor.ui.text import first_sentence
from leadtutor.ui.widgets.choice import ChoiceAnswer
from leadtutor.ui.widgets.rating import CommitAnswer
from leadtutor.ui.widgets.reflect import count_words


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
            due = max(made, key=lambda c: c.commitment_id).due_on.isoformat()
        return CommitAnswer(answer.value.text, answer.value.follow_up_days or days), due
    draft = store.drafts().get(prompt.id)
    if draft is not None:
        return CommitAnswer(draft.text, days), ""
    return None, ""


def missing_required(store: ProgressStore, lesson: Lesson) -> list[str]:
    """What still stands between the learner and a done lesson, as short sentences."""
    missing: list[str] = []
    for prompt in lesson.prompts:
        short = first_sentence(prompt.text)
        if isinstance(prompt, ReflectPrompt) and prompt.required:
            words = count_words(reflection_text(store, prompt))
            if words == 0:
                missing.append(f"Answer: {short}")
            elif words < prompt.min_words:
                missing.append(f"Write at least {prompt.min_words} words ({words} so far): {short}")
        elif isinstance(prompt, ChoicePrompt) and not is_answered(store, prompt):
            missing.append(f"Check your answer: {short}")
    return missing
