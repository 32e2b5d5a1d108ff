"""Control characters never get into a learner's answer box (and so never reach the
terminal): pasted, loaded from the progress file, or shown in the journal."""

from __future__ import annotations

from pathlib import Path

from benchmarks.reliability_suite import apps
from textual import events
from textual.widgets import TextArea

from leadtutor.core.sanitize import clean_answer
from leadtutor.progress import ProgressStore

DIRTY = "a\x1b[2Jb\x1b]0;T\x07c\x00d\x9be\u202ef\r\ng\tend"


def test_clean_answer_keeps_text_and_drops_controls() -> None:
    assert clean_answer(DIRTY) == "a[2Jb]0;Tcdef\ng\tend"
    assert clean_answer("שלום 😀 [/]") == "שלום 😀 [/]"


async def test_paste_is_cleaned_once(tmp_path: Path) -> None:
    app, store, _ = apps.make_app(apps.course(tmp_path / "c"), tmp_path / "d")
    async with app.run_test(size=(100, 40)) as pilot:
        area = app.screen.query_one("#text-trust-why", TextArea)
        area.focus()
        app.post_message(events.Paste(DIRTY))  # as the terminal driver delivers it
        await apps.wait(pilot, lambda: area.text != "", 20)
        assert area.text == clean_answer(DIRTY)
        await apps.wait(pilot, lambda: store.answer("trust-why") is not None, 20)
        assert await apps.saved(pilot, app, store)
        answer = store.answer("trust-why")
        assert answer is not None and answer.value == clean_answer(DIRTY)


async def test_answer_with_controls_on_disk_is_shown_clean(tmp_path: Path) -> None:
    course = apps.course(tmp_path / "c")
    store = ProgressStore(tmp_path / "d", "rel-course")
    store.load()
    store.set_reflection("trust-why", apps.LESSON, DIRTY)
    store.save()
    app, _, _ = apps.make_app(course, tmp_path / "d")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause(0.2)
        assert app.screen.query_one("#text-trust-why", TextArea).text == clean_answer(DIRTY)
