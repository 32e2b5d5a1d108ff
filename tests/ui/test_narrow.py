"""At 40 and 60 columns: the footer keeps Quit and Help, prompt status lines keep
"required" and "✓ saved"."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets._footer import FooterKey

from leadtutor.ui.screens.lesson import LessonScreen
from leadtutor.ui.widgets.footer import TutorFooter
from leadtutor.ui.widgets.lesson_view import LessonView
from leadtutor.ui.widgets.status import StatusLine
from tests.ui.conftest import make_app, text_area

SCREENS = ["welcome", "lesson", "g", "ctrl+j", "question_mark"]


def visible_keys(footer: TutorFooter) -> list[str]:
    """The footer keys that are drawn inside the terminal."""
    width = footer.app.size.width
    return [
        key.description
        for key in footer.query(FooterKey)
        if key.region.width and key.region.right <= width and key.description
    ]


@pytest.mark.parametrize("width", [40, 60])
@pytest.mark.parametrize("where", SCREENS)
async def test_footer_keeps_quit_and_help(
    course_dir: Path, data_dir: Path, width: int, where: str
) -> None:
    app = make_app(course_dir, data_dir, start_lesson=None if where == "welcome" else "sample")
    async with app.run_test(size=(width, 20)) as pilot:
        await pilot.pause(0.3)
        if where not in ("welcome", "lesson"):
            app.screen.query_one(LessonView).focus()
            await pilot.press(where)
            await pilot.pause(0.3)
        await pilot.pause(0.2)
        keys = visible_keys(app.screen.query_one(TutorFooter))
        # On the help screen itself, ? is Back.
        assert keys[:2] == (["Quit", "Back"] if where == "question_mark" else ["Quit", "Help"])


async def test_wide_footer_keeps_textual_order(course_dir: Path, data_dir: Path) -> None:
    app = make_app(course_dir, data_dir, start_lesson="sample")
    async with app.run_test(size=(100, 20)) as pilot:
        await pilot.pause(0.3)
        for _ in range(50):  # the footer fills in after the lesson's first frame
            keys = visible_keys(app.screen.query_one(TutorFooter))
            if keys:
                break
            await pilot.pause(0.1)
        assert keys[0] == "Next" and "Quit" in keys and "Help" in keys


@pytest.mark.parametrize("width", [40, 60])
async def test_status_line_keeps_required_and_saved(
    course_dir: Path, data_dir: Path, width: int
) -> None:
    app = make_app(course_dir, data_dir, start_lesson="sample")
    async with app.run_test(size=(width, 30)) as pilot:
        assert isinstance(app.screen, LessonScreen)
        area = text_area(app, "s-reflect")
        area.focus()
        await pilot.press(*"two words")
        await pilot.pause(1.5)
        await app.workers.wait_for_complete()
        await pilot.pause()
        box = app.screen.query_one("#prompt-s-reflect")
        line = box.query_one(StatusLine)
        shown = line.render().plain
        if width == 40:
            assert line.size.width < len(line.content.plain), "the full line does not fit"
        assert "required" in shown and "✓ saved" in shown
        assert len(shown) <= line.size.width
