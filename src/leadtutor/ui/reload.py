"""Read the course again from disk and show the open lesson again, at the same place.

Used by the "Reload lesson" command (ctrl+r) and by the author's preview after every
save. Only files whose text changed are parsed again (`load_course(cache=...)`); the
learner's answers and drafts live in the store, so the rebuilt lesson screen shows them
as they were, and the reading position is carried over by mapping the source line at
the top of the view from the old text to the new one.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from leadtutor.core import Course, Lesson, Problem, load_course
from leadtutor.core.catalog import LessonCache

if TYPE_CHECKING:
    from leadtutor.ui.app import LeadTutorApp
    from leadtutor.ui.screens.lesson import LessonScreen


@dataclass(frozen=True)
class Outcome:
    """What a reload did: `shown` (the lesson was rebuilt), `same` (nothing changed),
    `course` (only the course was re-read), `waiting` (a lesson screen is covered:
    applied when it is on top again) or `refused` (with `message`)."""

    kind: str
    message: str = ""


class Reloader:
    """Reloads `source` (a course directory or one lesson file) into `app`."""

    def __init__(
        self,
        app: LeadTutorApp,
        source: Path,
        cache: LessonCache | None = None,
        *,
        keep_id: bool = True,
    ) -> None:
        """`cache` is the one the app's course was loaded with, if any (so the first
        reload parses only what changed). `keep_id`: refuse a course whose id changed
        (the learner's progress is kept per course id)."""
        self.app = app
        self.source = source
        self.cache: LessonCache = cache if cache is not None else {}
        self.keep_id = keep_id
        self.shown: dict[Path, tuple[str, Lesson]] = {}
        """Per lesson file, the last version shown without errors (text and lesson): the
        resume point's block refers to it."""
        self.pending = False
        for lesson in app.course.lessons:
            self.remember(lesson)

    def remember(self, lesson: Lesson) -> None:
        """Note the text a lesson was shown from (so a later reload can map the place)."""
        known = self.cache.get(lesson.path)
        if known is not None and lesson.ok:
            self.shown[lesson.path] = (known[0], lesson)

    def reload(self) -> Outcome:
        """Re-read the course; rebuild the lesson screen if its lesson changed."""
        from leadtutor.ui.screens.lesson import LessonScreen

        app = self.app
        if not app.screen_stack or not app.is_running:
            return Outcome("same")  # closing
        screen = app.screen
        before = self.cache.get(screen.lesson.path) if isinstance(screen, LessonScreen) else None
        course = load_course(self.source, cache=self.cache)
        refused = self._refuse(course)
        if refused:
            return Outcome("refused", refused)
        old = app.course
        app.course = course
        lesson_screens = [s for s in app.screen_stack if isinstance(s, LessonScreen)]
        if not isinstance(screen, LessonScreen):
            if lesson_screens:
                self.pending = True
                return Outcome("waiting")
            return Outcome("course" if course is not old else "same")
        self.pending = False
        lesson = course.lesson_at(screen.lesson.path)
        if lesson is None:
            app.course = old
            return Outcome(
                "refused",
                f"{_shown(screen.lesson.path, course.root)} is no longer a lesson of the course "
                "(renamed, moved or deleted?); showing the version read before.",
            )
        after = self.cache.get(lesson.path)
        unchanged = before is not None and after is not None and before[0] == after[0]
        if (
            unchanged
            and lesson.problems == screen.lesson.problems
            and _course_file_problems(course) == _course_file_problems(old)
        ):
            screen.lesson = lesson  # same text: keep the screen, adopt the new objects
            self.remember(lesson)
            return Outcome("same")
        self._show(screen, lesson)
        return Outcome("shown")

    def apply_pending(self) -> Outcome | None:
        """Rebuild a lesson screen that was covered during a reload, once it is on top."""
        from leadtutor.ui.screens.lesson import LessonScreen

        stack = self.app.screen_stack
        if not self.pending or not stack or not isinstance(stack[-1], LessonScreen):
            return None
        return self.reload()

    def _refuse(self, course: Course) -> str:
        fatal = [p for p in course.problems if p.level == "error" and p.path.suffix != ".md"]
        if fatal or not course.lessons:
            first = fatal[0].format(relative_to=course.root) if fatal else "no lessons found"
            return f"The course cannot be read again: {first}. Still showing the last version."
        if self.keep_id and course.id != self.app.course.id:
            return (
                f"The course id changed to '{course.id}' (progress is kept per course id); "
                "restart leadtutor to use it. Still showing the last version."
            )
        return ""

    def _show(self, screen: LessonScreen, lesson: Lesson) -> None:
        from leadtutor.ui.screens.lesson import LessonScreen

        app = self.app
        store = app.store
        screen.remember_position()
        point = store.position(screen.lesson.id)
        shown = self.shown.get(lesson.path)
        new_text = self.cache[lesson.path][0]
        # A broken version shows no blocks: the place is kept for the fixed one.
        if lesson.ok and point is not None and shown is not None:
            old_text, old = shown
            block, line = map_place(old_text, new_text, old, lesson, point.block, point.line)
            prompt_id = point.prompt_id
            if prompt_id is not None and lesson.block_index(prompt_id) is None:
                prompt_id = None
            chars = point.chars if line == point.line else 0
            store.set_resume(lesson.id, block, point.scroll, prompt_id, line=line, chars=chars)
        self.remember(lesson)
        app.switch_screen(LessonScreen(lesson))


def _course_file_problems(course: Course) -> list[Problem]:
    return [p for p in course.problems if p.path.suffix != ".md"]


def _shown(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def map_line(old_text: str, new_text: str, line: int) -> int:
    """Where 1-based `line` of `old_text` is in `new_text` (for an edited line: where
    its replacement starts)."""
    old_lines, new_lines = old_text.split("\n"), new_text.split("\n")
    index = line - 1
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines)
    for tag, i1, i2, j1, _j2 in matcher.get_opcodes():
        if i1 <= index < i2:
            return j1 + (index - i1 if tag == "equal" else 0) + 1
    return len(new_lines)


def map_place(
    old_text: str, new_text: str, old: Lesson, new: Lesson, block: int, line: int | None
) -> tuple[int, int | None]:
    """Carry a place (block index, and source line from the block's first line, as in
    a `ResumePoint`) from `old` (parsed from `old_text`) to `new`."""
    if block >= len(old.blocks) or not new.blocks:
        return (len(new.blocks) if block >= len(old.blocks) else 0), None
    start = old.blocks[block].lines[0]
    target = map_line(old_text, new_text, start + (line or 0))
    found = 0
    for index, candidate in enumerate(new.blocks):
        if candidate.lines[0] <= target:
            found = index
        if candidate.lines[0] <= target <= candidate.lines[1]:
            found = index
            break
    if line is None:
        return found, None
    return found, max(target - new.blocks[found].lines[0], 0)
