"""Prompt options that reach beyond one directive: `:revisit:` and `:shuffle:`.

`:revisit: <id>` (any prompt) shows the learner's answer to an earlier prompt beside this
one; the id must exist and come earlier in the course. `:shuffle:` (choice prompts)
shows the options in an order of the learner's own; options that point at other options
by position ("all of the above", "A and B") stop making sense, so they get a warning.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Final, TypeVar

from leadtutor.core.course_checks import LessonRef
from leadtutor.core.directives import OptionValue
from leadtutor.core.model import AnyPrompt, ChoicePrompt, Lesson
from leadtutor.core.problems import Problems

P = TypeVar("P", bound=AnyPrompt)

_POSITIONAL: Final = (
    re.compile(
        r"(?i)\b(all|none|both|neither|either|any|each) of (the )?"
        r"(above|below|options|answers|others|these|those)\b"
    ),
    re.compile(r"(?i)\bthe (first|second|third|last|previous|next) (one|option|answer)s?\b"),
    re.compile(r"(?i)\b(options?|answers?) [a-h1-9]\b"),
    re.compile(r"\b[A-H] (and|or|&) [A-H]\b"),
    re.compile(r"^\(?[A-Ha-h1-9][.)]\s"),
)
"""Option texts that refer to other options by where they stand."""


def with_common_options(prompt: P | None, options: dict[str, OptionValue]) -> P | None:
    """`prompt` with the options every prompt kind shares (`:revisit:`, `:shuffle:`)."""
    if prompt is None:
        return None
    revisit = str(options.get("revisit", ""))
    if revisit:
        prompt = replace(prompt, revisit=revisit)
    if isinstance(prompt, ChoicePrompt) and options.get("shuffle"):
        prompt = replace(prompt, shuffle=True)
    return prompt


def option_order(prompt: ChoicePrompt, seed: str) -> tuple[int, ...]:
    """The order in which to show a choice prompt's options: indexes, first shown first.

    Without `:shuffle:` this is the authored order. With it, a permutation that depends
    only on `seed` (the learner's own random value) and the prompt id, so the same
    learner always sees the same order and different learners see different ones.
    """
    order = list(range(len(prompt.options)))
    if prompt.shuffle:
        random.Random(f"{seed}/{prompt.id}").shuffle(order)
    return tuple(order)


def check_prompt_rules(
    refs: Sequence[LessonRef],
    lessons: Iterable[Lesson],
    problems: Problems,
    *,
    course_known: bool = True,
) -> None:
    """Report `:revisit:` targets that are missing or not earlier, and positional options.

    Args:
        refs: Every lesson of the course in order (from the index for `check one.md`),
            which gives the order of every prompt.
        lessons: The parsed lessons whose prompts are checked.
        problems: Where to report.
        course_known: False for a lesson file outside any course: a target that is not
            in it may be anywhere, so it is not reported.
    """
    order: dict[str, tuple[int, str]] = {}
    for ref in refs:
        for prompt_id, _, _ in ref.prompts:
            order.setdefault(prompt_id, (len(order), ref.title or ref.id))
    for lesson in lessons:
        report = problems.at(lesson.path)
        for prompt in lesson.prompts:
            if prompt.revisit:
                _check_revisit(prompt, order, report, course_known)
            if isinstance(prompt, ChoicePrompt) and prompt.shuffle:
                _check_shuffle(prompt, report)


def _check_revisit(
    prompt: AnyPrompt, order: dict[str, tuple[int, str]], report: Problems, course_known: bool
) -> None:
    line = prompt.lines[0]
    target = order.get(prompt.revisit)
    if target is None:
        if course_known:
            report.error(
                line,
                "prompt.revisit-unknown",
                f"':revisit: {prompt.revisit}' names no prompt in this course (check the id)",
            )
        return
    here = order.get(prompt.id, (len(order), ""))[0]
    if prompt.revisit == prompt.id:
        report.error(line, "prompt.revisit-later", "a prompt cannot revisit itself")
    elif target[0] > here:
        report.error(
            line,
            "prompt.revisit-later",
            f"':revisit: {prompt.revisit}' comes later in the course (in '{target[1]}'); a "
            "prompt can only revisit one the learner has already met",
        )


def _check_shuffle(prompt: ChoicePrompt, report: Problems) -> None:
    for number, option in enumerate(prompt.options, start=1):
        text = option.text.plain.split("\n")[0].strip()
        if any(pattern.search(text) for pattern in _POSITIONAL):
            report.warning(
                prompt.lines[0],
                "choice.shuffle-position",
                f"option {number} ('{text[:40]}') points at other options by position, which "
                "':shuffle:' changes; name the options instead, or drop ':shuffle:'",
            )
