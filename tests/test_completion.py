"""The completion model (`leadtutor.core.completion`): word counts and required prompts."""

from __future__ import annotations

from pathlib import Path

import pytest

from leadtutor.core import Lesson, parse_lesson
from leadtutor.core.completion import Reply, count_words, open_items, required_prompts


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", 0),
        ("   \n\t ", 0),
        ("- — … !", 0),  # punctuation alone is not a word
        ("one", 1),
        ("Don't stop: a well-known idea - yes", 6),
        ("O'Neil’s team, 3 people.", 4),
        ("我们的团队很好", 7),  # Chinese: one word per character
        ("チームで話した", 7),  # Japanese kana and kanji
        ("우리 팀은 좋다", 6),  # Korean: one word per Hangul syllable
        ("我们用 Slack 开会。", 6),  # mixed scripts; the full stop is not a word
        ("𠀀𠀁", 2),  # CJK extension B, outside the Basic Multilingual Plane
        ("Ünïcödé naïve café", 3),
    ],
)
def test_count_words(text: str, words: int) -> None:
    assert count_words(text) == words


LESSON = """---
title: Completion
---

Intro.

:::{reflect} c-reflect
:required:
:min-words: 4
Why?
:::

:::{reflect} c-optional
Anything else?
:::

:::{choice} c-choice
:required:
Which?

- [ ] No

  Because.
- [x] Yes

  Because.
:::

:::{choice} c-choice-optional
Which again?

- [ ] No
- [x] Yes

Explanation.
:::

:::{choice} c-choice-off
:required: false
Which, finally?

- [ ] No
- [x] Yes

Explanation.
:::

:::{scale} c-scale
:required:
How much?
:::

:::{commit} c-commit
:required: yes
What will you do?
:::
"""


def _lesson() -> Lesson:
    lesson = parse_lesson(LESSON, Path("01-completion.md"))
    assert lesson.problems == (), lesson.problems
    return lesson


def test_required_is_accepted_on_every_prompt_kind_and_choices_are_optional_by_default() -> None:
    lesson = _lesson()
    assert [p.id for p in required_prompts(lesson)] == [
        "c-reflect",
        "c-choice",
        "c-scale",
        "c-commit",
    ]


def test_open_items_lists_what_each_required_prompt_still_needs() -> None:
    lesson = _lesson()
    items = open_items(lesson, {})
    assert [(i.prompt.id, i.reason) for i in items] == [
        ("c-reflect", "unanswered"),
        ("c-choice", "unchecked"),
        ("c-scale", "unrated"),
        ("c-commit", "unanswered"),
    ]
    partly = open_items(
        lesson,
        {"c-reflect": "three short words", "c-choice": True, "c-scale": 3, "c-commit": "  "},
    )
    assert [(i.prompt.id, i.reason, i.words, i.needed) for i in partly] == [
        ("c-reflect", "too-short", 3, 4),
        ("c-commit", "unanswered", 0, 0),
    ]
    done: dict[str, Reply] = {
        "c-reflect": "我们的团队",
        "c-choice": True,
        "c-scale": 1,
        "c-commit": "Ask Sam",
    }
    assert open_items(lesson, done) == []  # five Chinese characters reach four words


def test_a_choice_counts_once_checked_and_a_scale_needs_a_point() -> None:
    lesson = _lesson()
    replies: dict[str, Reply] = {
        "c-reflect": "one two three four",
        "c-commit": "x",
        "c-choice": "",
        "c-scale": False,
    }
    assert [i.prompt.id for i in open_items(lesson, replies)] == ["c-choice", "c-scale"]
