"""`ProseText`: a block of rendered Markdown in a single widget.

It wraps each piece itself so that list items and quotes keep a hanging indent, caches
the layout per width, and turns link clicks into a `LinkClicked` message for the
screen to decide on. It never opens anything itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.widget import Widget

from leadtutor.ui.render import Piece

MIN_TEXT_WIDTH = 12


def layout(pieces: Sequence[Piece], width: int) -> list[Content]:
    """Wrap `pieces` to `width` cells, with prefixes and blank lines between pieces."""
    lines: list[Content] = []
    previous: Piece | None = None
    for piece in pieces:
        if previous is not None and piece.gap:
            gap = _common_prefix(previous.rest, piece.rest).rstrip()
            lines.extend([gap] * piece.gap)
        room = max(width - piece.first.cell_length, MIN_TEXT_WIDTH)
        if piece.table is not None:
            body = piece.table.lines(room)
        elif piece.kind == "hr":
            body = [Content.styled("─" * room, "dim")]
        elif piece.preformatted:
            body = [
                part for line in piece.content.split("\n") for part in (line.fold(room) or [line])
            ]
        else:
            body = piece.content.wrap(room) or [Content()]
        for number, line in enumerate(body):
            lines.append((piece.first if number == 0 else piece.rest) + line)
        previous = piece
    return lines


def _common_prefix(a: Content, b: Content) -> Content:
    size = 0
    for x, y in zip(a.plain, b.plain, strict=False):
        if x != y:
            break
        size += 1
    return b[:size]


class ProseText(Widget, can_focus=False):
    """Rendered prose: headings, paragraphs, lists, quotes, code and tables."""

    DEFAULT_CSS = """
    ProseText {
        height: auto;
        width: 1fr;
    }
    """

    @dataclass
    class LinkClicked(Message):
        """The learner clicked a link; the screen decides what (if anything) happens."""

        prose: ProseText
        href: str

        @property
        def control(self) -> ProseText:
            """The widget holding the link."""
            return self.prose

    def __init__(
        self, pieces: Sequence[Piece], *, id: str | None = None, classes: str = ""
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.pieces = tuple(pieces)
        self._cache: tuple[int, list[Content]] = (-1, [])

    def set_pieces(self, pieces: Sequence[Piece]) -> None:
        """Replace the content and lay it out again."""
        self.pieces = tuple(pieces)
        self._cache = (-1, [])
        self.refresh(layout=True)

    def lines(self, width: int) -> list[Content]:
        """The wrapped lines at `width` (cached)."""
        if self._cache[0] != width:
            self._cache = (width, layout(self.pieces, width))
        return self._cache[1]

    def anchor_line(self, slug: str) -> int | None:
        """Return the line offset of the heading with this anchor at the current width."""
        width = self.content_region.width or 80
        line = 0
        previous: Piece | None = None
        for piece in self.pieces:
            if previous is not None:
                line += piece.gap
            if piece.anchor == slug:
                return line
            line += len(layout([piece], width))
            previous = piece
        return None

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width))

    def render(self) -> Content:
        return Content("\n").join(self.lines(self.content_region.width))

    def action_link(self, href: str) -> None:
        """Called by a click on a link span; forwards it to the screen."""
        self.post_message(self.LinkClicked(self, href))
