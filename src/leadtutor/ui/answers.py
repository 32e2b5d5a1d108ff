"""Read the learner's answers for the prompts of a lesson (the UI's view of the store)."""

from __future__ import annotations

from leadtutor.core import AnyPrompt, ChoicePrompt, CommitPrompt, Course, Lesson, ReflectPrompt
from leadtutor.core.completion import OpenItem, Reply, open_items
from leadtutor.progress import Answer, ChoiceValue, CommitValue, ProgressStore
from leadtutor.progress.answered import Stage, counts, stage
from leadtutor.progress.choices import earlier_note, read_choice
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


def choice_answer(answer: Answer | None, prompt: ChoicePrompt) -> ChoiceAnswer | None:
    """The widget's view of a saved choice, read against the options now by option
    identity; an answer to an earlier version of the check is not pre-selected, only
    told (`leadtutor.progress.choices`)."""
    if answer is None or not isinstance(answer.value, ChoiceValue):
        return None
    reading = read_choice(answer.value, prompt)
    if not reading.current:
        note = earlier_note(answer.value, prompt, answer.updated_at) or ""
        return ChoiceAnswer((), False, False, note)
    return ChoiceAnswer(reading.selected, reading.checked, bool(reading.correct))


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


def lesson_stage(store: ProgressStore, lesson: Lesson) -> Stage:
    """new, opened, in-progress or done (`leadtutor.progress.answered.stage`)."""
    answered = sum(1 for p in lesson.prompts if is_answered(store, p))
    return stage(store.lessons().get(lesson.id), answered)


def next_up(store: ProgressStore, course: Course) -> Lesson | None:
    """The lesson to go on with: the current one unless it is done, else the next lesson
    not done (after the current one, then from the start); None when all are done."""
    lessons = list(course.lessons)
    resume = store.resume
    start = next((i for i, x in enumerate(lessons) if resume and x.id == resume.lesson_id), -1)
    if start >= 0 and lesson_stage(store, lessons[start]) != "done":
        return lessons[start]
    for lesson in lessons[start + 1 :] + lessons[: start + 1]:
        if lesson_stage(store, lesson) != "done":
            return lesson
    return None
