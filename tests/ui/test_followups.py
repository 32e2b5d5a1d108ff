"""Commitments that come back: the follow-up card at launch, Follow-ups screen, welcome line.

The clock is faked through its one seam, `LEADTUTOR_TODAY` (see `leadtutor.clock`).
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.screen import Screen
from textual.widgets import Input, OptionList, RadioButton, Static, TextArea

from leadtutor.core import load_course
from leadtutor.progress import ProgressStore
from leadtutor.ui.app import LeadTutorApp
from leadtutor.ui.screens.course_map import CourseMapScreen
from leadtutor.ui.screens.followups import FollowUpsScreen
from leadtutor.ui.screens.journal import JournalScreen
from leadtutor.ui.screens.lesson import LessonScreen
from leadtutor.ui.screens.outcome import FollowUpCard
from leadtutor.ui.screens.welcome import WelcomeScreen
from tests.ui.conftest import make_app


def _commit(course_dir: Path, data_dir: Path, text: str = "Hold a retro", days: int = 1) -> None:
    store = ProgressStore(data_dir, load_course(course_dir).id)
    store.load()
    store.make_commitment("s-commit", "sample", text, days)
    store.save()


def _showing(app: LeadTutorApp) -> Screen[Any]:
    """The current screen, without the narrowing of earlier isinstance checks."""
    return app.screen


def _static_text(screen: object, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())  # type: ignore[attr-defined]


async def test_no_card_before_the_date(course_dir: Path, data_dir: Path) -> None:
    _commit(course_dir, data_dir)
    app = make_app(course_dir, data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        assert not app.screen.query(".welcome-check-ins")


async def test_card_on_the_date_before_anything_else(
    course_dir: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _commit(course_dir, data_dir, "Ask R. [b]to[/b] run the retro")
    committed = date.today()
    monkeypatch.setenv("LEADTUTOR_TODAY", "+1")
    app = make_app(course_dir, data_dir, start_lesson="sample")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        card = app.screen
        assert isinstance(card, FollowUpCard)
        when = _static_text(card, ".card-when")
        assert when == f"On {committed.day} {committed:%b %Y} you committed to:"
        assert _static_text(card, ".card-text") == "Ask R. [b]to[/b] run the retro"  # not markup
        assert "From “Sample lesson”." in _static_text(card, ".card-where")
        await pilot.press("right", "enter")  # the second choice: Partly
        await pilot.click("#card-note")
        await pilot.press(*"Half of it")
        await pilot.click("#card-save")
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen)  # the lesson asked for comes next
        app.autosave.save_now()
    again = ProgressStore(data_dir, app.course.id)
    again.load()
    (item,) = again.follow_ups()
    assert item.outcome is not None and item.outcome.result == "partly"
    assert item.outcome.note == "Half of it"
    assert item.outcome.on == date.today() + timedelta(days=1)


async def test_not_yet_offers_a_new_date_and_reschedules(
    course_dir: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _commit(course_dir, data_dir, days=2)
    monkeypatch.setenv("LEADTUTOR_TODAY", "+3")
    app = make_app(course_dir, data_dir)
    async with app.run_test(size=(100, 34)) as pilot:
        await pilot.pause()
        card = app.screen
        assert isinstance(card, FollowUpCard)
        days = card.query_one("#card-days", Input)
        assert not days.is_on_screen or not days.region.height  # hidden until "not yet"
        await pilot.click("#result-not-done")
        await pilot.pause()
        assert card.has_class("-not-yet") and days.value == "2"
        days.value = "5"
        await pilot.pause()
        expected = date.today() + timedelta(days=8)
        assert f"on {expected.day} {expected:%b %Y}" in _static_text(card, ".card-again-date")
        await pilot.click("#card-save")
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        assert not app.screen.query(".welcome-check-ins")  # nothing due any more
    items = {f.commitment_id: f for f in app.store.follow_ups()}
    assert items["s-commit#1"].result_label == "not yet"
    assert items["s-commit#2"].state == "upcoming" and items["s-commit#2"].due_on == expected
    monkeypatch.setenv("LEADTUTOR_TODAY", "+8")
    app.autosave.save_now()
    later = make_app(course_dir, data_dir)
    async with later.run_test(size=(100, 34)) as pilot:
        await pilot.pause()
        assert isinstance(later.screen, FollowUpCard)
        assert "you said not yet" in _static_text(later.screen, ".card-where")


async def test_later_keeps_the_reflection_and_welcome_counts(
    course_dir: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _commit(course_dir, data_dir)
    monkeypatch.setenv("LEADTUTOR_TODAY", "+1")
    app = make_app(course_dir, data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.click("#card-note")
        await pilot.press(*"half typed")
        await pilot.click("#card-later")
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        line = _static_text(app.screen, ".welcome-check-ins")
        assert "1 check-in is due" in line
        assert app.store.drafts()["s-commit#1"].text == "half typed"
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, FollowUpsScreen)
        await pilot.press("enter")  # the due one is first
        await pilot.pause()
        assert isinstance(app.screen, FollowUpCard)
        assert app.screen.query_one("#card-note", TextArea).text == "half typed"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, FollowUpsScreen)


async def test_save_needs_a_choice(
    course_dir: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _commit(course_dir, data_dir)
    monkeypatch.setenv("LEADTUTOR_TODAY", "+1")
    app = make_app(course_dir, data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.click("#card-save")
        await pilot.pause()
        assert isinstance(app.screen, FollowUpCard)
        assert app.store.follow_ups_due()


async def test_several_due_come_one_after_another(
    course_dir: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = ProgressStore(data_dir, load_course(course_dir).id)
    store.load()
    store.make_commitment("s-commit", "sample", "First", 1)
    store.make_commitment("x-commit", "sample", "Second", 2)
    store.save()
    monkeypatch.setenv("LEADTUTOR_TODAY", "+2")
    app = make_app(course_dir, data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        card = app.screen
        assert isinstance(card, FollowUpCard) and card.position == 1 and card.count == 2
        await pilot.click("#card-later")
        await pilot.pause()
        assert isinstance(app.screen, FollowUpCard) and app.screen.position == 2
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        assert "2 check-ins are due" in _static_text(app.screen, ".welcome-check-ins")


async def test_follow_ups_screen_lists_open_and_closed_and_journal_shows_the_outcome(
    course_dir: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = ProgressStore(data_dir, load_course(course_dir).id)
    store.load()
    store.make_commitment("s-commit", "sample", "Closed one", 1)
    store.record_outcome("s-commit#1", "done", "Went well")
    store.make_commitment("x-commit", "sample", "Open one", 9)
    store.save()
    app = make_app(course_dir, data_dir)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, CourseMapScreen)
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, FollowUpsScreen)
        options = app.screen.query_one(OptionList)
        texts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        joined = "\n".join(texts)
        assert joined.index("Coming up") < joined.index("Open one") < joined.index("Closed")
        assert "Closed one" in joined and "done on" in joined and "Went well" in joined
        await pilot.press("escape", "escape", "ctrl+j")
        await pilot.pause()
        journal_screen = _showing(app)
        assert isinstance(journal_screen, JournalScreen)
        journal = journal_screen.query_one(OptionList)
        rows = "\n".join(
            str(journal.get_option_at_index(i).prompt) for i in range(journal.option_count)
        )
        assert "Closed one" in rows and "done on" in rows and "Went well" in rows


async def test_palette_opens_follow_ups(course_dir: Path, data_dir: Path) -> None:
    app = make_app(course_dir, data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Follow-ups")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, FollowUpsScreen)
        assert "No commitments yet" in _static_text(app.screen, ".followups-summary")


async def test_course_map_due_entry_opens_the_card(
    course_dir: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _commit(course_dir, data_dir)
    monkeypatch.setenv("LEADTUTOR_TODAY", "+1")
    app = make_app(course_dir, data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("escape")  # not now
        await pilot.press("g")
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        options.highlighted = next(
            i
            for i in range(options.option_count)
            if (options.get_option_at_index(i).id or "").startswith("commit:")
        )
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FollowUpCard)
        app.screen.query_one("#result-done", RadioButton).value = True
        await pilot.click("#card-save")
        await pilot.pause(0.3)
        assert isinstance(app.screen, CourseMapScreen)
        ids = [
            app.screen.query_one(OptionList).get_option_at_index(i).id
            for i in range(app.screen.query_one(OptionList).option_count)
        ]
        assert not any((i or "").startswith("commit:") for i in ids)
    (item,) = app.store.follow_ups()
    assert item.result_label == "done"
