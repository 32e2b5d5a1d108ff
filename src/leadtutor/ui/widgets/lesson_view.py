"""`LessonView`: the scrolling lesson, built lazily part by part.

A lesson is a list of parts (prose sections split at headings, callouts, prompts, and
the end-of-lesson checklist). Only the parts near the viewport are mounted at first;
the rest is represented by one spacer of estimated height and mounted as the learner
scrolls, jumps or tabs towards it. A normal lesson is completed in the background a
few parts at a time; a very long one is built only on demand, so opening it costs
about the same as opening a short one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual.containers import VerticalScroll
from textual.widget import Widget

from leadtutor.ui.widgets.place import Place, outer_top, part_for, place_at_top, y_of

EAGER_LIMIT = 120
"""Lessons with at most this many parts are completed in the background."""
CHUNK = 6
"""Parts mounted per background step."""
BACKGROUND_DELAY = 0.3
"""Seconds after the first screen before the rest is built (so it never delays it)."""
SETTLE_TRIES = 30
"""Most frames a `go_to` waits for the layout to settle."""


@dataclass(frozen=True)
class Part:
    """One mountable piece of a lesson."""

    block: int
    """Index into `Lesson.blocks` (the end-of-lesson part uses `len(blocks)`)."""
    build: Callable[[], Widget]
    estimate: int
    """Estimated height in lines, used until the part is mounted."""
    anchors: tuple[str, ...] = ()
    """Heading anchors inside the part."""
    prompt_id: str = ""
    first_line: int = -1
    """Prose: the 0-based source line the part's text starts on (-1: not prose)."""
    origin: int = -1
    """Prose: the 0-based source line of its block's first line."""


class Spacer(Widget, can_focus=False):
    """Stands in for the parts not mounted yet."""

    DEFAULT_CSS = "Spacer { height: 0; }"


class LessonView(VerticalScroll, can_focus=True):
    """The lesson column: at most about 90 cells wide, centred."""

    DEFAULT_CSS = """
    LessonView {
        scrollbar-gutter: stable;
        align-horizontal: center;
        padding: 0 2 0 1;
    }
    LessonView > * { width: 100%; max-width: 90; }
    LessonView > ProseText { margin: 1 0 0 0; }
    LessonView > .lesson-intro { border-left: tall $primary 40%; padding: 0 1; margin: 1 0 1 0; }
    """

    def __init__(self, parts: list[Part], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.parts = parts
        self.widgets: list[Widget] = []
        self.index_of: dict[Widget, int] = {}
        """Part index of each built widget."""
        self.spacer = Spacer()
        self._place = Place(0)
        self._place_y = 0
        """The scroll offset `_place` was measured (or put) at."""
        self._place_width = 0
        """The width it was measured at; another width means the text re-wrapped."""
        self._placing = False
        self._note_pending = False
        self._generation = 0
        self._then: list[Callable[[], None]] = []
        """Called once the current `go_to` has arrived."""

    def compose(self):  # type: ignore[no-untyped-def]
        yield self.spacer

    @property
    def built(self) -> int:
        """How many parts are mounted."""
        return len(self.widgets)

    def on_mount(self) -> None:
        screen_height = max(self.app.size.height, 24)
        total = 0
        index = 0
        while index < len(self.parts) - 1 and total <= screen_height:
            total += self.parts[index].estimate
            index += 1
        self.build_until(index)
        if len(self.parts) <= EAGER_LIMIT:
            self.set_timer(BACKGROUND_DELAY, self._background)

    def build_until(self, index: int) -> list[Widget]:
        """Mount every part up to `index` (inclusive); return the new widgets."""
        index = min(index, len(self.parts) - 1)
        if index < self.built:
            return []
        new = [part.build() for part in self.parts[self.built : index + 1]]
        self.index_of.update((widget, self.built + n) for n, widget in enumerate(new))
        self.widgets.extend(new)
        with self.app.batch_update():
            self.mount_all(new, before=self.spacer)
            self._size_spacer()
        return new

    def build_all(self) -> None:
        """Mount everything (e.g. before searching the whole lesson)."""
        self.build_until(len(self.parts) - 1)

    def widget_for(self, index: int) -> Widget:
        """Return the widget of part `index`, mounting it (and those before) if needed."""
        self.build_until(index)
        return self.widgets[index]

    # -- the reading position (see `place.py`) ------------------------------------

    @property
    def place(self) -> Place:
        """Where the reader is: the place at the top of the view."""
        moved = not self._placing and round(self.scroll_y) != self._place_y
        if moved and self.size.width == self._place_width:  # same layout: measure it now
            self._take_place(exact=True)
        return self._place

    def go_to(self, place: Place, then: Callable[[], None] | None = None) -> None:
        """Scroll so `place` is at the top, once the parts it needs are laid out.

        Until it is there (`placing`), scrolling does not change `place`, so a restore
        that has not happened yet never replaces the place it is going to.
        """
        self._placing = True
        self._place = place
        self._generation += 1
        if then is not None:
            self._then.append(then)  # a later go_to takes over, but still calls it
        self.build_until(part_for(self, place))
        self._settle(place, self._generation, 0, None)

    @property
    def placing(self) -> bool:
        """Whether a `go_to` is still waiting for the layout."""
        return self._placing

    def block_rows(self, place: Place) -> int:
        """`place` as screen lines from the top of its block (for `scroll`)."""
        first = self.first_part_of_block(place.block)
        index = min(first + place.part, self.built - 1)
        if index <= first or index < 0:
            return place.rows
        return max(outer_top(self, index) - outer_top(self, first) + place.rows, 0)

    def _settle(self, place: Place, generation: int, tries: int, last: int | None) -> None:
        def step() -> None:
            if generation != self._generation:
                return  # another go_to took over
            y = y_of(self, place)
            if y is not None and round(self.scroll_y) != y:
                self.scroll_to(y=y, animate=False, immediate=True)
            at = round(self.scroll_y)
            stable = y is not None and y == last and at == min(y, round(self.max_scroll_y))
            if stable or tries >= SETTLE_TRIES:
                self._placing = False
                self._place, self._place_y, self._place_width = place, at, self.size.width
                waiting, self._then = self._then, []
                for then in waiting:
                    then()
                return
            self._settle(place, generation, tries + 1, y)

        self.call_after_refresh(step)

    def _take_place(self, *, exact: bool = False) -> None:
        found = place_at_top(self, exact=exact)
        if found is not None and not exact and y_of(self, found) != round(self.scroll_y):
            # what is on screen was drawn before the last scroll (a scroll made in the
            # same handler as other changes, like tab revealing a link): measure instead
            found = place_at_top(self, exact=True)
        if found is not None:
            self._place = found
            self._place_y, self._place_width = round(self.scroll_y), self.size.width

    def _note_place(self) -> None:
        """After a frame in which the view scrolled: remember the new place (cheap: the
        part at the top is on screen, so nothing is laid out to find it)."""
        self._note_pending = False
        if self._placing or self.size.width != self._place_width:
            return  # a go_to is pending, or a resize is about to re-apply the place
        if round(self.scroll_y) != self._place_y:
            self._take_place()

    def on_resize(self) -> None:
        """Another width re-wraps the text: put the same text back at the top."""
        width = self.size.width
        if self._place_width <= 0:
            self._place_width = width
        elif width != self._place_width and not self._placing:
            self.go_to(self._place)

    def focusable_ahead(self, focused: Widget | None) -> bool:
        """Whether a mounted part after the one holding `focused` can take focus (or
        everything is mounted already)."""
        if self.built >= len(self.parts):
            return True
        current = -1
        for index, widget in enumerate(self.widgets):
            if focused is not None and (focused is widget or widget in focused.ancestors):
                current = index
        return any(
            node.focusable
            for widget in self.widgets[current + 1 :]
            for node in [widget, *widget.query("*")]
        )

    def first_part_of_block(self, block: int) -> int:
        """Return the index of the first part made from lesson block `block`."""
        for index, part in enumerate(self.parts):
            if part.block >= block:
                return index
        return len(self.parts) - 1

    def part_of_prompt(self, prompt_id: str) -> int | None:
        """Return the part index of a prompt."""
        return next((i for i, p in enumerate(self.parts) if p.prompt_id == prompt_id), None)

    def part_of_anchor(self, slug: str) -> int | None:
        """Return the part index holding a heading anchor."""
        return next((i for i, p in enumerate(self.parts) if slug in p.anchors), None)

    def _size_spacer(self) -> None:
        rest = sum(part.estimate for part in self.parts[self.built :])
        self.spacer.styles.height = rest

    def _background(self) -> None:
        if self.built < len(self.parts):
            self.build_until(self.built + CHUNK - 1)
            self.set_timer(0.02, self._background)

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        if not self._note_pending and not self._placing:
            self._note_pending = True
            self.call_after_refresh(self._note_place)
        if self.built < len(self.parts):
            bottom = new + self.size.height * 2
            if bottom >= self.spacer.virtual_region.y:
                self.build_until(self.built + CHUNK - 1)
