"""Make untrusted lesson text safe to show in a terminal.

Lesson files may come from anyone. Raw ESC, C1 and other control characters would
reach the terminal unchanged (Textual strips only a few), and bidi overrides can
disguise text, so they are removed once, at load.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

_UNSAFE: Final = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""C0 controls except tab and newline, DEL, C1 controls, and bidi embedding/isolate controls."""


def normalize_newlines(text: str) -> str:
    """Turn CRLF and lone CR line endings into LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def clean_text(text: str) -> str:
    """Return `text` with newlines normalized, NFC applied and unsafe controls removed.

    Tab and newline are kept; every other control character is dropped.
    """
    return _UNSAFE.sub("", unicodedata.normalize("NFC", normalize_newlines(text)))


def has_unsafe(text: str) -> bool:
    """Whether `text` holds a character that `clean_text` would remove (besides CR)."""
    return _UNSAFE.search(text.replace("\r", "")) is not None


def clean_answer(text: str) -> str:
    """A learner's text without control characters (pasted ESC sequences, NUL, bidi
    overrides); newlines normalized, tab kept, nothing else changed (no NFC)."""
    return _UNSAFE.sub("", normalize_newlines(text))
