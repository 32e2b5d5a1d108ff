"""Small helpers for showing parts of untrusted text in tight places."""

from __future__ import annotations


def shorten(text: str, limit: int) -> str:
    """Cut `text` at a word boundary so it fits in `limit` characters, adding "…"."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def first_sentence(text: str, limit: int = 120) -> str:
    """The first sentence of `text`'s first line (or its first `limit` characters)."""
    paragraph = text.split("\n")[0].strip()
    for end in (". ", "? ", "! "):
        at = paragraph.find(end)
        if 0 < at < limit:
            return paragraph[: at + 1]
    return shorten(paragraph, limit)
