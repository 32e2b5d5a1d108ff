"""The course map: stages (opened is not progress), counts per lesson, a legend, the
next lesson, titles and bars that fit a narrow screen, and module headings that read
well on every theme."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.color import Color
from textual.theme import BUILTIN_THEMES
from textual.widgets import OptionList, Static

from leadtutor.ui.app import LeadTutorApp
from leadtutor.ui.screens.course_map import CourseMapScreen
from leadtutor.ui.theme import contrast
from leadtutor.ui.wrapped import Wrapped
from tests.ui.conftest import make_app


def option_text(screen: CourseMapScreen, option_id: str, width: int = 80) -> list[str]:
    options = screen.query_one(OptionList)
    for index in range(options.option_count):
        option = options.get_option_at_index(index)
        if option.id == option_id:
            assert isinstance(option.prompt, Wrapped)
            return [line.plain for line in option.prompt.lines(width)]
    raise AssertionError(f"no option {option_id}")


def summary_lines(screen: CourseMapScreen, width: int = 80) -> list[str]:
    visual = screen.query_one(".map-summary", Static).visual
    assert isinstance(visual, Wrapped)
    return [line.plain for line in visual.lines(width)]


async def test_stages_counts_legend_and_next_up(course_dir: Path, data_dir: Path) -> None:
    app = make_app(course_dir, data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        store = app.store
        store.open_lesson("sample")  # opened, nothing answered yet
        store.set_resume("sample")
        await pilot.press("g")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CourseMapScreen)
        sample = option_text(screen, "lesson:sample")
        assert sample[0].startswith("   ◌ Sample lesson"), "opening a lesson is not progress"
        assert sample[1] == "     ▸ next up · 0 of 4 prompts answered · 1 required left"
        other = option_text(screen, "lesson:other")
        assert other[0].startswith("   ○ Other lesson")
        assert other[1] == "     0 of 1 prompts answered"
        summary = summary_lines(screen)
        assert "○ not started  ◌ opened  ◐ in progress  ● done" in summary
        assert "0 of 2 lessons done · 0 of 5 prompts answered" in summary[0]
        options = screen.query_one(OptionList)
        assert str(options.get_option_at_index(0).prompt) == "Next up: 1. Sample lesson"
        assert options.get_option_at_index(options.highlighted or 0).id == "lesson:sample"

        store.set_reflection("s-reflect", "sample", "three whole words")
        store.complete_lesson("other")
        await pilot.press("escape", "g")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CourseMapScreen)
        sample = option_text(screen, "lesson:sample")
        assert sample[0].startswith("   ◐ Sample lesson")
        assert sample[1] == "     ▸ next up · 1 of 4 prompts answered"
        assert option_text(screen, "lesson:other")[0].startswith("   ● Other lesson")


async def test_narrow_map_wraps_titles_under_themselves(tmp_path: Path, data_dir: Path) -> None:
    from tests.conftest import write_course

    long_title = "A lesson whose title is far too long to fit on one narrow line"
    root = write_course(
        tmp_path / "c",
        {"01-m/01-a.md": f"---\ntitle: {long_title}\nid: a\nminutes: 5\n---\n\nText.\n"},
    )
    app = make_app(root, data_dir)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press("g")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CourseMapScreen)
        width = screen.query_one(OptionList).scrollable_content_region.width - 2
        lines = option_text(screen, "lesson:a", width)
        assert lines[0].startswith("   ○ A lesson")
        assert len(lines) >= 3 and all(line.startswith("     ") for line in lines[1:])
        assert all(len(line) <= width for line in lines)
        summary = summary_lines(screen, 38)
        bar = summary[0].split(" ")[0] if summary[0][0] in "█░" else summary[0].split()[2]
        assert 4 <= len(bar) <= 10, "the progress bar shrinks"
        assert all(len(line) <= 38 for line in summary)


def cell_contrasts(app: LeadTutorApp, text: str, within: str) -> list[float]:
    """The contrast of each drawn piece of `within`'s row that is part of `within`."""
    strips = app.screen._compositor.render_strips()
    row = next(strip for strip in strips if text in strip.text)
    background = Color.parse(app.get_css_variables()["background"])
    found = []
    for segment in row:
        piece = segment.text.strip()
        if not piece or (piece not in within and within not in piece):
            continue
        style = segment.style
        assert style is not None and style.color is not None
        ink = Color.from_rich_color(style.color)
        ground = Color.from_rich_color(style.bgcolor) if style.bgcolor else background
        found.append(contrast(ink, ground))
    assert found, within
    return found


@pytest.mark.parametrize("theme", sorted(t for t in BUILTIN_THEMES if "ansi" not in t))
async def test_module_headings_are_readable_on_every_theme(
    course_dir: Path, data_dir: Path, theme: str
) -> None:
    """Every cell of a module heading as drawn reaches WCAG AA (4.5:1), or at least the
    contrast of the theme's own text (a lesson's title) where that is lower."""
    app = make_app(course_dir, data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = theme
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, CourseMapScreen)
        title = app.course.modules[0].title
        lesson = app.course.lessons[0].title
        text = min(cell_contrasts(app, lesson, lesson))
        for value in cell_contrasts(app, title, f"1. {title}"):
            assert value >= min(4.5, text) - 0.01, (theme, value, text)
