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

EAGER_LIMIT = 120
"""Lessons with at most this many parts are completed in the background."""
CHUNK = 6
"""Parts mounted per background step."""
BACKGROUND_DELAY = 0.3
"""Seconds after the first screen before the rest is built (so it never delays it)."""


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
        self.spacer = Spacer()

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

    def part_at(self, y: int) -> tuple[int, int]:
        """Return (part index, line offset within it) for a scroll position."""
        for index, widget in enumerate(self.widgets):
            top = widget.virtual_region.y
            if y < top + widget.outer_size.height:
                return index, max(0, y - top)
        return max(self.built - 1, 0), 0

    def position(self) -> tuple[int, int]:
        """The lesson block at the top of the view, and the lines scrolled into it."""
        top = round(self.scroll_y)
        index, offset = self.part_at(top)
        block = self.parts[index].block if self.parts else 0
        first = self.first_part_of_block(block)
        if first < index:
            offset = top - self.widgets[first].virtual_region.y
        return block, max(offset, 0)

    def go_to(self, block: int, offset: int, then: Callable[[], None] | None = None) -> None:
        """Scroll so that lesson block `block` is `offset` lines above the top."""
        widget = self.widget_for(self.first_part_of_block(block))

        def place() -> None:
            self.scroll_to(y=widget.virtual_region.y + offset, animate=False, immediate=True)
            if then is not None:
                then()

        self.call_after_refresh(place)

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
            node.focusable for widget in self.widgets[current + 1 :] for node in widget.query("*")
        )

    def prompt_on_screen(self, *, last: bool = False) -> Widget | None:
        """The first (or last) mounted prompt whose top is inside the viewport."""
        top, bottom = self.scroll_y, self.scroll_y + self.size.height
        visible = [
            widget
            for part, widget in zip(self.parts, self.widgets, strict=False)
            if part.prompt_id and top <= widget.virtual_region.y < bottom
        ]
        if not visible:
            return None
        return visible[-1] if last else visible[0]

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
        if self.built < len(self.parts):
            bottom = new + self.size.height * 2
            if bottom >= self.spacer.virtual_region.y:
                self.build_until(self.built + CHUNK - 1)
