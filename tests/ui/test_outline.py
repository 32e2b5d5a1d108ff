"""The outline marks the section being read and follows the scrolling (as learnr's
sidebar does): the same section the Continue label names, without taking focus or
moving the reading position."""

from __future__ import annotations

from pathlib import Path

import pytest

from leadtutor.ui.app import LeadTutorApp
from leadtutor.ui.screens.lesson import LessonScreen
from leadtutor.ui.widgets.lesson_view import LessonView
from leadtutor.ui.widgets.outline import CURRENT, Outline
from tests.ui.conftest import bundled, make_app
from tests.ui.test_position import screen_lines, scroll_to_heading, settled, view_of

KOTTER = "kotter-two-systems-of-action"


def marked(app: LeadTutorApp) -> list[str]:
    """The outline entries shown with the current-section mark."""
    outline = app.screen.query_one(Outline)
    prompts = [outline.get_option_at_index(i).prompt for i in range(outline.option_count)]
    return [str(getattr(p, "plain", p)).strip() for p in prompts if str(p).startswith(CURRENT)]


def cursor_on(app: LeadTutorApp) -> str:
    outline = app.screen.query_one(Outline)
    index = outline.highlighted
    return "" if index is None else str(outline.get_option_at_index(index).id)


@pytest.mark.parametrize(
    ("below", "section"),
    [
        (-3, "Zaleznik: two kinds of people"),
        (-1, "Zaleznik: two kinds of people"),  # the blank line above the heading
        (0, "Kotter: two systems of action"),
        (6, "Kotter: two systems of action"),
    ],
)
async def test_the_outline_marks_the_section_at_the_top(
    data_dir: Path, below: int, section: str
) -> None:
    """The same cases as the Continue label's test (tests/ui/test_position.py)."""
    app = make_app(bundled(), data_dir, start_lesson="opening-doors")
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await pilot.press("o")
        await settled(pilot)
        await pilot.press("escape")  # back to reading: the outline stays open
        await settled(pilot)
        assert isinstance(app.focused, LessonView)
        await scroll_to_heading(pilot, KOTTER, below)
        top = screen_lines(app)[1:-1]
        await settled(pilot)
        assert marked(app) == [f"{CURRENT.strip()} {section}"]
        assert cursor_on(app).startswith("heading:")
        assert section.split(":")[0].lower() in cursor_on(app)
        assert isinstance(app.focused, LessonView), "the outline never takes the focus"
        assert screen_lines(app)[1:-1] == top, "nor moves the reading position"


async def test_the_mark_follows_scrolling_and_opening_shows_it(data_dir: Path) -> None:
    app = make_app(bundled(), data_dir, start_lesson="opening-doors")
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await scroll_to_heading(pilot, KOTTER, 2)
        await pilot.press("o")  # opened while reading Kotter: the mark and cursor are there
        await settled(pilot)
        assert isinstance(app.focused, Outline)
        assert marked(app) == [f"{CURRENT.strip()} Kotter: two systems of action"]
        assert cursor_on(app) == f"heading:{KOTTER}"
        view = view_of(app)
        view.scroll_to(y=0, animate=False, immediate=True)  # back above the first heading
        await settled(pilot)
        assert marked(app) == []
        assert isinstance(app.focused, Outline)
        screen = app.screen
        assert isinstance(screen, LessonScreen)
        view.scroll_end(animate=False, immediate=True)  # a later section is at the top
        await settled(pilot)
        texts = [heading.text for heading in screen.lesson.headings]
        [mark] = marked(app)
        at = texts.index(mark.removeprefix(CURRENT.strip()).strip())
        assert at > texts.index("Kotter: two systems of action")


async def test_reopening_the_outline_shows_the_current_section(data_dir: Path) -> None:
    app = make_app(bundled(), data_dir, start_lesson="opening-doors")
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        await pilot.press("o")
        await settled(pilot)
        await pilot.press("escape", "o")  # closed
        await settled(pilot)
        view = view_of(app)
        view.build_all()
        await settled(pilot)
        view.scroll_end(animate=False, immediate=True)  # far from where it was closed
        await settled(pilot)
        await pilot.press("o")
        await settled(pilot)
        [mark] = marked(app)
        assert any(mark in line for line in screen_lines(app)), "the mark is in view"


async def test_answering_keeps_every_wrapped_entry_whole(data_dir: Path) -> None:
    """Seen in tmux at 80x24: after rating a scale, the marked heading above it lost its
    second line ("fit?") because the whole list was rebuilt."""
    app = make_app(bundled(), data_dir, start_lesson="complexity-or-change")
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        await pilot.press("o")
        await settled(pilot)
        await pilot.press("escape")
        await scroll_to_heading(pilot, "how-well-does-your-mix-fit", 0)
        outline = app.screen.query_one(Outline)
        assert outline.current == "how-well-does-your-mix-fit"
        app.screen.query_one("#prompt-diagnose-fit").query_one("RadioSet").focus()
        await pilot.press("4")
        await settled(pilot)
        assert "✓ Rate: Thinking about the" in "\n".join(screen_lines(app))
        column = [line[46:].strip(" ▏▎▊") for line in screen_lines(app)]
        at = next(i for i, line in enumerate(column) if line.startswith("▸ How well"))
        assert "fit?" in column[at] + column[at + 1]


@pytest.mark.parametrize("width", [40, 60])
async def test_a_narrow_screen_leaves_the_lesson_room(data_dir: Path, width: int) -> None:
    """Seen in tmux at 60x20 and 40x12: the outline's 34 columns left the lesson 22 (or
    6) columns. It takes at most 45% of the width."""
    app = make_app(bundled(), data_dir, start_lesson="opening-doors")
    async with app.run_test(size=(width, 20)) as pilot:
        await settled(pilot)
        await pilot.press("o")
        await settled(pilot)
        outline = app.screen.query_one(Outline)
        assert outline.outer_size.width <= width * 45 // 100
        assert view_of(app).outer_size.width >= width // 2
