"""When a lesson is done: the end-of-lesson checklist, `d` / Mark done, and completing
the lesson when the learner scrolls to its end (see `leadtutor.core.completion` for the
rules). The lesson screen owns one `Completion`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.timer import Timer

from leadtutor.ui import answers
from leadtutor.ui.widgets.lesson_end import LessonEnd

if TYPE_CHECKING:
    from leadtutor.ui.screens.lesson import LessonScreen

END_DELAY = 0.4
"""Seconds after a change before the end checklist is refreshed."""


class Completion:
    """Whether one lesson screen's lesson is done, and making it so."""

    def __init__(self, screen: LessonScreen) -> None:
        self.screen = screen
        self.input_at_open = -1
        """The app's input count when the lesson opened (set by the screen)."""
        self._timer: Timer | None = None

    def missing(self) -> list[str]:
        """The required prompts not complete yet, in words."""
        return answers.missing_required(self.screen.tutor.store, self.screen.lesson)

    def is_done(self) -> bool:
        """Whether the lesson is recorded as done."""
        screen = self.screen
        return screen.tutor.store.lesson(screen.lesson.id).status == "done"

    def schedule_update(self) -> None:
        """Refresh the end checklist soon (not on every keystroke)."""
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.screen.set_timer(END_DELAY, self.update_end)

    def update_end(self) -> None:
        """Show the current state in the end checklist."""
        ends = self.screen.query(LessonEnd)
        if ends:
            ends.first().update_state(self.missing(), self.is_done())

    def complete(self, *, asked: bool) -> None:
        """Record the lesson as done (see `leadtutor.core.completion` for the rules).

        `asked` is the learner pressing d or Mark done: they are told why not, if not.
        Reaching the end by scrolling completes silently, or not at all.
        """
        screen = self.screen
        if not screen.lesson.ok:
            if asked:
                screen.notify("A lesson with problems cannot be marked done.", markup=False)
            return
        missing = self.missing()
        if missing:
            if asked:
                shown = "\n".join(f"• {item}" for item in missing[:3])
                more = f"\n…and {len(missing) - 3} more" if len(missing) > 3 else ""
                screen.notify(
                    f"Required first:\n{shown}{more}",
                    title="Not done yet",
                    severity="warning",
                    timeout=8,
                    markup=False,
                )
            return
        if not screen.tutor.records_completion:
            if asked:
                screen.notify(
                    "A learner could mark this lesson done now. The preview never records it.",
                    title="Preview",
                    markup=False,
                )
            return
        if self.is_done():
            return
        screen.tutor.store.complete_lesson(screen.lesson.id)
        screen.tutor.changed()
        self.update_end()
        screen.notify("Lesson marked done.", timeout=3, markup=False)

    def check_reached_end(self) -> None:
        """Scrolling to the end completes the lesson, but only when the learner did the
        scrolling: opening a lesson, restoring its place or jumping to an anchor never does."""
        screen = self.screen
        if not screen.lesson.ok or not screen.places.restored or self.is_done():
            return
        if screen.tutor.input_count == self.input_at_open:
            return  # no key or mouse input since the lesson opened
        view = screen.view
        if view.built < len(view.parts):
            return
        end = view.widgets[-1]
        if view.scroll_y + view.size.height >= end.virtual_region.y + 2:
            self.complete(asked=False)
