"""The last lesson offers no `n Next` but the end-of-course summary: completion,
commitments with their dates, and an offer to export."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from textual.widgets import Button, OptionList, Static
from textual.widgets._footer import FooterKey

from leadtutor.progress.dates import day
from leadtutor.ui.screens.course_map import CourseMapScreen
from leadtutor.ui.screens.export import ExportDialog
from leadtutor.ui.screens.lesson import LessonScreen
from leadtutor.ui.screens.summary import CourseSummaryScreen, when
from leadtutor.ui.widgets.lesson_end import LessonEnd
from leadtutor.ui.widgets.lesson_view import LessonView
from leadtutor.ui.wrapped import Wrapped
from tests.ui.conftest import make_app


def footer_keys(app: object) -> list[str]:
    screen = app.screen  # type: ignore[attr-defined]
    return [key.description for key in screen.query(FooterKey)]


async def test_the_last_lesson_offers_the_summary_not_next(
    course_dir: Path, data_dir: Path
) -> None:
    app = make_app(course_dir, data_dir, start_lesson="other")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.3)
        assert "Next" not in footer_keys(app) and "Prev" in footer_keys(app)
        app.screen.query_one(LessonView).focus()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen) and app.screen.lesson.id == "other"
        view = app.screen.query_one(LessonView)
        view.build_all()
        await pilot.pause(0.3)
        button = app.screen.query_one(LessonEnd).query_one("#next", Button)
        assert str(button.label) == "Course summary →"
        button.press()
        await pilot.pause(0.3)
        assert isinstance(app.screen, CourseSummaryScreen)


async def test_the_first_lesson_still_offers_next(course_dir: Path, data_dir: Path) -> None:
    app = make_app(course_dir, data_dir, start_lesson="sample")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.3)
        assert "Next" in footer_keys(app)


async def test_summary_shows_completion_commitments_and_export(
    course_dir: Path, data_dir: Path
) -> None:
    app = make_app(course_dir, data_dir)
    store = app.store
    store.make_commitment("s-commit", "sample", "Ask two people for feedback", 7)
    today = store.today()
    store.complete_lesson("sample")
    store.complete_lesson("other")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, CourseMapScreen)
        options = app.screen.query_one(OptionList)
        first = options.get_option_at_index(0)
        assert first.id == "summary:" and "Every lesson is done" in str(first.prompt)
        options.highlighted = 0
        await pilot.press("enter")
        await pilot.pause(0.3)
        screen = app.screen
        assert isinstance(screen, CourseSummaryScreen)
        visual = screen.query_one(".summary-text", Static).visual
        assert isinstance(visual, Wrapped)
        text = "\n".join(line.plain for line in visual.lines(76))
        assert "You have finished the course." in text
        assert "2 of 2 lessons done" in text
        assert "Ask two people for feedback" in text
        due = today + timedelta(days=7)
        assert f"Committed {day(today)}; check in on {day(due)} (in 7 days)" in text
        assert "s-commit" not in text and "#1" not in text
        await pilot.click("#export")
        await pilot.pause(0.3)
        assert isinstance(app.screen, ExportDialog)


def test_check_in_dates_in_words() -> None:
    today = date(2026, 3, 10)
    assert when(date(2026, 3, 10), today) == "today"
    assert when(date(2026, 3, 11), today) == "tomorrow"
    assert when(date(2026, 3, 17), today) == "in 7 days"
    assert when(date(2026, 3, 9), today) == "yesterday"
    assert when(date(2026, 3, 1), today) == "9 days ago"
