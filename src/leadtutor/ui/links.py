"""What following a link does. Only http(s) URLs open, after the learner confirms;
links to lessons and headings open in the app (Back returns); anything else does
nothing but say why."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from leadtutor.core.links import classify
from leadtutor.ui.widgets.place import Place

if TYPE_CHECKING:
    from leadtutor.ui.app import LeadTutorApp
    from leadtutor.ui.screens.lesson import LessonScreen


def follow_link(screen: LessonScreen, href: str) -> None:
    """Act on a clicked link in `screen`'s lesson."""
    app = cast("LeadTutorApp", screen.app)
    target = classify(href)
    if target.kind == "external":
        from leadtutor.ui.screens.dialogs import ConfirmDialog

        def decided(yes: bool | None) -> None:
            if yes:
                app.open_url(target.url)

        app.push_screen(
            ConfirmDialog(
                "Open this link in your browser?",
                f"{target.url}\n\nIt opens outside leadtutor. Only open links you trust.",
                yes="Open",
            ),
            decided,
        )
    elif target.kind == "anchor":
        app.open_lesson(screen.lesson, anchor=target.anchor, mark=True)
    elif target.kind == "relative" and target.path is not None:
        path = Path(screen.lesson.path).parent / str(target.path)
        lesson = app.course.lesson_at(path) if path.exists() else None
        if lesson is None:
            screen.notify("That link does not lead to a lesson of this course.", markup=False)
        elif target.anchor:
            app.open_lesson(lesson, anchor=target.anchor, mark=True)
        elif lesson is not screen.lesson:
            app.open_lesson(lesson, place=Place(0), mark=True)  # a page link: its top
    else:
        screen.notify(f"This link does not open: {target.reason}.", markup=False)
