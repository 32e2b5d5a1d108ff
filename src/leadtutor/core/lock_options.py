"""Compare each locked choice's options with course.lock, and plan their history.

A learner's choice answer is saved as option indexes plus the fingerprints of the
options it was given (`leadtutor.core.options`). `check_options` warns
(`lock.options-changed`) when a locked choice's options are re-ordered, re-worded,
added or removed since the lock was written, and says what happens to saved answers.
`plan_options` gives the `[options]` of a new lock: a changed list moves into the
prompt's history, so answers saved before fingerprints existed can still be read
against the options they were given (the oldest list). `with_published` gives each
choice prompt of a loaded course its lists from the lock (`ChoicePrompt.published`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from leadtutor.core.course_checks import LessonRef
from leadtutor.core.lock import Lock, LockedOptions
from leadtutor.core.model import ChoicePrompt, Course, Lesson
from leadtutor.core.options import OptionList
from leadtutor.core.problems import Problems

EarlierOptions = Mapping[str, tuple[str, OptionList]]
"""Prompt id -> (course version, options) of an earlier copy of the course."""


def _prints(options: OptionList) -> tuple[str, ...]:
    return tuple(option.fingerprint for option in options)


def check_options(
    refs: Sequence[LessonRef], lock: Lock, problems: Problems, focus: LessonRef | None = None
) -> None:
    """Warn about every checked choice whose options differ from its locked list."""
    for ref in refs:
        if ref.choices is None or not ref.ok or (focus is not None and ref is not focus):
            continue
        lines = {pid: line for pid, _, line in ref.prompts}
        for prompt_id, now in ref.choices.items():
            locked = lock.options.get(prompt_id)
            if locked is not None and _prints(locked.now) != _prints(now):
                problems.at(ref.path).warning(
                    lines.get(prompt_id, 1),
                    "lock.options-changed",
                    changed_message(prompt_id, locked.now, now),
                )


def changed_message(prompt_id: str, locked: OptionList, now: OptionList) -> str:
    """What changed in a choice's options, and what that does to saved answers."""
    old, new = _prints(locked), _prints(now)
    gone = [o for o in locked if o.fingerprint not in new]
    added = [o for o in now if o.fingerprint not in old]
    moved = [p for p in new if p in old] != [p for p in old if p in new]
    parts = []
    if gone:
        label = gone[0].label if len(gone[0].label) <= 60 else gone[0].label[:59] + "…"
        parts.append(f"{len(gone)} locked option(s) re-worded or removed (“{label}”)")
    if added:
        parts.append(f"{len(added)} new")
    if moved:
        parts.append("the order changed")
    if gone:
        effect = (
            "a learner's saved answer that picked a re-worded or removed option is kept, but "
            "shown as an answer to an earlier version of this check, not scored, and the "
            "check is offered fresh; answers to the other options follow them by their words"
        )
    else:
        effect = "saved answers follow their options by their words, so each still means "
        effect += "what the learner picked"
    return (
        f"the options of '{prompt_id}' differ from course.lock ({', '.join(parts)}): {effect}. "
        "If you mean it, run `leadtutor check --update-lock` (course.lock keeps the old "
        "options as history); to keep learners' answers to an option, keep its words"
    )


def plan_options(
    refs: Sequence[LessonRef],
    old: Lock | None,
    version: str,
    first: EarlierOptions | None = None,
) -> dict[str, LockedOptions]:
    """The `[options]` of a new lock, in course order.

    Args:
        refs: The course's lessons, freshly parsed.
        old: The current lock, whose option history is kept.
        version: The course version now (recorded with a new list).
        first: Options of an earlier copy of the course (`--options-from`), recorded as
            each prompt's oldest list when they differ from it.
    """
    found: dict[str, LockedOptions] = {}
    for ref in refs:
        for prompt_id, now in (ref.choices or {}).items():
            previous = old.options.get(prompt_id) if old is not None else None
            if previous is None:
                entry = LockedOptions(now, version)
            elif _prints(previous.now) == _prints(now):
                entry = LockedOptions(now, previous.version, previous.earlier)
            else:
                earlier = (*previous.earlier, (previous.version, previous.now))
                entry = LockedOptions(now, version, earlier)
            oldest = (first or {}).get(prompt_id)
            if oldest is not None and _prints(oldest[1]) != _prints(entry.lists[0]):
                entry = LockedOptions(entry.now, entry.version, (oldest, *entry.earlier))
            found.setdefault(prompt_id, entry)
    return found


def with_published(course: Course, lock: Lock | None) -> Course:
    """`course` with each locked choice prompt's option lists (oldest first) attached."""
    if lock is None or not lock.options:
        return course

    def lesson_with(lesson: Lesson) -> Lesson:
        if not any(isinstance(p, ChoicePrompt) and p.id in lock.options for p in lesson.prompts):
            return lesson
        blocks = tuple(
            replace(block, published=lock.options[block.id].lists)
            if isinstance(block, ChoicePrompt) and block.id in lock.options
            else block
            for block in lesson.blocks
        )
        return replace(lesson, blocks=blocks)

    modules = tuple(
        replace(module, lessons=tuple(lesson_with(lesson) for lesson in module.lessons))
        for module in course.modules
    )
    return replace(course, modules=modules)
