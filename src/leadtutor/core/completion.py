"""The completion model: which prompts a lesson requires, and what still stands between
a learner and a done lesson. Never imports Textual; the UI asks these functions.

The rules (documented for authors in docs/authoring.md, "When a lesson is done"):

- A prompt is *required* only when it says `:required:` (any prompt kind). Without it a
  prompt is optional, whatever its kind.
- A required prompt is *complete* when it has an answer: a reflection with at least one
  word (and at least `:min-words:` words when that is set); a choice the learner has
  checked (right or wrong: it is a check, not an exam); a scale with a point chosen; a
  commitment with some text.
- A lesson is done when the learner marks it done, or reaches its end by scrolling, and
  every required prompt is complete. Opening a lesson never makes it done.

Words are counted as a reader would: runs of letters and digits (with inner `'` or
`-`), and every character of Chinese, Japanese or Korean script counts as one word,
since those scripts do not put spaces between words.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final, Literal

from leadtutor.core.model import (
    AnyPrompt,
    ChoicePrompt,
    CommitPrompt,
    Lesson,
    ReflectPrompt,
    ScalePrompt,
)

CJK_RANGES: Final = (
    "\u1100-\u11ff"  # Hangul Jamo
    "\u2e80-\u2fdf"  # CJK radicals, Kangxi radicals
    "\u3005-\u3007"  # 々 〆 〇
    "\u3021-\u3029\u3038-\u303b"  # Hangzhou numerals, more iteration marks
    "\u3040-\u30ff"  # Hiragana, Katakana
    "\u3100-\u312f"  # Bopomofo
    "\u3130-\u318f"  # Hangul compatibility Jamo
    "\u31a0-\u31bf\u31f0-\u31ff"  # Bopomofo extended, Katakana phonetic extensions
    "\u3400-\u4dbf"  # CJK unified ideographs extension A
    "\u4e00-\u9fff"  # CJK unified ideographs
    "\ua960-\ua97f"  # Hangul Jamo extended A
    "\uac00-\ud7ff"  # Hangul syllables, Jamo extended B
    "\uf900-\ufaff"  # CJK compatibility ideographs
    "\uff66-\uff9f"  # half-width Katakana
    "\uffa0-\uffdc"  # half-width Hangul
    "\U0001b000-\U0001b16f"  # Kana supplement and extended
    "\U00020000-\U0003134f"  # CJK unified ideographs extensions B-G
)
"""Characters of Chinese, Japanese and Korean script; each counts as one word."""

_CJK: Final = re.compile(f"[{CJK_RANGES}]")
_WORD: Final = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
"""Letters and digits, joined by inner apostrophes or hyphens (`don't`, `well-known`)."""


def count_words(text: str) -> int:
    """Count the words in a learner's answer.

    >>> count_words("Don't stop, well-known idea - yes")
    5
    >>> count_words("我们的团队")  # five characters of Chinese
    5
    >>> count_words("チームで 話した AI")  # seven characters of Japanese, one word
    8
    """
    cjk = len(_CJK.findall(text))
    rest = _CJK.sub(" ", text) if cjk else text
    return cjk + len(_WORD.findall(rest))


Reply = str | int | bool
"""A prompt's answer as the completion model sees it: a reflection's or commitment's
text (`str`), a scale's chosen point (`int`), or `True` for a checked choice."""


@dataclass(frozen=True)
class OpenItem:
    """A required prompt that is not complete yet."""

    prompt: AnyPrompt
    reason: Literal["unanswered", "too-short", "unchecked", "unrated"]
    words: int = 0
    """For `too-short`: the words written so far."""

    @property
    def needed(self) -> int:
        """For `too-short`: the words the prompt asks for."""
        return self.prompt.min_words if isinstance(self.prompt, ReflectPrompt) else 0


def is_required(prompt: AnyPrompt) -> bool:
    """Whether the lesson cannot be done until this prompt is complete."""
    return prompt.required


def required_prompts(lesson: Lesson) -> tuple[AnyPrompt, ...]:
    """The lesson's required prompts, in order."""
    return tuple(p for p in lesson.prompts if is_required(p))


def open_item(prompt: AnyPrompt, reply: Reply | None) -> OpenItem | None:
    """What keeps `prompt` from being complete, or None if it is complete (or optional)."""
    if not is_required(prompt):
        return None
    if isinstance(prompt, ReflectPrompt):
        words = count_words(reply) if isinstance(reply, str) else 0
        if words == 0:
            return OpenItem(prompt, "unanswered")
        if words < prompt.min_words:
            return OpenItem(prompt, "too-short", words)
        return None
    if isinstance(prompt, ChoicePrompt):
        return None if reply is True else OpenItem(prompt, "unchecked")
    if isinstance(prompt, ScalePrompt):
        chosen = isinstance(reply, int) and not isinstance(reply, bool)
        return None if chosen else OpenItem(prompt, "unrated")
    assert isinstance(prompt, CommitPrompt)
    text = reply if isinstance(reply, str) else ""
    return None if text.strip() else OpenItem(prompt, "unanswered")


def open_items(lesson: Lesson, replies: Mapping[str, Reply]) -> list[OpenItem]:
    """Every required prompt of `lesson` that is not complete, in lesson order.

    Args:
        lesson: The lesson.
        replies: Answers by prompt id (see `Reply`); a missing id means no answer.
    """
    found = (open_item(p, replies.get(p.id)) for p in lesson.prompts)
    return [item for item in found if item is not None]
