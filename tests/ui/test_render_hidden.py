"""HTML comments never reach the learner's screen; other raw HTML shows as typed."""

from __future__ import annotations

from pathlib import Path

from leadtutor.core import parse_lesson
from leadtutor.ui.render import render

LESSON = """---
title: t
---

Visible <!-- secret one --> text with <b>a tag</b>.

<!-- secret
two -->

- [x] An option <!-- secret three -->

| a | b |
|---|---|
| cell <!-- secret four --> | x |

> Quote <!-- secret five -->
"""


def test_comments_are_hidden_and_tags_shown() -> None:
    lesson = parse_lesson(LESSON, Path("a.md"))
    shown = "\n".join(
        str(piece.content) + (str(piece.table.rows) if piece.table else "")
        for block in lesson.blocks
        for piece in render(block.body.tokens)
    )
    assert "secret" not in shown
    assert "<!--" not in shown
    assert "Visible" in shown and "text with <b>a tag</b>." in shown
    assert "An option" in shown and "Quote" in shown and "cell" in shown
