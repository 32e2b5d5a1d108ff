"""Snapshots of the key screens at 100×30 and 80×24 (pytest-textual-snapshot).

Update after a deliberate visual change with `pytest tests/ui/test_snapshots.py
--snapshot-update`, and look at the report before committing.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import TextArea

from leadtutor.core import load_course
from leadtutor.progress import ProgressStore
from leadtutor.settings import Settings
from leadtutor.ui.app import LeadTutorApp
from leadtutor.ui.widgets.lesson_view import LessonView
from tests.ui.conftest import sample_course

SIZES = [(100, 30), (80, 24)]
WITH_NARROW = [*SIZES, (40, 12)]
"""The learner's screens are also checked on a 40x12 terminal."""
FIXED = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
HOME = Path("/tmp/leadtutor-snapshots")
"""Fixed folders (one per size, so parallel workers never share one): the welcome screen
shows where answers are saved. The other screens use the test's own folder."""


@pytest.fixture(autouse=True)
def _utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def build(
    tmp_path: Path,
    *,
    answered: bool = False,
    start: str | None = None,
    days_later: int = 0,
    home: Path | None = None,
) -> LeadTutorApp:
    folder = home or tmp_path / "home"
    shutil.rmtree(folder, ignore_errors=True)
    course = load_course(sample_course(tmp_path / "course"))
    clock = {"now": FIXED}
    store = ProgressStore(folder, course.id, clock=lambda: clock["now"])
    store.load()
    if answered:
        store.set_reflection("s-reflect", "sample", "I asked the team first [/] and it worked.")
        store.set_choice("s-choice", "sample", [1], True)
        store.set_scale("s-scale", "sample", 4)
        store.make_commitment("s-commit", "sample", "Ask for feedback weekly", 7)
        store.open_lesson("sample")
    clock["now"] = FIXED + timedelta(days=days_later)
    return LeadTutorApp(course, store, Settings(), start_lesson=start)


async def settle(pilot: Pilot[Any]) -> None:
    await pilot.pause(0.3)
    for view in pilot.app.screen.query(LessonView):
        view.focus()
    await pilot.pause(0.2)


@pytest.mark.parametrize("size", WITH_NARROW, ids=lambda s: f"{s[0]}x{s[1]}")
def test_welcome(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    home = HOME.with_name(f"{HOME.name}-{size[0]}x{size[1]}")
    assert snap_compare(build(tmp_path, home=home), terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", WITH_NARROW, ids=lambda s: f"{s[0]}x{s[1]}")
def test_welcome_returning(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    """A returning learner: Continue, Course map and Start over without scrolling."""
    home = HOME.with_name(f"{HOME.name}-returning-{size[0]}x{size[1]}")
    app = build(tmp_path, answered=True, home=home)
    app.store.set_resume("sample", 0, 0)
    assert snap_compare(app, terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", WITH_NARROW, ids=lambda s: f"{s[0]}x{s[1]}")
def test_help(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    async def open_help(pilot: Pilot[Any]) -> None:
        await pilot.press("question_mark")
        await settle(pilot)

    assert snap_compare(build(tmp_path), terminal_size=size, run_before=open_help)


@pytest.mark.parametrize("size", WITH_NARROW, ids=lambda s: f"{s[0]}x{s[1]}")
def test_course_map(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    async def open_map(pilot: Pilot[Any]) -> None:
        await pilot.press("g")
        await settle(pilot)

    assert snap_compare(build(tmp_path, answered=True), terminal_size=size, run_before=open_map)


@pytest.mark.parametrize("size", WITH_NARROW, ids=lambda s: f"{s[0]}x{s[1]}")
def test_lesson_with_every_prompt_kind(
    snap_compare: Any, tmp_path: Path, size: tuple[int, int]
) -> None:
    async def scroll_to_prompts(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        view = pilot.app.screen.query_one(LessonView)
        view.build_all()
        await pilot.pause(0.2)
        view.scroll_to(y=3, animate=False, immediate=True)
        await pilot.pause(0.2)

    app = build(tmp_path, answered=True, start="sample")
    assert snap_compare(app, terminal_size=(size[0], size[1] + 40), run_before=scroll_to_prompts)


@pytest.mark.parametrize("size", WITH_NARROW, ids=lambda s: f"{s[0]}x{s[1]}")
def test_journal(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    async def open_journal(pilot: Pilot[Any]) -> None:
        await pilot.press("ctrl+j")
        await settle(pilot)

    assert snap_compare(build(tmp_path, answered=True), terminal_size=size, run_before=open_journal)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_follow_up_card(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    """A week after committing, the card comes first; "Not yet" shows when to ask again."""

    async def choose_not_yet(pilot: Pilot[Any]) -> None:
        await pilot.pause(0.3)
        await pilot.click("#result-not-done")
        await pilot.click("#card-note")
        await pilot.press(*"The sprint slipped; next week.")
        for area in pilot.app.screen.query(TextArea):
            area.cursor_blink = False  # a blinking cursor would make the picture random
        await pilot.pause(0.3)

    app = build(tmp_path, answered=True, days_later=8)
    assert snap_compare(app, terminal_size=size, run_before=choose_not_yet)
