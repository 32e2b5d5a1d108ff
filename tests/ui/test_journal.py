"""The journal screen: what it lists and counts, its rows, search, filters and keys."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Button, Input, OptionList, RadioButton, RadioSet, Select

from leadtutor.cli import main
from leadtutor.progress.dates import day
from leadtutor.ui.app import LeadTutorApp
from leadtutor.ui.screens.course_map import CourseMapScreen
from leadtutor.ui.screens.journal import JournalScreen
from leadtutor.ui.screens.lesson import LessonScreen
from leadtutor.ui.widgets.choice import ChoiceBox
from leadtutor.ui.wrapped import Wrapped
from tests.ui.conftest import make_app, text_area


def top(app: App[None]) -> Screen[object]:
    """The active screen (a call, so that type narrowing of `app.screen` does not stick)."""
    return app.screen


def rows(screen: JournalScreen) -> dict[str, str]:
    """Option id → the option's plain text, for the answer rows."""
    options = screen.query_one(OptionList)
    found = {}
    for index in range(options.option_count):
        option = options.get_option_at_index(index)
        if option.id:
            found[option.id] = str(option.prompt)
    return found


async def test_a_choice_checked_once_is_not_edited_once(course_dir: Path, data_dir: Path) -> None:
    app = make_app(course_dir, data_dir, start_lesson="sample")
    async with app.run_test(size=(100, 40)) as pilot:
        box = app.screen.query_one(ChoiceBox)
        box.query_one(RadioSet).focus()
        await pilot.pause()
        await pilot.press("down", "enter")  # the second option
        await pilot.pause()
        assert box.query_one("#opt-s-choice-1", RadioButton).value
        await pilot.press("tab")  # focus leaves the options for the Check button
        await pilot.pause()
        assert app.focused is box.query_one("#check-s-choice", Button)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+j")
        await pilot.pause()
        assert isinstance(app.screen, JournalScreen)
        text = rows(app.screen)["answer:s-choice"]
        assert "Right one (correct)" in text
        assert "edited" not in text and "earlier version" not in text


async def test_map_and_journal_agree_on_answered(
    course_dir: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """... and `leadtutor progress` says the same."""
    app = make_app(course_dir, data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        store = app.store
        store.set_reflection("s-reflect", "sample", "some words")
        store.set_choice("s-choice", "sample", [0])  # picked, never checked
        store.set_reflection("o-reflect", "other", "  ")  # blank
        store.set_scale("s-scale", "sample", 2)
        await pilot.press("ctrl+j")
        await pilot.pause()
        assert isinstance(app.screen, JournalScreen)
        assert set(rows(app.screen)) == {"answer:s-reflect", "answer:s-scale"}
        await pilot.press("escape", "g")
        await pilot.pause()
        course_map = top(app)
        assert isinstance(course_map, CourseMapScreen)
        summary = str(course_map.query_one(".map-summary").render())
        assert "2 of 5 prompts answered" in summary
        store.save()
    capsys.readouterr()
    assert main(["progress", "--course", str(course_dir), "--data-dir", str(data_dir)]) == 0
    out = capsys.readouterr().out
    assert "2 of 5 prompts" in out, out


def row_text(screen: JournalScreen, option_id: str) -> str:
    return rows(screen)[option_id]


def row_visual(screen: JournalScreen, option_id: str) -> Wrapped:
    options = screen.query_one(OptionList)
    for index in range(options.option_count):
        option = options.get_option_at_index(index)
        if option.id == option_id:
            assert isinstance(option.prompt, Wrapped)
            return option.prompt
    raise AssertionError(option_id)


async def open_journal(app: LeadTutorApp, pilot: Pilot[None]) -> JournalScreen:
    await pilot.press("ctrl+j")
    await pilot.pause()
    screen = top(app)
    assert isinstance(screen, JournalScreen)
    return screen


async def test_enter_opens_the_first_answer_after_a_search_and_tab(
    course_dir: Path, data_dir: Path
) -> None:
    app = make_app(course_dir, data_dir)
    app.store.set_reflection("s-reflect", "sample", "apples and pears")
    app.store.set_reflection("o-reflect", "other", "apples again")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_journal(app, pilot)
        await pilot.press("slash", *"apple")
        for _ in range(4):  # past the filters (lesson, kind) to the list
            await pilot.press("tab")
            await pilot.pause()
            if isinstance(app.focused, OptionList):
                break
        assert isinstance(app.focused, OptionList)
        await pilot.press("enter")
        await pilot.pause(0.3)
        lesson = top(app)
        assert isinstance(lesson, LessonScreen) and lesson.lesson.id == "sample"


async def test_escape_from_an_answer_returns_to_the_journal(
    course_dir: Path, data_dir: Path
) -> None:
    app = make_app(course_dir, data_dir, start_lesson="other")
    app.store.set_reflection("s-reflect", "sample", "first words")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.3)
        journal = await open_journal(app, pilot)
        options = journal.query_one(OptionList)
        assert options.get_option_at_index(options.highlighted or 0).id == "answer:s-reflect"
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert isinstance(top(app), LessonScreen)
        assert app.focused is text_area(app, "s-reflect")
        await pilot.press("end", *" and more")
        await pilot.press("escape")  # leaves the text box
        await pilot.pause()
        await pilot.press("escape")  # leaves the lesson: back to the journal
        await pilot.pause(0.3)
        assert top(app) is journal
        assert "first words and more" in row_text(journal, "answer:s-reflect")
        await pilot.press("escape")  # and from the journal, back to the lesson before it
        await pilot.pause(0.3)
        before = top(app)
        assert isinstance(before, LessonScreen) and before.lesson.id == "other"


async def test_ctrl_j_from_an_opened_answer_goes_back_to_its_journal(
    course_dir: Path, data_dir: Path
) -> None:
    app = make_app(course_dir, data_dir)
    app.store.set_reflection("s-reflect", "sample", "first words")
    async with app.run_test(size=(80, 24)) as pilot:
        journal = await open_journal(app, pilot)
        depth = len(app.screen_stack)
        await pilot.press("enter")
        await pilot.pause(0.3)
        await pilot.press("escape", "ctrl+j")
        await pilot.pause(0.3)
        assert top(app) is journal and len(app.screen_stack) == depth


async def test_search_marks_matches_in_shown_text_only(course_dir: Path, data_dir: Path) -> None:
    from tests.conftest import write_course

    lesson = """---
title: Long questions
id: long
---

:::{reflect} q-long
What did you notice first? Then think about the hidden zebra part of the question.
:::
"""
    root = write_course(course_dir.parent / "long", {"01-m/01-long.md": lesson})
    app = make_app(root, data_dir)
    app.store.set_reflection("q-long", "long", "My answer mentions Apples twice: apples.")
    async with app.run_test(size=(80, 24)) as pilot:
        journal = await open_journal(app, pilot)
        search = journal.query_one("#journal-search", Input)
        search.value = "zebra"  # in the question, but only its first sentence is shown
        await pilot.pause()
        assert rows(journal) == {}
        search.value = "apples"
        await pilot.pause()
        visual = row_visual(journal, "answer:q-long")
        line = next(x for x in visual.lines(70) if "Apples" in x.plain)
        marked = [line.plain[s.start : s.end] for s in line.spans if "reverse" in str(s.style)]
        assert marked == ["Apples", "apples"]
        search.value = "notice"
        await pilot.pause()
        assert set(rows(journal)) == {"answer:q-long"}


async def test_filter_by_lesson_and_by_kind(course_dir: Path, data_dir: Path) -> None:
    app = make_app(course_dir, data_dir)
    store = app.store
    store.set_reflection("s-reflect", "sample", "reflected")
    store.set_scale("s-scale", "sample", 3)
    store.set_reflection("o-reflect", "other", "elsewhere")
    store.make_commitment("s-commit", "sample", "Ask Sam", 7)
    async with app.run_test(size=(100, 30)) as pilot:
        journal = await open_journal(app, pilot)
        assert len(rows(journal)) == 4
        journal.query_one("#journal-lesson", Select).value = "other"
        await pilot.pause()
        assert set(rows(journal)) == {"answer:o-reflect"}
        journal.query_one("#journal-lesson", Select).value = ""
        journal.query_one("#journal-kind", Select).value = "reflect"
        await pilot.pause()
        assert set(rows(journal)) == {"answer:s-reflect", "answer:o-reflect"}
        journal.query_one("#journal-kind", Select).value = "commit"
        await pilot.pause()
        text = row_text(journal, "answer:s-commit")
        due = store.today() + timedelta(days=7)
        assert f"check-in on {day(due)}" in text, text
        store.record_outcome("s-commit#1", "done", "Sam said yes")
        journal.query_one("#journal-kind", Select).value = "scale"
        journal.query_one("#journal-kind", Select).value = "commit"
        await pilot.pause()
        text = row_text(journal, "answer:s-commit")
        assert "Sam said yes" in text and "done" in text.lower()
