"""The journal screen: what it lists and counts, its rows, search, filters and keys."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.screen import Screen
from textual.widgets import Button, OptionList, RadioButton, RadioSet

from leadtutor.ui.screens.course_map import CourseMapScreen
from leadtutor.ui.screens.journal import JournalScreen
from leadtutor.ui.widgets.choice import ChoiceBox
from tests.ui.conftest import make_app


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


async def test_map_and_journal_agree_on_answered(course_dir: Path, data_dir: Path) -> None:
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
