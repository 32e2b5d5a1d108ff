"""Links, the journal, the course map, the problem panel and save failures."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from leadtutor.progress import ProgressSaveError
from leadtutor.ui.screens.course_map import CourseMapScreen
from leadtutor.ui.screens.dialogs import ConfirmDialog
from leadtutor.ui.screens.journal import JournalScreen
from leadtutor.ui.screens.lesson import LessonScreen
from leadtutor.ui.widgets.lesson_view import LessonView
from leadtutor.ui.widgets.problems import ProblemPanel
from leadtutor.ui.widgets.prose import ProseText
from tests.conftest import write_course
from tests.ui.conftest import OTHER, SAMPLE, make_app, text_area


async def settled(pilot: Pilot[None]) -> None:
    """Wait until the lesson is fully mounted and laid out (clicks need stable offsets)."""
    await pilot.pause()
    for view in pilot.app.screen.query(LessonView):
        view.build_all()
    await pilot.pause(0.2)
    await pilot.wait_for_scheduled_animations()


def click_offset(prose: ProseText, needle: str) -> tuple[int, int]:
    """The (x, y) of `needle` inside a ProseText as laid out now."""
    for y, line in enumerate(prose.lines(prose.content_region.width)):
        x = line.plain.find(needle)
        if x >= 0:
            return x + 1, y
    raise AssertionError(f"{needle!r} not on screen")


async def test_clicking_a_lesson_link_opens_it_at_the_anchor(
    course_dir: Path, data_dir: Path
) -> None:
    app = make_app(course_dir, data_dir, start_lesson="sample")
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        prose = app.screen.query(ProseText).filter(".section").first()
        await pilot.click(prose, offset=click_offset(prose, "link to the other"))
        await pilot.pause(0.3)
        screen = app.screen
        assert isinstance(screen, LessonScreen) and screen.lesson.id == "other"
        view = screen.query_one(LessonView)
        assert view.scroll_y > 0, "the anchor should scroll the heading to the top"


async def test_external_link_asks_first_and_opens_only_on_yes(
    course_dir: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    app = make_app(course_dir, data_dir, start_lesson="sample")
    monkeypatch.setattr(app, "open_url", lambda url, **_: opened.append(url))
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        prose = app.screen.query(ProseText).filter(".section").first()
        await pilot.click(prose, offset=click_offset(prose, "external link"))
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.click("#no")
        await pilot.pause()
        assert opened == []
        await pilot.click(prose, offset=click_offset(prose, "external link"))
        await pilot.pause()
        await pilot.click("#yes")
        await pilot.pause()
        assert opened == ["https://example.org/page"]


@pytest.mark.parametrize(
    "href",
    [
        "file%3A///etc/passwd",
        "javascript%3Aalert(1)",
        "/etc/passwd",
        "-x",
        "vscode://file/x",
        "mailto:a@example.org",
    ],
)
async def test_unsafe_links_never_open(
    tmp_path: Path, data_dir: Path, href: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    lesson = SAMPLE.replace("(https://example.org/page)", f"({href})")
    root = write_course(
        tmp_path / "c", {"01-m/01-sample.md": lesson, "01-m/02-other.md": OTHER}, "sample-course"
    )
    opened: list[str] = []
    app = make_app(root, data_dir, start_lesson="sample")
    monkeypatch.setattr(app, "open_url", lambda url, **_: opened.append(url))
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        prose = app.screen.query(ProseText).filter(".section").first()
        await pilot.click(prose, offset=click_offset(prose, "external link"))
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmDialog)
        assert isinstance(app.screen, LessonScreen) and app.screen.lesson.id == "sample"
        assert opened == []


async def test_journal_lists_and_searches_answers(course_dir: Path, data_dir: Path) -> None:
    app = make_app(course_dir, data_dir, start_lesson="sample")
    async with app.run_test(size=(100, 30)) as pilot:
        app.store.set_reflection("s-reflect", "sample", "apples and pears")
        app.store.set_reflection("o-reflect", "other", "bananas")
        app.store.set_reflection("gone-prompt", "gone-lesson", "an orphan answer")
        await pilot.press("ctrl+j")
        await pilot.pause()
        assert isinstance(app.screen, JournalScreen)
        options = app.screen.query_one(OptionList)
        ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
        assert (
            "answer:s-reflect" in ids and "answer:o-reflect" in ids and "orphan:gone-prompt" in ids
        )
        app.screen.query_one(Input).value = "banana"
        await pilot.pause()
        ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
        assert [i for i in ids if i] == ["answer:o-reflect"]
        options.focus()
        options.highlighted = next(
            i for i in range(options.option_count) if options.get_option_at_index(i).id
        )
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, LessonScreen) and app.screen.lesson.id == "other"
        assert app.focused is text_area(app, "o-reflect")


async def test_course_map_shows_status_and_opens_lessons(course_dir: Path, data_dir: Path) -> None:
    app = make_app(course_dir, data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        app.store.complete_lesson("sample")
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, CourseMapScreen)
        summary = str(app.screen.query_one(".map-summary").render())
        assert "1 of 2 lessons done" in summary
        options = app.screen.query_one(OptionList)
        index = next(
            i
            for i in range(options.option_count)
            if options.get_option_at_index(i).id == "lesson:other"
        )
        options.highlighted = index
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen) and app.screen.lesson.id == "other"


async def test_bad_lesson_shows_problem_panel_and_the_rest_works(
    tmp_path: Path, data_dir: Path
) -> None:
    broken = "---\ntitle: Broken\nid: broken\n---\n\n:::{reflect}\nno id\n:::\n"
    root = write_course(
        tmp_path / "c", {"01-m/01-broken.md": broken, "01-m/02-other.md": OTHER}, "sample-course"
    )
    app = make_app(root, data_dir, start_lesson="broken")
    async with app.run_test(size=(100, 30)) as pilot:
        panel = app.screen.query_one(ProblemPanel)
        text = str(panel.query_one("Static").render())
        assert "01-broken.md:6: error" in text and "prompt.missing-id" in text
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen) and app.screen.lesson.id == "other"


async def test_save_failure_is_shown_and_text_kept(
    course_dir: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(course_dir, data_dir, start_lesson="sample")

    def fail() -> bool:
        raise ProgressSaveError("The disk is full, so your progress could not be saved.")

    async with app.run_test(size=(100, 30)) as pilot:
        monkeypatch.setattr(app.store, "save", fail)
        area = text_area(app, "s-reflect")
        area.focus()
        await pilot.press(*"precious")
        await pilot.pause(1.2)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.save_state == "failed"
        assert "disk is full" in app.save_error
        banner = str(app.screen.query_one("#save-banner").render())
        assert "could not be saved" in banner
        assert area.text == "precious"
        top = str(app.screen.query_one(".top-state").render())
        assert "not saved" in top
