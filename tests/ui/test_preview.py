"""The author's preview: a real file watcher, edits on disk, the view kept in place."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Static

from leadtutor.core import load_course
from leadtutor.core.catalog import LessonCache
from leadtutor.progress import ProgressStore
from leadtutor.ui.preview import PreviewApp, PreviewPanel
from leadtutor.ui.screens.lesson import LessonScreen
from leadtutor.ui.widgets.lesson_view import LessonView
from leadtutor.ui.widgets.place import Place
from leadtutor.ui.widgets.problems import ProblemPanel
from tests.conftest import write_course
from tests.ui.conftest import text_area


def _paragraphs(tag: str, count: int) -> str:
    return "\n\n".join(f"{tag} paragraph {n} of filler, long enough to read." for n in range(count))


LESSON = f"""---
title: Previewed
id: previewed
---

{_paragraphs("Opening", 30)}

:::{{reflect}} pv-draft
Write something here.
:::

{_paragraphs("Middle", 30)}

:::{{reflect}} pv-middle
A question in the middle.
:::

{_paragraphs("Closing", 30)}
"""


def _app(root: Path, tmp: Path) -> PreviewApp:
    cache: LessonCache = {}
    course = load_course(root, cache=cache)
    store = ProgressStore(tmp / "scratch", course.id)
    store.load()
    return PreviewApp(course, store, source=root, cache=cache, start_lesson="previewed")


async def _wait(
    pilot: Pilot[None],
    done: Callable[[], bool],
    seconds: float = 8.0,
    what: Callable[[], object] | None = None,
) -> None:
    for _ in range(int(seconds / 0.05)):
        if done():
            return
        await pilot.pause(0.05)
    raise AssertionError(f"timed out waiting for the preview ({what()})" if what else "timed out")


def _top(app: PreviewApp) -> tuple[str, int]:
    """The prompt id (or block kind) at the top of the view, and the lines into it."""
    screen = app.screen
    views = screen.query(LessonView)
    if not isinstance(screen, LessonScreen) or not views or not screen.places.restored:
        return ("", -1)
    view = views.first()
    if view.placing:
        return ("", -1)
    place = view.place
    found = screen.lesson.blocks[min(place.block, len(screen.lesson.blocks) - 1)]
    return (getattr(found, "id", found.kind), view.block_rows(place))


def _screen(app: PreviewApp) -> LessonScreen:
    screen = app.screen
    assert isinstance(screen, LessonScreen)
    return screen


async def test_saving_the_file_reloads_the_lesson_in_place(tmp_path: Path) -> None:
    root = write_course(tmp_path / "course", {"01-m/01-previewed.md": LESSON}, "pv-course")
    path = root / "01-m" / "01-previewed.md"
    app = _app(root, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        assert app.watcher is not None
        await _wait(pilot, app.watcher.ready.is_set)
        text_area(app, "pv-draft").focus()
        await pilot.press(*"my unsaved draft")
        await pilot.press("escape")  # back to reading
        screen = _screen(app)
        view = screen.query_one(LessonView)
        middle = screen.lesson.block_index("pv-middle")
        assert middle is not None
        view.go_to(Place(middle, rows=2))
        await _wait(pilot, lambda: _top(app) == ("pv-middle", 2), what=lambda: _top(app))
        await pilot.pause(0.8)  # past the screen's position debounce

        # 1. An edit above the reader, with a warning: the same place is on screen.
        path.write_text(
            LESSON.replace("Opening paragraph 3 ", "Opening paragraph 3 EDITED ").replace(
                "Middle paragraph 0",
                ":::{tip}\n:colour: red\nA new tip.\n:::\n\nMiddle paragraph 0",
            ),
            encoding="utf-8",
        )
        await _wait(pilot, lambda: app.reloads >= 1)
        await _wait(pilot, lambda: _top(app) == ("pv-middle", 2), what=lambda: _top(app))
        screen = _screen(app)
        assert "EDITED" in screen.lesson.blocks[0].body.source
        panel = screen.query_one(PreviewPanel)
        shown = str(panel.query_one(Static).render())
        assert "1 warning" in shown and "option.unknown" in shown
        assert text_area(app, "pv-draft").text == "my unsaved draft"

        # 2. A mistake: the problem panel shows it, live.
        path.write_text(LESSON.replace(":::{reflect} pv-middle", ":::{reflcet} pv-middle"))
        await _wait(pilot, lambda: bool(app.screen.query("ProblemPanel Static")))
        problems = str(app.screen.query_one(ProblemPanel).query_one(Static).render())
        assert "directive.unknown" in problems and "reflcet" in problems

        # 3. Fixed: the panel goes away and the reader is where they were.
        path.write_text(LESSON, encoding="utf-8")
        await _wait(pilot, lambda: bool(app.screen.query("LessonView ReflectBox")))
        await _wait(pilot, lambda: _top(app) == ("pv-middle", 2), what=lambda: _top(app))
        screen = _screen(app)
        assert not screen.query(ProblemPanel)
        assert "no problems" in str(screen.query_one(PreviewPanel).query_one(Static).render())
        watcher = app.watcher.thread
    assert not watcher.is_alive(), "quitting stops the watcher thread"
    assert not [t for t in threading.enumerate() if t.name == "leadtutor-preview-watch"]


async def test_preview_never_records_a_lesson_as_done(tmp_path: Path) -> None:
    root = write_course(tmp_path / "course", {"01-m/01-previewed.md": LESSON}, "pv-course")
    app = _app(root, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.3)
        _screen(app).query_one(LessonView).focus()
        await pilot.press("d")
        await pilot.press("end")
        await pilot.pause(0.8)
        assert app.store.lesson("previewed").status != "done"
        said = "\n".join(str(n.message) for n in app._notifications)
        assert "A learner could mark this lesson done now" in said
