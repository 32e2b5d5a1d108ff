"""The reading position: exact resume at any size, kept through resizes and the outline,
each lesson its own, never overwritten by a restore that has not happened yet."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Button

from leadtutor.core import load_course
from leadtutor.ui.app import LeadTutorApp
from leadtutor.ui.screens.lesson import LessonScreen
from leadtutor.ui.screens.welcome import WelcomeScreen
from leadtutor.ui.widgets.lesson_view import LessonView
from leadtutor.ui.widgets.prose import ProseText
from tests.ui.conftest import bundled, make_app

SIZES = [(120, 40), (80, 24), (60, 20), (40, 12)]


def screen_lines(app: LeadTutorApp) -> list[str]:
    """The text on the terminal, one string per row."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def top_line(app: LeadTutorApp) -> str:
    """The first row of the lesson (the row under the top bar)."""
    return screen_lines(app)[1]


async def settled(pilot: Pilot[None], seconds: float = 0.3) -> None:
    await pilot.pause()
    await pilot.pause(seconds)
    await pilot.wait_for_scheduled_animations()


def view_of(app: LeadTutorApp) -> LessonView:
    return app.screen.query_one(LessonView)


async def scroll_to_heading(pilot: Pilot[None], slug: str, below: int) -> None:
    """Scroll so the heading `slug` is `below` rows above the top of the view."""
    app = pilot.app
    view = view_of(app)  # type: ignore[arg-type]
    view.build_all()
    await settled(pilot)
    prose = next(w for w in view.query(ProseText) if slug in _anchors(w))
    line = prose.anchor_line(slug) or 0
    view.scroll_to(y=prose.virtual_region.y + line + below, animate=False, immediate=True)
    await settled(pilot, 0.9)  # the position is recorded 0.6 s after scrolling stops


def _anchors(prose: ProseText) -> set[str]:
    return {piece.anchor for piece in prose.pieces if piece.anchor}


def saved_resume(data_dir: Path) -> dict[str, object]:
    path = data_dir / "leading-and-managing" / "progress.json"
    return json.loads(path.read_text(encoding="utf-8"))["resume"]  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("size", "below"),
    list(zip(SIZES, [0, 1, 4, 2], strict=True)),
    ids=[f"{w}x{h}" for w, h in SIZES],
)
async def test_continue_shows_the_same_top_line(
    data_dir: Path, size: tuple[int, int], below: int
) -> None:
    app = make_app(bundled(), data_dir, start_lesson="opening-doors")
    async with app.run_test(size=size) as pilot:
        await settled(pilot)
        await scroll_to_heading(pilot, "kotter-two-systems-of-action", below)
        before = screen_lines(app)[1:-1]
        await app.action_quit()

    again = make_app(bundled(), data_dir)
    async with again.run_test(size=size) as pilot:
        await settled(pilot)
        assert isinstance(again.screen, WelcomeScreen)
        await pilot.press("enter")  # Continue has the focus
        await settled(pilot, 0.6)
        assert isinstance(again.screen, LessonScreen)
        assert screen_lines(again)[1:-1] == before
        await settled(pilot, 0.9)
        await again.action_quit()
    kotter = load_course(bundled()).lessons[0].heading("kotter-two-systems-of-action")
    assert kotter is not None and saved_resume(data_dir)["block"] == kotter.block


@pytest.mark.parametrize(
    ("first", "second"), [((120, 40), (80, 24)), ((80, 24), (40, 12)), ((40, 12), (120, 40))]
)
async def test_resume_at_another_size_starts_with_the_same_words(
    data_dir: Path, first: tuple[int, int], second: tuple[int, int]
) -> None:
    app = make_app(bundled(), data_dir, start_lesson="opening-doors")
    async with app.run_test(size=first) as pilot:
        await settled(pilot)
        await scroll_to_heading(pilot, "kotter-two-systems-of-action", 5)
        words = top_line(app).split()
        assert words
        await app.action_quit()

    again = make_app(bundled(), data_dir, start_lesson="opening-doors")
    async with again.run_test(size=second) as pilot:
        await settled(pilot, 0.6)
        assert words[0] in top_line(again).split()


async def test_resizing_keeps_the_top_line(data_dir: Path) -> None:
    app = make_app(bundled(), data_dir, start_lesson="opening-doors")
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await scroll_to_heading(pilot, "kotter-two-systems-of-action", 6)
        wide = top_line(app)
        for size in [(80, 24), (40, 12), (60, 20)]:
            await pilot.resize_terminal(*size)
            await settled(pilot, 0.4)
            assert wide.split()[0] in top_line(app).split(), size
        await pilot.resize_terminal(120, 40)
        await settled(pilot, 0.4)
        assert top_line(app) == wide


async def test_the_outline_keeps_the_top_line(data_dir: Path) -> None:
    app = make_app(bundled(), data_dir, start_lesson="opening-doors")
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await scroll_to_heading(pilot, "bennis-right-things-and-things-right", 3)
        before = top_line(app)
        view_of(app).focus()
        await pilot.press("o")
        await settled(pilot)
        assert before.split()[0] in top_line(app).split()
        await pilot.press("o")
        await settled(pilot)
        assert top_line(app) == before


@pytest.mark.parametrize("key", ["n", "p"])
async def test_a_new_lesson_opens_at_the_very_top(data_dir: Path, key: str) -> None:
    start = "what-managers-do" if key == "p" else "opening-doors"
    app = make_app(bundled(), data_dir, start_lesson=start)
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        view_of(app).focus()
        await pilot.press(key)
        await settled(pilot, 0.6)
        view = view_of(app)
        assert view.scroll_y == 0
        assert app.screen.query_one(".lesson-intro").region.y == 2  # blank row, then intro


async def test_each_lesson_returns_to_its_own_place(data_dir: Path) -> None:
    app = make_app(bundled(), data_dir, start_lesson="opening-doors")
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        await scroll_to_heading(pilot, "kotter-two-systems-of-action", 2)
        first = top_line(app)
        view_of(app).focus()
        await pilot.press("n")
        await settled(pilot, 0.6)
        view_of(app).focus()
        for _ in range(3):
            await pilot.press("space")
        await settled(pilot, 0.9)
        second = top_line(app)
        await pilot.press("p")
        await settled(pilot, 0.6)
        assert top_line(app) == first
        view_of(app).focus()
        await pilot.press("n")
        await settled(pilot, 0.6)
        assert top_line(app) == second


async def test_quitting_before_the_restore_keeps_the_saved_point(data_dir: Path) -> None:
    app = make_app(bundled(), data_dir, start_lesson="opening-doors")
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await scroll_to_heading(pilot, "kotter-two-systems-of-action", 3)
        await app.action_quit()
    saved = saved_resume(data_dir)

    again = make_app(bundled(), data_dir)
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # Continue, then quit at once
        await again.action_quit()
    assert {k: v for k, v in saved_resume(data_dir).items() if k != "updated_at"} == {
        k: v for k, v in saved.items() if k != "updated_at"
    }


@pytest.mark.parametrize(
    ("below", "section"),
    [
        (-3, "Zaleznik: two kinds of people"),
        (-1, "Zaleznik: two kinds of people"),  # the blank line above the heading
        (0, "Kotter: two systems of action"),
        (6, "Kotter: two systems of action"),
    ],
)
async def test_continue_names_the_section_at_the_top(
    data_dir: Path, below: int, section: str
) -> None:
    app = make_app(bundled(), data_dir, start_lesson="opening-doors")
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        await scroll_to_heading(pilot, "kotter-two-systems-of-action", below)
        await app.action_quit()
    again = make_app(bundled(), data_dir)
    async with again.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        label = str(again.screen.query_one("#continue", Button).label)
        assert label == f"Continue: Opening doors and walking through them — {section}"


def test_section_at_outside_prose() -> None:
    from leadtutor.ui.widgets.place import section_at

    lesson = load_course(bundled()).lessons[0]
    prompt = lesson.block_index("doors-who-opened")
    assert prompt is not None
    found = section_at(lesson, prompt, None)
    assert found is not None and found.text == "Doors and passages"
    assert section_at(lesson, 0, None) is None  # the introduction
    end = section_at(lesson, len(lesson.blocks), None)
    assert end is not None and end is lesson.headings[-1]


async def test_resume_inside_a_prompt_at_a_wider_size_stays_in_that_prompt(
    data_dir: Path,
) -> None:
    """Seen in tmux at 40x12: the top line was deep inside a tall prompt box (narrow
    column); resumed wider, the box is shorter and the lesson opened past it."""
    from leadtutor.ui.widgets.rating import ScaleBox

    app = make_app(bundled(), data_dir, start_lesson="complexity-or-change")
    async with app.run_test(size=(40, 12)) as pilot:
        await settled(pilot)
        view = view_of(app)
        view.build_all()
        await settled(pilot)
        box = app.screen.query_one(ScaleBox)
        region = box.virtual_region
        view.scroll_to(y=region.y + region.height - 3, animate=False, immediate=True)
        await settled(pilot, 0.9)
        await app.action_quit()
    again = make_app(bundled(), data_dir, start_lesson="complexity-or-change")
    async with again.run_test(size=(120, 40)) as pilot:
        await settled(pilot, 0.6)
        view = view_of(again)
        box = again.screen.query_one(ScaleBox)
        region = box.virtual_region
        assert region.y <= view.scroll_y < region.y + region.height
