"""The Markdown export shows the learner's text as text, without internal ids, with the
app's date format (`leadtutor.progress.dates`)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from leadtutor.core import load_course
from leadtutor.progress import ProgressStore
from leadtutor.progress.escape import escape_text
from leadtutor.progress.journal import render_markdown
from tests.conftest import write_course

LESSON = """---
id: plan
title: Plan
---

:::{reflect} plan-note
What did you notice?
:::

:::{commit} plan-door
:follow-up: 7
What will you do?
:::
"""
FIXED = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def viewer() -> MarkdownIt:
    """A permissive viewer, like GitHub's: raw HTML on, tables, strikethrough."""
    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def shown_text(markdown: str) -> str:
    """The text a reader sees, paragraph lines joined by newlines."""
    out: list[str] = []

    def walk(tokens: list[Token]) -> None:
        for token in tokens:
            if token.type == "inline" and token.children is not None:
                walk(token.children)
            elif token.type in ("text", "code_inline"):
                out.append(token.content)
            elif token.type in ("softbreak", "hardbreak"):
                out.append("\n")
            elif token.type == "paragraph_close":
                out.append("\n\n")

    walk(viewer().parse(markdown))
    return "".join(out)


def markup(markdown: str) -> set[str]:
    """Every kind of token the viewer makes of `markdown`."""
    kinds: set[str] = set()

    def walk(tokens: list[Token]) -> None:
        for token in tokens:
            kinds.add(token.type)
            walk(token.children or [])

    walk(viewer().parse(markdown))
    return kinds


HOSTILE = [
    "# Not a heading",
    "<b>bold?</b> and <script>alert(1)</script>",
    "*stars* and _underscores_ and `code` and ~~strike~~",
    "1. not a list\n- nor this\n+ nor this",
    "Title\n===\nand\n---",
    "> not a quote",
    "    four spaces are not code",
    "```\nnot a fence\n```",
    "| a | b |\n|---|---|\n| c | d |",
    "[a link](https://example.org) and ![image](x.png) and <https://example.org>",
    "&amp; &lt; &#65; stay as typed",
    "back\\slash\\",
    "***",
    ":::{reflect} x\nnot a directive\n:::",
    "[^1]: not a footnote\n[ref]: /not/a/reference",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_learner_text_stays_text(text: str) -> None:
    markdown = escape_text(text)
    assert shown_text(markdown).split() == text.split()
    assert markup(markdown) <= {
        "paragraph_open",
        "paragraph_close",
        "inline",
        "text",
        "softbreak",
        "hardbreak",
    }


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=80))
def test_any_text_reads_back_the_same(text: str) -> None:
    markdown = escape_text(text)
    assert shown_text(markdown).split() == text.split()


def test_the_export_shows_answers_as_typed_and_no_ids(tmp_path: Path) -> None:
    course = load_course(write_course(tmp_path / "c", {"01-m/01-plan.md": LESSON}))
    store = ProgressStore(tmp_path / "d", course.id, clock=lambda: FIXED)
    answer = "# Not a heading\n<b>not bold</b>\n1. not a list"
    store.set_reflection("plan-note", "plan", answer)
    store.make_commitment("plan-door", "plan", "Ask *two* people <today>", 7)
    store.record_outcome("plan-door#1", "partly", "<i>one</i> said yes")
    store.set_reflection("gone", "plan", "An orphan # kept")
    out = render_markdown(course, store.snapshot(), now=FIXED)
    assert "plan-door" not in out and "#1" not in out and "plan-note" not in out
    assert "gone" not in out
    kinds = markup(out)
    assert "html_inline" not in kinds and "html_block" not in kinds
    assert "ordered_list_open" not in kinds  # (the dates are in italics: em is ours)
    headings = [t for t in viewer().parse(out) if t.type == "heading_open"]
    assert len(headings) == 5  # journal, module, lesson, removed answers, removed question 1
    text = shown_text(out)
    assert "# Not a heading\n<b>not bold</b>\n1. not a list" in text
    assert "Ask *two* people <today>" in text
    assert "Committed 20 Nov 2026; check in on 27 Nov 2026: partly done" in text
    assert "<i>one</i> said yes" in text
    assert "Exported 20 Nov 2026, 09:30: 3 answers." in text
    assert "Answered 20 Nov 2026" in text
