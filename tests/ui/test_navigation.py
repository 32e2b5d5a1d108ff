"""Back and Forward after following links, and search results that land on the match."""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandList
from textual.content import Span

from leadtutor.ui.screens.lesson import LessonScreen
from leadtutor.ui.screens.lesson_places import HIGHLIGHT
from leadtutor.ui.widgets.prose import ProseText
from tests.ui.conftest import bundled, make_app
from tests.ui.test_links_and_screens import click_offset
from tests.ui.test_position import screen_lines, settled, view_of


async def test_back_returns_to_where_the_link_was_followed(
    course_dir: Path, data_dir: Path
) -> None:
    app = make_app(course_dir, data_dir, start_lesson="sample")
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        view = view_of(app)
        view.build_all()
        await settled(pilot)
        view.scroll_to(y=3, animate=False, immediate=True)
        await settled(pilot)
        before = screen_lines(app)[1:-1]
        prose = app.screen.query(ProseText).filter(".section").first()
        x, y = click_offset(prose, "link to the other")
        await pilot.click(prose, offset=(x, y))
        await settled(pilot, 0.5)
        assert isinstance(app.screen, LessonScreen) and app.screen.lesson.id == "other"
        assert "Far heading" in "\n".join(screen_lines(app))
        await pilot.press("alt+left")
        await settled(pilot, 0.5)
        assert isinstance(app.screen, LessonScreen) and app.screen.lesson.id == "sample"
        assert screen_lines(app)[1:-1] == before
        await pilot.press("alt+right")
        await settled(pilot, 0.5)
        assert app.screen.lesson.id == "other"
        assert "Far heading" in "\n".join(screen_lines(app))
        view_of(app).focus()
        await pilot.press("backspace")
        await settled(pilot, 0.5)
        assert app.screen.lesson.id == "sample" and screen_lines(app)[1:-1] == before


async def test_back_within_a_lesson_after_an_anchor_link(course_dir: Path, data_dir: Path) -> None:
    app = make_app(course_dir, data_dir, start_lesson="sample")
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        view_of(app).build_all()
        await settled(pilot)
        before = screen_lines(app)[1:-1]
        screen = app.screen
        prose = screen.query(ProseText).filter(".section").first()
        await pilot.click(prose, offset=click_offset(prose, "anchor"))
        await settled(pilot, 0.5)
        assert app.screen is screen  # the same screen: nothing rebuilt
        assert "Closing words" in "\n".join(screen_lines(app))
        assert screen_lines(app)[1:-1] != before
        await pilot.press("backspace")
        await settled(pilot, 0.5)
        assert screen_lines(app)[1:-1] == before


async def test_nothing_to_go_back_to_says_so(course_dir: Path, data_dir: Path) -> None:
    app = make_app(course_dir, data_dir, start_lesson="sample")
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        await pilot.press("alt+left")
        await pilot.pause()
        assert any("Nothing to go back to" in str(n.message) for n in app._notifications)
        assert isinstance(app.screen, LessonScreen) and app.screen.lesson.id == "sample"


async def test_search_lands_on_the_match_and_highlights_it(data_dir: Path) -> None:
    app = make_app(bundled(), data_dir, start_lesson="what-managers-do")
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        before = screen_lines(app)[1:-1]
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"complementary systems")
        await pilot.pause(0.8)
        commands = app.screen.query_one(CommandList)
        commands.highlighted = next(
            index
            for index, option in enumerate(commands.options)
            if "Opening doors" in str(option.prompt)
        )
        await pilot.press("enter")
        await settled(pilot, 0.6)
        screen = app.screen
        assert isinstance(screen, LessonScreen) and screen.lesson.id == "opening-doors"
        assert "complementary" in " ".join(screen_lines(app)[1:3])
        lit = [
            span
            for prose in screen.query(ProseText)
            for piece in prose.pieces
            for span in piece.content.spans
            if span.style == HIGHLIGHT
        ]
        assert lit and all(isinstance(span, Span) for span in lit)
        view_of(app).focus()
        await pilot.press("escape")  # clears the highlight, stays in the lesson
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen)
        assert not any(
            span.style == HIGHLIGHT
            for prose in screen.query(ProseText)
            for piece in prose.pieces
            for span in piece.content.spans
        )
        await pilot.press("alt+left")
        await settled(pilot, 0.5)
        assert app.screen.lesson.id == "what-managers-do"
        assert screen_lines(app)[1:-1] == before
