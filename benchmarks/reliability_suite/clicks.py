"""R3's click sweep: in the real app (Pilot), click every CLICKME payload of every
hostile lesson and record every action that ran.

The only action lesson text may trigger is the app's own `link(href)`, whose handler
applies the link policy; anything else (`app.quit`, `app.bell`...) counts as an action
run from lesson content, and so does any call to `open_url` (nothing is confirmed).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from leadtutor.core import load_course
from leadtutor.progress import ProgressStore
from leadtutor.settings import Settings


async def sweep(
    course_dir: Path, data_dir: Path, size: tuple[int, int] = (120, 50)
) -> dict[str, Any]:
    """Click every visible CLICKME; return {"clicks": n, "unreachable": n, "ran": [...]}."""
    course = load_course(course_dir)
    ran: list[str] = []
    counts = {"clicks": 0, "unreachable": 0}
    for lesson in course.lessons:
        if lesson.ok and "CLICKME" in lesson.path.read_text(errors="replace"):
            await _sweep_lesson(course, lesson, data_dir, size, ran, counts)
    return {**counts, "ran": ran}


async def _sweep_lesson(
    course: Any,
    lesson: Any,
    data_dir: Path,
    size: tuple[int, int],
    ran: list[str],
    counts: dict[str, int],
) -> None:
    from leadtutor.ui.app import LeadTutorApp
    from leadtutor.ui.widgets.lesson_view import LessonView
    from leadtutor.ui.widgets.prose import ProseText

    store = ProgressStore(data_dir, course.id)
    store.load()
    app = LeadTutorApp(course, store, Settings(), start_lesson=lesson.id)
    original = app.run_action
    clicking = [False]

    async def record(action: Any, *args: Any, **kwargs: Any) -> bool:
        text = str(action)
        if clicking[0] and not text.startswith("link("):
            ran.append(f"{lesson.id}: action {text!r}")
        return await original(action, *args, **kwargs)

    app.run_action = record  # type: ignore[method-assign]
    app.open_url = lambda url, **_: ran.append(f"{lesson.id}: open_url {url!r}")  # type: ignore[method-assign]
    app.bell = lambda: ran.append(f"{lesson.id}: bell")  # type: ignore[method-assign]
    async with app.run_test(size=size) as pilot:
        await pilot.pause(0.3)
        for view in app.screen.query(LessonView):
            view.build_all()
        await pilot.pause(0.3)
        home = app.screen
        for prose in list(home.query(ProseText)):
            if app.screen is not home:  # a lesson link replaced the screen: done here
                break
            width = prose.content_region.width
            targets = [
                (match.start(), y)
                for y, line in enumerate(prose.lines(width))
                for match in re.finditer("CLICKME", line.plain)
            ]
            for x, y in targets:
                if not app.is_running:
                    break
                point = await _bring_into_view(pilot, prose, x + 2, y)
                if point is None:
                    counts["unreachable"] += 1
                    ran.append(f"(not clicked: {lesson.id} {prose.lines(width)[y].plain[:60]!r})")
                    continue
                clicking[0] = True
                await pilot.click(offset=point)
                await pilot.pause()
                clicking[0] = False
                counts["clicks"] += 1
                if app.screen is not home and home in app.screen_stack:
                    await pilot.press("escape")  # close a confirmation, if one opened
                    await pilot.pause()
                if app.screen is not home:
                    break
        if not app.is_running or app.return_code is not None:
            ran.append(f"{lesson.id}: the app quit")


async def _bring_into_view(pilot: Any, widget: Any, x: int, y: int) -> tuple[int, int] | None:
    """Scroll so that cell (x, y) of `widget` is on screen and not covered; return it."""
    from textual.errors import NoWidget

    widget.scroll_visible(top=True, animate=False, immediate=True)
    await pilot.pause()
    for _ in range(3):
        sx, sy = widget.region.x + x, widget.region.y + y
        try:
            if pilot.app.screen.get_widget_at(sx, sy)[0] is widget:
                return (sx, sy)
        except NoWidget:
            pass
        for container in widget.ancestors:
            if getattr(container, "is_scrollable", False) and container.allow_vertical_scroll:
                middle = container.region.y + container.size.height // 2
                container.scroll_relative(y=sy - middle, animate=False, immediate=True)
                break
        await pilot.pause()
    return None
