"""Reading positions in a `LessonView`: which text is at the top of the view, named so
that it is found again after the lesson is wrapped to another width.

A `Place` names the top row by the lesson block, and in prose by the source line of the
piece of text (paragraph, heading, list item…) and how far into it the row starts
(`ProseText.row_key`). Outside prose (a prompt, a callout) it counts screen rows from
the top of the part, the blank line above it included. Blank lines between parts come
from margins, which never depend on the width, so both are exact at the same width.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.errors import NoWidget
from textual.widget import Widget

from leadtutor.ui.widgets.prose import ProseText

if TYPE_CHECKING:
    from leadtutor.core import Heading, Lesson
    from leadtutor.ui.widgets.lesson_view import LessonView


@dataclass(frozen=True)
class Place:
    """A reading position (stored as a `ResumePoint` by the lesson screen)."""

    block: int
    """Index of the lesson block at the top (`len(blocks)`: the end checklist)."""
    part: int = 0
    """Which part of that block (a prose block is cut at its headings)."""
    rows: int = 0
    """Screen rows from the top of that part (its blank line above included)."""
    line: int | None = None
    """Prose: the source line of the piece at the top, from the block's first line."""
    chars: int = 0
    """Prose: how far into the piece (see `ProseText.row_key`)."""


def gap_above(view: LessonView, index: int) -> int:
    """Blank rows between part `index` and the part before it (margins collapse)."""
    margin = view.widgets[index].styles.margin.top
    if index == 0:
        return margin
    return max(margin, view.widgets[index - 1].styles.margin.bottom)


def outer_top(view: LessonView, index: int) -> int:
    """The row where part `index` starts, its blank line above included."""
    return view.widgets[index].virtual_region.y - gap_above(view, index)


def part_at_top(view: LessonView) -> int | None:
    """The part at the top row of the view, or below a blank row there; found from what
    is on screen, so nothing needs laying out. `None` if it cannot tell."""
    region = view.content_region
    x = region.x + region.width // 2
    for dy in range(min(region.height, 4)):
        try:
            widget, _ = view.screen.get_widget_at(x, region.y + dy)
        except NoWidget:
            return None
        node: Widget | None = widget
        while node is not None and node is not view and node.parent is not view:
            parent = node.parent
            node = parent if isinstance(parent, Widget) else None
        if node is view:
            continue  # a blank row between parts: the part below holds it
        return view.index_of.get(node) if node is not None else None
    return None


def part_containing(view: LessonView, y: int) -> int:
    """The first part whose bottom is below row `y` (measured: may lay out)."""
    for index, widget in enumerate(view.widgets):
        region = widget.virtual_region
        if y < region.y + region.height:
            return index
    return max(view.built - 1, 0)


def place_at_top(view: LessonView, *, exact: bool = False) -> Place | None:
    """The place at the top of the view now (`exact`: measure every part instead of
    asking what is on screen, for a frame that has not been drawn yet)."""
    if not view.widgets:
        return None
    top = round(view.scroll_y)
    index = None if exact else part_at_top(view)
    if index is None:
        index = part_containing(view, top)
    widget, part = view.widgets[index], view.parts[index]
    region = widget.virtual_region
    if region.height == 0:
        return None  # not laid out yet
    first = view.first_part_of_block(part.block)
    rows = max(top - (region.y - gap_above(view, index)), 0)
    if part.first_line >= 0 and isinstance(widget, ProseText):
        key = widget.row_key(top - region.y)
        if key is not None and key[0] >= 0:
            line = max(key[0] - part.origin, 0)
            return Place(part.block, index - first, rows, line, key[1])
    return Place(part.block, index - first, rows)


def part_for(view: LessonView, place: Place) -> int:
    """The index of the part that holds `place`."""
    parts = view.parts
    first = view.first_part_of_block(place.block)
    same = [i for i in range(first, len(parts)) if parts[i].block == parts[first].block]
    if place.line is not None:
        prose = [i for i in same if parts[i].first_line >= 0]
        if prose:
            target = parts[prose[0]].origin + place.line
            chosen = prose[0]
            for index in prose:
                if parts[index].first_line <= target:
                    chosen = index
            return chosen
    return same[min(place.part, len(same) - 1)] if same else first


def y_of(view: LessonView, place: Place) -> int | None:
    """The scroll offset that puts `place` at the top, or `None` until its part is
    built and laid out."""
    index = part_for(view, place)
    if index >= view.built:
        return None
    widget, part = view.widgets[index], view.parts[index]
    region = widget.virtual_region
    if not widget.is_mounted or region.height == 0:
        return None
    if place.line is not None and part.first_line >= 0 and isinstance(widget, ProseText):
        return max(region.y + widget.row_of(part.origin + place.line, place.chars), 0)
    gap = gap_above(view, index)
    rows = min(place.rows, gap + region.height - 1)  # measured at another width: stay in it
    return max(region.y - gap + rows, 0)


def section_at(lesson: Lesson, block: int, line: int | None, chars: int = 0) -> Heading | None:
    """The heading of the section at a place (the one the reader is in), or `None` above
    the first heading.

    Args:
        lesson: The lesson.
        block: The block at the top of the view.
        line: In prose, the source line of the piece at the top, from the block's first
            line (see `Place`); `None` elsewhere.
        chars: How far into that piece; negative: blank lines above it, so a heading
            starting there is still below the top.
    """
    blocks = lesson.blocks
    if block >= len(blocks):
        return lesson.headings[-1] if lesson.headings else None
    start = blocks[block].lines[0]
    if line is not None:
        top = start + line
        inside = [h for h in lesson.headings if h.line < top or (h.line == top and chars >= 0)]
    elif block == 0:
        return None  # the lesson's introduction, above its first words
    else:
        inside = [h for h in lesson.headings if h.line <= start]
    return inside[-1] if inside else None
