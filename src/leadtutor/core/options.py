"""Choice options by identity: a short fingerprint of each option's words.

A learner's choice answer is saved as option indexes. When an author re-orders or
re-words a published choice, the indexes would point at other options, so each answer
also records the fingerprints of the options it was given (`leadtutor.progress`), and
`course.lock` records each locked choice's options with their history
(`leadtutor.core.lock`). An answer is then read against the options as they are now by
fingerprint, never by position (`leadtutor.progress.choices.read_choice`).

A fingerprint is the first 8 hex digits of the SHA-256 of the option's normalised
label: its visible text (no Markdown), Unicode NFKC, case-folded, and reduced to its
words (letters and digits) separated by single spaces, so restyling, re-punctuating or
re-wrapping an option keeps its identity while changing a word gives it a new one.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import Final, NamedTuple

FINGERPRINT: Final = re.compile(r"[0-9a-f]{8}")
"""What a fingerprint looks like."""
_WORDS: Final = re.compile(r"\w+")


class PublishedOption(NamedTuple):
    """One option as course.lock and answers know it."""

    fingerprint: str
    label: str
    """The option's text on one line (for people; the fingerprint is what counts)."""


OptionList = tuple[PublishedOption, ...]
"""A choice's options in their authored order."""


def one_line(text: str) -> str:
    """An option's plain text with every run of whitespace made one space."""
    return " ".join(text.split())


def normalised(label: str) -> str:
    """The words of a label that decide its identity (see the module docstring)."""
    text = unicodedata.normalize("NFKC", label).casefold()
    words = _WORDS.findall(text)
    return " ".join(words) if words else " ".join(text.split())


def fingerprint(label: str) -> str:
    """The short fingerprint of an option's label (8 hex digits)."""
    return hashlib.sha256(normalised(label).encode("utf-8", "surrogatepass")).hexdigest()[:8]


def option_list(labels: list[str] | tuple[str, ...]) -> OptionList:
    """Options from their plain texts, in order."""
    return tuple(PublishedOption(fingerprint(text), one_line(text)) for text in labels)
