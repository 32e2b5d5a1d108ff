"""The parsed model: blocks in order with their source lines, prompts with options."""

from __future__ import annotations

from pathlib import Path

from leadtutor.core import (
    Callout,
    ChoicePrompt,
    CommitPrompt,
    Prose,
    ReflectPrompt,
    ScalePrompt,
    parse_lesson,
)

LESSON = """---
title: "A lesson: with a colon"
id: no
summary: Short.
minutes: 12
objectives:
  - First
  - Second
---

Opening paragraph.

## Why it matters

Text with a [link](#why-it-matters).

:::{reflect} door
:required:
:min-words: 25
:placeholder: Start here
Think about **a door** you opened.
:::

## Why it matters

::::{debate} Mintzberg disagrees
Splitting them *harms* both.
::::

:::{choice} check
:multiple:
Which are true?

- [x] One *emphasised*

  Right: one.
- [ ] Two

  Wrong: two.
- [x] Three

  Right: three.

A closing explanation.
:::

:::{scale} rate
:min: 0
:max: 10
:low: Never
:high: Always
How often? *(For reflection.)*
:::

:::{commit} act
:follow-up: 14
What will you do?
:::

Closing words.
"""


def parse() -> object:
    return parse_lesson(LESSON, Path("lesson.md"))


def test_front_matter_is_read_strictly() -> None:
    lesson = parse_lesson(LESSON, Path("x/01-a.md"))
    assert lesson.ok, lesson.problems
    assert lesson.id == "no"  # YAML 1.1 would have made this False
    assert lesson.title == "A lesson: with a colon"
    assert lesson.minutes == 12
    assert lesson.objectives == ("First", "Second")


def test_blocks_in_order_with_source_lines() -> None:
    lesson = parse_lesson(LESSON, Path("lesson.md"))
    kinds = [type(b).__name__ for b in lesson.blocks]
    assert kinds == [
        "Prose",
        "ReflectPrompt",
        "Prose",
        "Callout",
        "ChoicePrompt",
        "ScalePrompt",
        "CommitPrompt",
        "Prose",
    ]
    lines = LESSON.split("\n")
    for block in lesson.blocks:
        first, last = block.lines
        assert 10 <= first <= last <= len(lines)
    reflect = lesson.blocks[1]
    assert lines[reflect.lines[0] - 1] == ":::{reflect} door"
    assert lines[reflect.lines[1] - 1] == ":::"
    prose = lesson.blocks[0]
    assert isinstance(prose, Prose)
    assert prose.body.source.startswith("Opening paragraph.")


def test_prompts_carry_their_options() -> None:
    lesson = parse_lesson(LESSON, Path("lesson.md"))
    reflect, choice, scale, commit = lesson.prompts
    assert isinstance(reflect, ReflectPrompt)
    assert (reflect.required, reflect.min_words, reflect.placeholder) == (True, 25, "Start here")
    assert reflect.text == "Think about a door you opened."
    assert isinstance(choice, ChoicePrompt)
    assert choice.multiple
    assert choice.text == "Which are true?"
    assert [o.text.plain for o in choice.options] == ["One emphasised", "Two", "Three"]
    assert choice.correct == frozenset({0, 2})
    assert [o.feedback.plain if o.feedback else "" for o in choice.options] == [
        "Right: one.",
        "Wrong: two.",
        "Right: three.",
    ]
    assert choice.explanation is not None
    assert choice.explanation.plain == "A closing explanation."
    assert isinstance(scale, ScalePrompt)
    assert (scale.minimum, scale.maximum, scale.low, scale.high) == (0, 10, "Never", "Always")
    assert isinstance(commit, CommitPrompt)
    assert commit.follow_up_days == 14


def test_callout_title_and_body() -> None:
    lesson = parse_lesson(LESSON, Path("lesson.md"))
    callout = lesson.blocks[3]
    assert isinstance(callout, Callout)
    assert (callout.callout, callout.title, callout.body.plain) == (
        "debate",
        "Mintzberg disagrees",
        "Splitting them harms both.",
    )


def test_headings_get_unique_slugs_and_block_indexes() -> None:
    lesson = parse_lesson(LESSON, Path("lesson.md"))
    assert [(h.text, h.slug, h.block) for h in lesson.headings] == [
        ("Why it matters", "why-it-matters", 0),
        ("Why it matters", "why-it-matters-1", 2),
    ]
    assert lesson.heading("why-it-matters-1") is lesson.headings[1]
    assert lesson.block_index("rate") == 5


def test_control_characters_never_reach_the_model() -> None:
    hostile = LESSON.replace(
        "Opening paragraph.", "Open\x1b]52;c;AAAA\x07ing \x9b2J par\u202eagraph."
    )
    hostile = hostile.replace("A lesson", "A \x1b[31mlesson")
    lesson = parse_lesson(hostile, Path("lesson.md"))
    assert "\x1b" not in lesson.title
    text = lesson.blocks[0].body.source
    assert all(ch not in text for ch in "\x1b\x07\x9b\u202e")
    assert [p.code for p in lesson.problems] == ["text.control-characters"]
