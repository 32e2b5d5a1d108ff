"""Command palette entries: go to a lesson, search lessons, export the journal, the map
and the journal (Textual adds Theme, Quit and our Help; see `LeadTutorApp`)."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

if TYPE_CHECKING:
    from leadtutor.core import Lesson
    from leadtutor.ui.app import LeadTutorApp

SNIPPET = 50


class LessonCommands(Provider):
    """Lessons by title, full-text search of lesson prose, and app actions."""

    @property
    def tutor(self) -> LeadTutorApp:
        """The app, typed."""
        return cast("LeadTutorApp", self.app)

    def _fixed(self) -> list[tuple[str, str, object]]:
        app = self.tutor
        return [
            (
                "Export journal…",
                "Save your answers as Markdown, a printable HTML page or JSON",
                app.export_journal,
            ),
            (
                "Reload lesson",
                "Read the lesson file again after editing it (ctrl+r)",
                app.action_reload_lesson,
            ),
            ("Course map", "All lessons and your progress", app.action_course_map),
            ("Journal", "Every answer you have written", app.action_journal),
            (
                "Course summary",
                "What you have done, your commitments and their dates, export",
                app.action_course_summary,
            ),
            ("Follow-ups", "Your commitments and how they went", app.action_follow_ups),
        ]

    async def discover(self) -> Hits:
        for name, help_text, action in self._fixed():
            yield DiscoveryHit(name, action, help=help_text)  # type: ignore[arg-type]
        for lesson in self.tutor.course.lessons:
            yield DiscoveryHit(
                Content("Go to lesson… ") + Content(lesson.title),
                partial(self.tutor.open_lesson, lesson),
                text=f"Go to lesson {lesson.title}",
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, action in self._fixed():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), action, help=help_text)  # type: ignore[arg-type]
        for lesson in self.tutor.course.lessons:
            label = f"Go to lesson… {lesson.title}"
            score = matcher.match(label)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(label),
                    partial(self.tutor.open_lesson, lesson),
                    text=label,
                )
        needle = query.strip().lower()
        if len(needle) < 3:
            return
        from leadtutor.ui.screens.lesson_places import Found

        for lesson in self.tutor.course.lessons:
            for snippet, block in _search(lesson, needle):
                found = (
                    Content("Search lessons: ")
                    + Content(lesson.title)
                    + Content(" — ")
                    + Content(snippet)
                )
                yield Hit(
                    0.5,
                    found,
                    partial(self.tutor.open_lesson, lesson, found=Found(block, needle), mark=True),
                    text=f"Search lessons {lesson.title} {snippet}",
                )


def _search(lesson: Lesson, needle: str) -> list[tuple[str, int]]:
    """Return (snippet, block index) for each block mentioning `needle`."""
    found: list[tuple[str, int]] = []
    for index, block in enumerate(lesson.blocks):
        text = block.body.plain
        at = text.lower().find(needle)
        if at < 0:
            continue
        start = max(0, at - 15)
        snippet = text[start : start + SNIPPET].replace("\n", " ")
        found.append(("…" + snippet + "…", index))
        if len(found) >= 3:
            break
    return found
