"""Reload lesson (ctrl+r and the palette) in the normal app, and the parse cache."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from leadtutor.core import Lesson, Problems, catalog, load_course, parse_lesson
from leadtutor.core.catalog import LessonCache
from leadtutor.ui.reload import map_line, map_place
from leadtutor.ui.screens.lesson import LessonScreen
from leadtutor.ui.widgets.lesson_view import LessonView
from leadtutor.ui.widgets.problems import ProblemPanel
from tests.ui.conftest import make_app


def _lesson_file(course_dir: Path) -> Path:
    return course_dir / "01-m" / "01-sample.md"


async def test_ctrl_r_reads_the_lesson_again_and_the_problem_advice_is_true(
    course_dir: Path, data_dir: Path
) -> None:
    app = make_app(course_dir, data_dir, start_lesson="sample")
    path = _lesson_file(course_dir)
    original = path.read_text()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.3)
        app.screen.query_one(LessonView).focus()
        path.write_text(original.replace(":::{choice} s-choice", ":::{choise} s-choice"))
        await pilot.press("ctrl+r")
        await pilot.pause(0.3)
        panel = app.screen.query_one(ProblemPanel)
        text = str(panel.query_one(Static).render())
        assert "directive.unknown" in text
        assert "press ctrl+r to read it again" in text  # ... and that is what works:
        path.write_text(original.replace("Closing words.", "Closing words, edited."))
        await pilot.press("ctrl+r")
        await pilot.pause(0.3)
        screen = app.screen
        assert isinstance(screen, LessonScreen) and screen.lesson.ok
        assert "edited" in screen.lesson.blocks[-1].body.source
        assert app.course.lesson("sample") is screen.lesson
        await pilot.press("ctrl+r")
        await pilot.pause(0.2)
        assert app.screen is screen, "an unchanged file keeps the screen"
        assert "The lesson file has not changed." in "\n".join(
            str(n.message) for n in app._notifications
        )


async def test_reload_lesson_from_the_command_palette(course_dir: Path, data_dir: Path) -> None:
    app = make_app(course_dir, data_dir, start_lesson="sample")
    path = _lesson_file(course_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.3)
        path.write_text(path.read_text().replace("Closing words.", "Palette was here."))
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Reload lesson")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause(0.8)
        screen = app.screen
        assert isinstance(screen, LessonScreen)
        assert "Palette was here." in screen.lesson.blocks[-1].body.source


def test_a_cached_load_parses_only_changed_files(
    course_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache: LessonCache = {}
    first = load_course(course_dir, cache=cache)
    parsed: list[str] = []
    real = parse_lesson

    def counting(text: str, path: Path, problems: Problems | None = None) -> Lesson:
        parsed.append(path.name)
        return real(text, path, problems)

    monkeypatch.setattr(catalog, "parse_lesson", counting)
    path = _lesson_file(course_dir)
    path.write_text(path.read_text().replace("Closing words.", "Changed words."))
    second = load_course(course_dir, cache=cache)
    assert parsed == ["01-sample.md"]
    fresh = load_course(course_dir)
    assert second.problems == fresh.problems
    assert [x.id for x in second.lessons] == [x.id for x in first.lessons]
    parsed.clear()
    unchanged = load_course(course_dir, cache=cache)
    assert parsed == []
    assert unchanged.problems == fresh.problems


def test_map_line_follows_edits() -> None:
    old = "a\nb\nc\nd\ne"
    assert map_line(old, "new\na\nb\nc\nd\ne", 3) == 4  # inserted above
    assert map_line(old, "a\nc\nd\ne", 4) == 3  # deleted above
    assert map_line(old, "a\nb\nC!\nd\ne", 3) == 3  # the line itself edited


def test_map_place_keeps_the_same_source_line_at_the_top() -> None:
    head = "---\ntitle: T\n---\n\n"
    old_text = head + "One.\n\nTwo.\n\nThree.\n\n:::{reflect} r-q\nWhy?\n:::\n\nAfter.\n"
    new_text = (
        head
        + "Zero.\n\nOne.\n\n:::{tip}\nNew.\n:::\n\nTwo.\n\nThree.\n\n:::{reflect} r-q\nWhy?\n:::\n\nAfter.\n"
    )
    old, new = parse_lesson(old_text, Path("a.md")), parse_lesson(new_text, Path("a.md"))
    assert [b.kind for b in new.blocks] == ["prose", "callout", "prose", "reflect", "prose"]
    # "Three." is 4 lines into the first prose block; it now sits in the third block.
    block, line = map_place(old_text, new_text, old, new, 0, 4)
    assert (block, line) == (2, 2)
    assert new_text.split("\n")[new.blocks[block].lines[0] - 1 + 2] == "Three."
    assert map_place(old_text, new_text, old, new, 1, None) == (3, None)  # the prompt
    assert map_place(old_text, new_text, old, new, len(old.blocks), None) == (len(new.blocks), None)
