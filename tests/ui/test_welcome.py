"""The welcome screen fits a terminal: no scrollbar at 80x24 for a first or a returning
learner, every button in view at any size, and a Continue label on one line."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.containers import VerticalScroll
from textual.widgets import Button

from leadtutor.ui.app import LeadTutorApp
from leadtutor.ui.screens.welcome import WelcomeScreen
from tests.ui.conftest import bundled, make_app


def returning(data_dir: Path) -> LeadTutorApp:
    """A learner who was in the bundled course's longest-titled lesson."""
    app = make_app(bundled(), data_dir)
    lesson = max(app.course.lessons, key=lambda x: len(x.title))
    last_heading = lesson.headings[-1] if lesson.headings else None
    app.store.open_lesson(lesson.id)
    app.store.set_resume(lesson.id, last_heading.block if last_heading else 0)
    return app


def in_view(app: LeadTutorApp, selector: str) -> bool:
    region = app.screen.query_one(selector).region
    return region.height > 0 and region.bottom <= app.screen.size.height - 1  # above the footer


@pytest.mark.parametrize("first", [True, False], ids=["first-run", "returning"])
async def test_welcome_fits_80x24_without_a_scrollbar(data_dir: Path, first: bool) -> None:
    app = make_app(bundled(), data_dir) if first else returning(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.3)
        assert isinstance(app.screen, WelcomeScreen)
        scroll = app.screen.query_one(VerticalScroll)
        assert scroll.max_scroll_y == 0 and not scroll.show_vertical_scrollbar
        ids = ["#start", "#map"] if first else ["#continue", "#map", "#start-over"]
        for selector in ids:
            assert in_view(app, selector), selector


@pytest.mark.parametrize("size", [(40, 12), (60, 20), (120, 40)])
async def test_buttons_stay_in_view_and_continue_keeps_to_one_line(
    data_dir: Path, size: tuple[int, int]
) -> None:
    app = returning(data_dir)
    async with app.run_test(size=size) as pilot:
        await pilot.pause(0.3)
        for selector in ("#continue", "#map", "#start-over"):
            assert in_view(app, selector), selector
        button = app.screen.query_one("#continue", Button)
        assert button.content_region.height == 1, "the label never wraps to a second line"
        label = str(button.label)
        assert label.startswith("Continue: ")


async def test_a_due_check_in_line_still_fits_80x24(data_dir: Path) -> None:
    from datetime import timedelta

    from leadtutor.core import CommitPrompt

    app = returning(data_dir)
    lesson, prompt = next(
        (x, p) for x in app.course.lessons for p in x.prompts if isinstance(p, CommitPrompt)
    )
    today = app.store.today()
    app.store.make_commitment(prompt.id, lesson.id, "Hold a retro", 7, on=today - timedelta(10))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.3)
        while not isinstance(app.screen, WelcomeScreen):  # the follow-up card comes first
            await pilot.press("escape")
            await pilot.pause(0.3)
        await pilot.pause(0.3)
        assert app.screen.query(".welcome-check-ins")
        scroll = app.screen.query_one(VerticalScroll)
        assert scroll.max_scroll_y == 0
        for selector in ("#continue", "#map", "#start-over"):
            assert in_view(app, selector), selector
