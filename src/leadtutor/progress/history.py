"""An answer's history as versions, and what changed between two versions, word by word.

The store keeps every earlier value of an answer (`Answer.history`). This module lays
them out for people: numbered versions, oldest first, and a word-level comparison made
with `difflib`, so the journal can show how the learner's thinking moved. Pure Python.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Final, Literal

from leadtutor.progress.answered import earlier_versions
from leadtutor.progress.model import Answer, AnswerValue

_TOKENS: Final = re.compile(r"\s+|\w+|[^\w\s]")
ChangeKind = Literal["same", "added", "removed"]


@dataclass(frozen=True)
class Version:
    """One value an answer has had."""

    number: int
    """1 for the first answer."""
    value: AnswerValue
    at: datetime
    """When this value was written (for the current one: the answer's `updated_at`)."""
    current: bool = False


@dataclass(frozen=True)
class Change:
    """A run of text that two versions share, or that one of them adds or removes."""

    kind: ChangeKind
    text: str


def versions(answer: Answer) -> list[Version]:
    """Every version of an answer, oldest first; the last is the current value.

    The earlier ones are `answered.earlier_versions` (real answers only: no unchecked
    picks, no blanks left while retyping), so the count matches the journal's.
    """
    earlier = earlier_versions(answer)
    found = [Version(n, rev.value, rev.at) for n, rev in enumerate(earlier, start=1)]
    found.append(Version(len(found) + 1, answer.value, answer.updated_at, current=True))
    return found


def changes(old: str, new: str) -> list[Change]:
    """What changed from `old` to `new`, word by word (spaces and punctuation kept).

    Joining the `same` and `added` texts gives `new`; `same` and `removed` give `old`.
    """
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    found: list[Change] = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            _add(found, "same", "".join(a[a1:a2]))
            continue
        if op in ("delete", "replace"):
            _add(found, "removed", "".join(a[a1:a2]))
        if op in ("insert", "replace"):
            _add(found, "added", "".join(b[b1:b2]))
    return found


def summary(found: list[Change]) -> str:
    """A short count of what changed, e.g. "5 words added, 2 removed" or "no change"."""
    added = sum(_words(c.text) for c in found if c.kind == "added")
    removed = sum(_words(c.text) for c in found if c.kind == "removed")
    if not added and not removed:
        spaces = any(c.kind != "same" for c in found)
        return "only spacing changed" if spaces else "no change"
    parts = []
    if added:
        parts.append(f"{added} word{'s' if added != 1 else ''} added")
    if removed:
        parts.append(
            f"{removed} removed"
            if added
            else f"{removed} word{'s' if removed != 1 else ''} removed"
        )
    return ", ".join(parts)


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def _add(found: list[Change], kind: ChangeKind, text: str) -> None:
    if not text:
        return
    if found and found[-1].kind == kind:
        found[-1] = Change(kind, found[-1].text + text)
    else:
        found.append(Change(kind, text))
