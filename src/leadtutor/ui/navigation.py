"""Opening lessons, and Back / Forward between the places links and searches were
followed from (as in frogmouth). `LeadTutorApp.open_lesson` and `go_back` call these."""

from __future__ import annotations

from typing import TYPE_CHECKING

from leadtutor.core import Lesson
from leadtutor.ui.widgets.place import Place

if TYPE_CHECKING:
    from leadtutor.ui.app import LeadTutorApp
    from leadtutor.ui.screens.lesson_places import Found

HISTORY = 100
"""How many places Back remembers."""


def open_lesson(
    app: LeadTutorApp,
    lesson: Lesson,
    *,
    prompt_id: str = "",
    anchor: str = "",
    place: Place | None = None,
    found: Found | None = None,
    mark: bool = False,
) -> None:
    """Show a lesson (replacing the current lesson screen, if any).

    Args:
        lesson: The lesson.
        prompt_id: Focus this prompt.
        anchor: Open at this heading.
        place: Open at this place.
        found: Open at this search match, highlighted.
        mark: Remember where the learner is now, for Back (following a link, a
            search result).
    """
    from leadtutor.ui.screens.lesson import LessonScreen

    current = app.screen
    if isinstance(current, LessonScreen) and current.lesson.ok:
        if mark:
            app.back_stack.append((current.lesson.id, current.view.place))
            del app.back_stack[:-HISTORY]
            app.forward_stack.clear()
        if current.lesson is lesson and (anchor or place or found) and not prompt_id:
            current.jump(anchor=anchor, place=place, found=found)
            return
    app.pick_up_other_changes()
    screen = LessonScreen(lesson, prompt_id=prompt_id, anchor=anchor, place=place, found=found)
    if isinstance(current, LessonScreen):
        current.remember_position()
        app.autosave.save_now()
        app.switch_screen(screen)
    else:
        app.push_screen(screen)


def go_back(app: LeadTutorApp, step: int = -1) -> None:
    """Back (`step` -1) to where a link or search was followed from, or Forward (1)."""
    from leadtutor.ui.screens.lesson import LessonScreen

    source, target = (
        (app.back_stack, app.forward_stack) if step < 0 else (app.forward_stack, app.back_stack)
    )
    while source:
        lesson_id, place = source.pop()
        lesson = app.course.lesson(lesson_id)
        if lesson is None:
            continue
        current = app.screen
        if isinstance(current, LessonScreen) and current.lesson.ok:
            target.append((current.lesson.id, current.view.place))
        app.open_lesson(lesson, place=place)
        return
    where = "back to" if step < 0 else "forward to"
    app.notify(
        f"Nothing to go {where}: Back returns to where you followed a link or a search from.",
        markup=False,
        timeout=4,
    )
