"""Write plain text into Markdown so that it reads back as the same text.

A learner's answer is text, not Markdown: `# Not a heading`, `<b>`, `*stars*`, `1. a`
and a line of `---` must come out of any Markdown viewer exactly as typed. CommonMark
lets a backslash escape any ASCII punctuation character, so every character that can
start markup is escaped; line breaks are kept as hard breaks, and leading spaces (which
would make an indented code block) become character references.
"""

from __future__ import annotations

import re
from typing import Final

INLINE: Final = re.compile(r"([\\`*_\[\]<>&|~#])")
"""Characters that can open inline markup (or raw HTML, an entity, a table cell)."""
LINE_START: Final = re.compile(r"^([-+=:])|^(\d{1,9})([.)])")
"""What can start a block at the beginning of a line: a list item, a setext underline,
a thematic break, a fence (`:::` in MyST), an ordered list item."""


def escape_line(line: str) -> str:
    """One line of plain text as Markdown inline text."""
    body = line.lstrip(" \t")
    indent = line[: len(line) - len(body)]
    body = INLINE.sub(r"\\\1", body)
    body = LINE_START.sub(_escape_start, body)
    return indent.replace(" ", "&#32;").replace("\t", "&#9;") + body


def _escape_start(match: re.Match[str]) -> str:
    if match.group(1):
        return "\\" + match.group(1)
    return match.group(2) + "\\" + match.group(3)


def escape_text(text: str) -> str:
    """Plain text, possibly over several lines, as Markdown that renders the same.

    Each line break becomes a hard break (two trailing spaces), so lines stay lines; a
    blank line still separates paragraphs.
    """
    lines = [escape_line(line) for line in text.strip("\n").splitlines()]
    return "\n".join(
        line + "  "
        if line.strip() and index + 1 < len(lines) and lines[index + 1].strip()
        else line
        for index, line in enumerate(lines)
    ).rstrip()
