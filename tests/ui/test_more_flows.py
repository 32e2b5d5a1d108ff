"""Help, command palette, theme persistence, start over, done (follow-ups: test_followups.py)."""

from __future__ import annotations

import json
from pathlib import Path

from leadtutor.settings import Settings
from leadtutor.ui.screens.dialogs import ConfirmDialog
from leadtutor.ui.screens.help import HelpScreen
from leadtutor.ui.screens.lesson import LessonScreen
from leadtutor.ui.widgets.lesson_end import LessonEnd
from leadtutor.ui.widgets.lesson_view import LessonView
from leadtutor.ui.widgets.prose import ProseText
from tests.ui.conftest import make_app, text_area


async def test_help_lists_every_lesson_key(course_dir: Path, data_dir: Path) -> None:
    app = make_app(course_dir, data_dir, start_lesson="sample")
    async with app.run_test(size=(100, 40)) as pilot:
        app.screen.query_one(LessonView).focus()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("Static").render())
        screen_keys = {b.key for b in LessonScreen.BINDINGS if hasattr(b, "key")}  # type: ignore[union-attr]
        for key in ("n / p", "tab / shift+tab", "ctrl+j", "ctrl+p", "ctrl+e", "escape"):
            assert key in text
        assert "o" in screen_keys and "d" in screen_keys
        await pilot.press("escape")
        assert isinstance(app.screen, LessonScreen)


async def test_command_palette_goes_to_a_lesson(course_dir: Path, data_dir: Path) -> None:
    app = make_app(course_dir, data_dir, start_lesson="sample")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Go to lesson Other")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause(0.5)
        assert isinstance(app.screen, LessonScreen) and app.screen.lesson.id == "other"


async def test_theme_choice_persists(course_dir: Path, data_dir: Path) -> None:
    app = make_app(course_dir, data_dir)
    app.settings = Settings(data_dir / "settings.json")
    async with app.run_test(size=(100, 30)) as pilot:
        app.theme = "textual-light"
        await pilot.pause()
        chosen = app.theme
    saved = json.loads((data_dir / "settings.json").read_text())
    assert saved["theme"] == chosen
    assert (data_dir / "settings.json").stat().st_mode & 0o777 == 0o600
    assert Settings.load(data_dir).theme == chosen


async def test_start_over_backs_up_then_clears(course_dir: Path, data_dir: Path) -> None:
    app = make_app(course_dir, data_dir)
    app.store.set_reflection("s-reflect", "sample", "keep me in the backup")
    app.store.open_lesson("sample")
    app.store.set_resume("sample")
    app.store.save()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.click("#start-over")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.click("#yes")
        await pilot.pause(0.3)
        assert isinstance(app.screen, LessonScreen)
        assert app.store.answer("s-reflect") is None
    # Only finished files: a save still writing its temporary file may end (and the
    # temporary file vanish) while this looks.
    backups = [
        p
        for p in (data_dir / "sample-course").iterdir()
        if not p.name.endswith(".tmp") and "keep me" in p.read_text(errors="ignore")
    ]
    assert backups, "the cleared answers must be in a backup file"


async def test_reaching_the_end_with_required_answers_marks_done(
    course_dir: Path, data_dir: Path
) -> None:
    app = make_app(course_dir, data_dir, start_lesson="sample")
    async with app.run_test(size=(100, 30)) as pilot:
        area = text_area(app, "s-reflect")
        area.focus()
        await pilot.press(*"two words")
        screen = app.screen
        assert isinstance(screen, LessonScreen)
        await pilot.pause(0.6)  # the checklist refreshes shortly after typing
        end = screen.query_one(LessonEnd)
        checklist = end.query_one(ProseText)
        assert "Write at least 3 words (2 so far)" in "\n".join(
            x.plain for x in checklist.lines(80)
        )
        await pilot.press(*" more")
        screen.query_one(LessonView).focus()
        await pilot.press("end")
        await pilot.pause(0.5)
        assert app.store.lesson("sample").status == "done"


async def test_tab_from_reading_goes_to_the_prompt_on_screen(
    course_dir: Path, data_dir: Path
) -> None:
    app = make_app(course_dir, data_dir, start_lesson="sample")
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.pause(0.3)
        view = app.screen.query_one(LessonView)
        view.build_all()
        await pilot.pause(0.2)
        from leadtutor.ui.widgets.rating import ScaleBox

        scale = app.screen.query_one(ScaleBox)
        view.scroll_to(y=scale.virtual_region.y, animate=False, immediate=True)
        view.focus()
        await pilot.pause()
        await pilot.press("tab")
        await pilot.pause()
        assert app.focused is not None and scale in app.focused.ancestors_with_self
