"""Where a lesson screen opens, what it records as the learner's place, and the jumps
inside a lesson: to a heading, to a prompt, to a search match, and Back / Forward.

The lesson screen owns one `Places`. A place is recorded only once the screen has
arrived where it was opened for, so a restore still under way never replaces the
saved point with the top of the lesson.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from textual.content import Content
from textual.timer import Timer
from textual.widget import Widget

from leadtutor.ui.render import Piece
from leadtutor.ui.widgets.place import Place
from leadtutor.ui.widgets.prompt_base import PromptBox
from leadtutor.ui.widgets.prose import ProseText

if TYPE_CHECKING:
    from leadtutor.progress import ResumePoint
    from leadtutor.ui.screens.lesson import LessonScreen

RECORD_DELAY = 0.6
"""Seconds after scrolling or focus stops before the place is recorded."""
HIGHLIGHT = "bold reverse"
"""How a search match is shown."""


@dataclass(frozen=True)
class Found:
    """A search match to open a lesson at: the block it is in and the text searched."""

    block: int
    text: str


def place_of(point: ResumePoint) -> Place:
    """A stored position as a place in the lesson view."""
    return Place(point.block, 0, point.scroll, point.line, point.chars)


class Places:
    """The reading position of one lesson screen."""

    def __init__(self, screen: LessonScreen) -> None:
        self.screen = screen
        self.restored = False
        """Whether the screen has arrived where it was opened for."""
        self._timer: Timer | None = None
        self._lit: list[tuple[ProseText, tuple[Piece, ...]]] = []
        """Widgets showing a search highlight, with their pieces before it."""

    # -- arriving ------------------------------------------------------------------

    def restore(
        self, *, prompt_id: str, anchor: str, place: Place | None, found: Found | None
    ) -> None:
        """Go where the screen was opened for: a prompt, a heading, a place (Back), a
        search match, or the lesson's own last place; a lesson never read starts at
        the very top."""
        screen = self.screen
        if prompt_id:
            self.focus_prompt(prompt_id)
        elif anchor:
            self.to_anchor(anchor, then=self._arrived)
        elif found is not None:
            self.to_match(found, then=self._arrived)
        elif place is not None:
            screen.view.go_to(place, then=self._arrived)
        else:
            point = screen.tutor.store.position(screen.lesson.id)
            self._resume(point)

    def _resume(self, point: ResumePoint | None) -> None:
        view = self.screen.view
        prompt_id = point.prompt_id if point is not None else None
        place = place_of(point) if point is not None else Place(0)
        if place == Place(0):
            if prompt_id:
                self.focus_prompt(prompt_id, scroll=False)
                return
            if self.screen.focused is None:
                view.focus()
            self._arrived()
            return

        def placed() -> None:
            if prompt_id:
                self.focus_prompt(prompt_id, scroll=False)
            self._arrived()

        view.go_to(place, then=placed)

    def _arrived(self) -> None:
        self.restored = True

    def focus_prompt(self, prompt_id: str, *, scroll: bool = True) -> None:
        """Focus a prompt's input (scrolling it into view unless `scroll` is false)."""
        view = self.screen.view
        index = view.part_of_prompt(prompt_id)
        if index is None:
            self._arrived()
            return
        box = view.widget_for(index)

        def focus() -> None:
            if isinstance(box, PromptBox):
                box.focus_input(scroll_visible=scroll)
            self._arrived()

        self.screen.call_after_refresh(focus)

    def to_anchor(self, slug: str, then: Callable[[], None] | None = None) -> None:
        """Put the heading with this anchor at the top."""
        lesson = self.screen.lesson
        heading = lesson.heading(slug)
        if heading is None or heading.block >= len(lesson.blocks):
            self.screen.notify("That section is not in this lesson.", markup=False)
            if then is not None:
                then()
            return
        origin = lesson.blocks[heading.block].lines[0]
        self.screen.view.go_to(Place(heading.block, line=heading.line - origin), then=then)

    # -- search matches ------------------------------------------------------------

    def to_match(self, found: Found, then: Callable[[], None] | None = None) -> None:
        """Put the first line holding `found.text` in its block at the top, and
        highlight every match in that block."""
        self.clear_highlight()
        view = self.screen.view
        needle = found.text.lower()
        place = Place(min(found.block, len(self.screen.lesson.blocks)))
        indexes = [i for i, part in enumerate(view.parts) if part.block == found.block]
        for index in indexes:
            widget = view.widget_for(index)
            texts = [widget] if isinstance(widget, ProseText) else []
            texts += list(widget.query(ProseText))
            for prose in texts:
                at = self._highlight(prose, needle)
                part = view.parts[index]
                if at is not None and place.line is None and prose is widget and part.origin >= 0:
                    line, chars = at
                    place = replace(place, line=max(line - part.origin, 0), chars=chars)
        view.go_to(place, then=then)

    def _highlight(self, prose: ProseText, needle: str) -> tuple[int, int] | None:
        """Highlight `needle` in `prose`; return (source line, chars) of the first."""
        first: tuple[int, int] | None = None
        pieces = list(prose.pieces)
        for number, piece in enumerate(pieces):
            plain = piece.content.plain
            lowered = plain.lower()
            start = lowered.find(needle)
            if start < 0 or not needle:
                continue
            if first is None:
                before = plain[:start]
                first = (piece.line, len(before) - before.count(" ") - before.count("\n"))
            content: Content = piece.content
            while start >= 0:
                content = content.stylize(HIGHLIGHT, start, start + len(needle))
                start = lowered.find(needle, start + len(needle))
            pieces[number] = replace(piece, content=content)
        if first is not None:
            self._lit.append((prose, prose.pieces))
            prose.set_pieces(pieces)
        return first

    def clear_highlight(self) -> bool:
        """Remove search highlights; return whether there were any."""
        lit, self._lit = self._lit, []
        for prose, pieces in lit:
            prose.set_pieces(pieces)
        return bool(lit)

    # -- recording -----------------------------------------------------------------

    def changed(self) -> None:
        """The view scrolled or focus moved: record the place once things are still."""
        if not self.restored:
            return
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.screen.set_timer(RECORD_DELAY, self._record)

    def _record(self) -> None:
        self._timer = None
        self.remember()
        self.screen.tutor.changed(quiet=True)

    def remember(self) -> None:
        """Store the place at the top of the view, and the focused prompt."""
        screen = self.screen
        if not screen.lesson.ok or not self.restored or screen.view.placing:
            return
        view = screen.view
        place = view.place
        focused: Widget | None = screen.focused
        while focused is not None and not isinstance(focused, PromptBox):
            focused = focused.parent if isinstance(focused.parent, Widget) else None
        prompt_id = focused.prompt.id if isinstance(focused, PromptBox) else None
        screen.tutor.store.set_resume(
            screen.lesson.id,
            min(place.block, len(screen.lesson.blocks)),
            view.block_rows(place),
            prompt_id,
            line=place.line,
            chars=place.chars,
        )
