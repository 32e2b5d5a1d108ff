"""Links by keyboard: tab reaches links as well as prompts, in reading order; the focused
link is shown and scrolled into view; enter follows it through the same policy as a
click (lessons and anchors open with Back history, the web asks first, unsafe links
never open); typing in a text box is unaffected."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import TextArea

from leadtutor.ui.app import LeadTutorApp
from leadtutor.ui.screens.dialogs import ConfirmDialog
from leadtutor.ui.screens.lesson import LessonScreen
from leadtutor.ui.widgets.lesson_view import LessonView
from leadtutor.ui.widgets.prose import FOCUSED_LINK, ProseText
from tests.conftest import write_course
from tests.ui.conftest import OTHER, SAMPLE, bundled, make_app
from tests.ui.test_position import screen_lines, settled, view_of

LONG = (
    """---
title: Long lesson
id: long
---

"""
    + "\n\n".join(f"Paragraph {n} of plain words before any link." for n in range(40))
    + "\n\nAt last [a far link](01-sample.md) down here.\n\n"
    + "\n\n".join(f"After {n}." for n in range(10))
    + "\n"
)


@pytest.fixture
def links_course(tmp_path: Path) -> Path:
    return write_course(
        tmp_path / "course",
        {"01-m/01-sample.md": SAMPLE, "01-m/02-other.md": OTHER, "01-m/03-long.md": LONG},
        "sample-course",
    )


def shown_link(app: LeadTutorApp) -> str:
    """The text of the link shown as focused, or '' if none."""
    focused = app.focused
    if not isinstance(focused, ProseText) or focused.link is None:
        return ""
    lit = [
        line.plain[span.start : span.end]
        for line in focused.lines(focused.content_region.width)
        for span in line.spans
        if span.style == FOCUSED_LINK
    ]
    return " ".join(lit)


async def start(pilot: Pilot[None]) -> None:
    app = pilot.app
    assert isinstance(app, LeadTutorApp)
    await settled(pilot)
    view_of(app).build_all()
    await settled(pilot)
    view_of(app).focus()
    await pilot.pause()


async def test_tab_moves_through_links_then_prompts_in_reading_order(links_course: Path) -> None:
    app = make_app(links_course, links_course.parent / "data", start_lesson="sample")
    async with app.run_test(size=(100, 30)) as pilot:
        await start(pilot)
        seen = []
        for _ in range(3):
            await pilot.press("tab")
            await pilot.pause()
            seen.append(shown_link(app))
        assert seen == ["link to the other lesson", "external link", "anchor"]
        await pilot.press("shift+tab")
        await pilot.pause()
        assert shown_link(app) == "external link"
        await pilot.press("tab", "tab")  # past the last link: the reflection's box
        await pilot.pause()
        assert isinstance(app.focused, TextArea) and app.focused.id == "text-s-reflect"
        await pilot.press(*"n o d g")  # letters that are commands elsewhere
        await pilot.pause(0.2)
        assert app.focused.text == "n o d g" and isinstance(app.screen, LessonScreen)
        await pilot.press("shift+tab")  # back from the box to the last link
        await pilot.pause()
        assert shown_link(app) == "anchor"
        await pilot.press("escape")  # leaving the link clears its highlight
        await pilot.pause()
        assert isinstance(app.focused, LessonView)
        assert not any(
            span.style == FOCUSED_LINK
            for prose in app.screen.query(ProseText)
            for line in prose.lines(prose.content_region.width)
            for span in line.spans
        )


async def test_enter_follows_a_lesson_link_and_back_returns(links_course: Path) -> None:
    app = make_app(links_course, links_course.parent / "data", start_lesson="sample")
    async with app.run_test(size=(100, 30)) as pilot:
        await start(pilot)
        before = screen_lines(app)[1:-1]
        await pilot.press("tab", "enter")
        await settled(pilot, 0.5)
        assert isinstance(app.screen, LessonScreen) and app.screen.lesson.id == "other"
        assert "Far heading" in "\n".join(screen_lines(app))
        await pilot.press("backspace")
        await settled(pilot, 0.5)
        assert isinstance(app.screen, LessonScreen) and app.screen.lesson.id == "sample"
        assert screen_lines(app)[1:-1] == before


async def test_enter_on_an_external_link_asks_first(
    links_course: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    app = make_app(links_course, links_course.parent / "data", start_lesson="sample")
    monkeypatch.setattr(app, "open_url", lambda url, **_: opened.append(url))
    async with app.run_test(size=(100, 30)) as pilot:
        await start(pilot)
        await pilot.press("tab", "tab", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog) and opened == []
        await pilot.press("escape")
        await pilot.pause()
        assert opened == [] and isinstance(app.screen, LessonScreen)


@pytest.mark.parametrize("href", ["javascript%3Aalert(1)", "/etc/passwd", "file%3A///x"])
async def test_enter_on_an_unsafe_link_never_opens(
    tmp_path: Path, href: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    lesson = SAMPLE.replace("(https://example.org/page)", f"({href})")
    root = write_course(
        tmp_path / "c", {"01-m/01-sample.md": lesson, "01-m/02-other.md": OTHER}, "sample-course"
    )
    opened: list[str] = []
    app = make_app(root, tmp_path / "data", start_lesson="sample")
    monkeypatch.setattr(app, "open_url", lambda url, **_: opened.append(url))
    async with app.run_test(size=(100, 30)) as pilot:
        await start(pilot)
        await pilot.press("tab", "tab")
        await pilot.pause()
        assert shown_link(app) == "external link"
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmDialog)
        assert isinstance(app.screen, LessonScreen) and app.screen.lesson.id == "sample"
        assert opened == []


async def test_a_link_below_the_screen_is_scrolled_into_view(links_course: Path) -> None:
    app = make_app(links_course, links_course.parent / "data", start_lesson="long")
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        view = view_of(app)
        assert view.scroll_y == 0
        await pilot.press("tab")
        await settled(pilot)
        assert shown_link(app) == "a far link"
        assert view.scroll_y > 0
        assert any("a far link" in line for line in screen_lines(app))


async def test_a_click_on_prose_does_not_take_focus(links_course: Path) -> None:
    app = make_app(links_course, links_course.parent / "data", start_lesson="long")
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        prose = app.screen.query(ProseText).first()
        await pilot.click(prose, offset=(2, 1))
        await pilot.pause()
        assert isinstance(app.focused, LessonView)


async def test_back_after_a_revealed_link_returns_to_the_same_lines(data_dir: Path) -> None:
    """Seen in tmux at 60x20: shift+tab scrolled a link into view, enter followed it,
    and Back came back two lines off, because the place was read from the frame drawn
    before that scroll."""
    app = make_app(bundled(), data_dir, start_lesson="opening-doors")
    async with app.run_test(size=(60, 20)) as pilot:
        await settled(pilot, 1)
        await pilot.press("end")
        await settled(pilot)
        for _ in range(20):
            await pilot.press("shift+tab")
            await pilot.pause(0.2)
            if isinstance(app.focused, ProseText):
                break
        assert shown_link(app) == "Appointed and emergent"
        await settled(pilot)
        before = screen_lines(app)[1:-1]
        await pilot.press("enter")
        await settled(pilot, 0.5)
        assert isinstance(app.screen, LessonScreen) and app.screen.lesson.id != "opening-doors"
        await pilot.press("backspace")
        await settled(pilot, 0.5)
        assert isinstance(app.screen, LessonScreen) and app.screen.lesson.id == "opening-doors"
        assert screen_lines(app)[1:-1][:8] == before[:8]
