"""The help screen's descriptions wrap under their own column, at 40 to 120 columns, and
it says how to answer every kind of prompt."""

from __future__ import annotations

from pathlib import Path
from typing import get_args

import pytest
from textual.widgets import Static

from leadtutor.core import AnyPrompt
from leadtutor.ui.screens.help import ANY_PROMPT, PROMPT_KEYS, HelpScreen
from tests.ui.conftest import make_app


@pytest.mark.parametrize("width", [40, 60, 80, 120])
async def test_descriptions_hang_under_their_column(
    course_dir: Path, data_dir: Path, width: int
) -> None:
    app = make_app(course_dir, data_dir)
    async with app.run_test(size=(width, 30)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        static = app.screen.query_one(Static)
        room = static.content_region.width
        lines = [strip.text.rstrip() for strip in static.render_lines(static.size.region)]
    assert all(len(line) <= room for line in lines)
    table = [line for line in lines if line.startswith("  ")]
    first = next(line for line in table if line.strip().startswith("?"))
    column = first.index("this help")
    assert len(table) > 20
    for line in table:
        if len(line) > column:  # (a long key may wrap onto a line of its own)
            assert line[column - 1] == " " and line[column] != " ", f"off the column: {line!r}"
    wrapped = [line for line in table if not line[:column].strip()]
    assert wrapped, "some descriptions wrap onto a line of their own"


def prompt_kinds() -> list[str]:
    """Every prompt kind in the model (a new kind joins this list by itself)."""
    return [prompt_class.kind for prompt_class in get_args(AnyPrompt)]


def test_the_model_has_the_kinds_this_test_expects() -> None:
    assert set(prompt_kinds()) >= {"reflect", "choice", "scale", "commit"}


@pytest.mark.parametrize("kind", [*prompt_kinds(), "choice-multiple"])
async def test_help_says_how_to_answer_every_prompt_kind(
    course_dir: Path, data_dir: Path, kind: str
) -> None:
    assert kind in PROMPT_KEYS, f"no help on answering a {kind!r} prompt"
    label, rows = PROMPT_KEYS[kind]
    assert rows
    app = make_app(course_dir, data_dir)
    async with app.run_test(size=(100, 80)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        static = app.screen.query_one(Static)
        text = "\n".join(strip.text for strip in static.render_lines(static.size.region))
    assert "Answering prompts" in text and f"Answering: {label}" in text
    section = text.split(f"Answering: {label}", 1)[1]
    for key, what in rows:
        assert key in section and what.split()[0] in section


def test_help_names_the_answer_keys() -> None:
    """Number keys, space/enter, Check, esc/tab and ctrl+e are each explained."""
    every = " ".join(f"{key} {what}" for _, rows in PROMPT_KEYS.values() for key, what in rows)
    every += " ".join(f"{key} {what}" for key, what in ANY_PROMPT)
    for needed in ["1–9", "space", "enter", "Check", "esc", "tab", "ctrl+e", "1–365"]:
        assert needed in every, needed
