"""`ProseText`: a block of rendered Markdown in a single widget.

It wraps each piece itself so that list items and quotes keep a hanging indent, caches
the layout per width, and turns link clicks into a `LinkClicked` message for the
screen to decide on. It never opens anything itself.

Prose that holds links can take focus from the keyboard (never from a click): the lesson
screen's tab moves through its links one by one (`step_link`), the focused link is
shown reversed, and enter sends the same `LinkClicked` as a click would.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.style import Style
from textual.widget import Widget

from leadtutor.ui.render import Piece

MIN_TEXT_WIDTH = 12
FOCUSED_LINK = Style(reverse=True, bold=True)
"""How the link tab has reached is shown (by shape, so also without colour)."""


@dataclass(frozen=True)
class LinkSpot:
    """Where a link is in a `ProseText`'s pieces."""

    piece: int
    start: int
    end: int
    href: str


def layout(
    pieces: Sequence[Piece], width: int, starts: list[tuple[int, int]] | None = None
) -> list[Content]:
    """Wrap `pieces` to `width` cells, with prefixes and blank lines between pieces.

    Args:
        pieces: What to lay out.
        width: The width in cells.
        starts: If given, receives per piece the row its blank lines start on and the
            row its text starts on.
    """
    lines: list[Content] = []
    previous: Piece | None = None
    for piece in pieces:
        gap_start = len(lines)
        if previous is not None and piece.gap:
            gap = _common_prefix(previous.rest, piece.rest).rstrip()
            lines.extend([gap] * piece.gap)
        if starts is not None:
            starts.append((gap_start, len(lines)))
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


def _weight(piece: Piece, line: Content, first: bool) -> int:
    """How much of a piece one laid-out row holds: its characters without the prefix,
    not counting spaces; in code every character counts, plus one for the line end (so
    a blank code line still counts)."""
    prefix = piece.first if first else piece.rest
    text = line.plain[len(prefix.plain) :]
    if piece.preformatted:
        return len(text) + 1
    return len(text) - text.count(" ")


def _common_prefix(a: Content, b: Content) -> Content:
    size = 0
    for x, y in zip(a.plain, b.plain, strict=False):
        if x != y:
            break
        size += 1
    return b[:size]


class ProseText(Widget):
    """Rendered prose: headings, paragraphs, lists, quotes, code and tables."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "follow", "Open link"),
    ]

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
        self._cache: tuple[int, list[Content], list[tuple[int, int]]] = (-1, [], [])
        self._links: tuple[LinkSpot, ...] | None = None
        self.link: int | None = None
        """The index of the link tab has reached (shown reversed), if any."""

    def set_pieces(self, pieces: Sequence[Piece]) -> None:
        """Replace the content and lay it out again."""
        self.pieces = tuple(pieces)
        self._cache = (-1, [], [])
        self._links = None
        self.refresh(layout=True)

    # -- links by keyboard -----------------------------------------------------------

    @property
    def links(self) -> tuple[LinkSpot, ...]:
        """The links in reading order (found on first use, so building costs nothing)."""
        if self._links is None:
            found = []
            for number, piece in enumerate(self.pieces):
                for span in piece.content.spans:
                    style = span.style
                    meta = style.meta if isinstance(style, Style) else {}
                    if "href" in meta:
                        found.append(LinkSpot(number, span.start, span.end, str(meta["href"])))
            self._links = tuple(found)
        return self._links

    def allow_focus(self) -> bool:
        """Only prose with links joins the tab order."""
        return bool(self.links)

    def focus_on_click(self) -> bool:
        """A click follows a link; it never moves the focus into the text."""
        return False

    def show_link(self, index: int | None) -> None:
        """Show link `index` as the focused one (`None`: none)."""
        if index is not None and not 0 <= index < len(self.links):
            index = None
        if index != self.link:
            self.link = index
            self._cache = (-1, [], [])
            self.refresh()

    def step_link(self, step: int) -> bool:
        """Move to the next (`step` 1) or previous (-1) link; False past either end."""
        if self.link is None:
            return False
        index = self.link + step
        if not 0 <= index < len(self.links):
            return False
        self.show_link(index)
        return True

    def link_rows(self) -> list[int]:
        """The row (at the current width) each link starts on."""
        rows = []
        for spot in self.links:
            before = self.pieces[spot.piece].content.plain[: spot.start]
            chars = len(before) - before.count(" ") - before.count("\n")
            rows.append(self._row_in(spot.piece, chars))
        return rows

    def on_blur(self) -> None:
        self.show_link(None)

    def action_follow(self) -> None:
        """Enter: follow the focused link, as a click on it would."""
        if self.link is not None:
            self.post_message(self.LinkClicked(self, self.links[self.link].href))

    def lines(self, width: int) -> list[Content]:
        """The wrapped lines at `width` (cached)."""
        return self._laid_out(width)[0]

    def _laid_out(self, width: int) -> tuple[list[Content], list[tuple[int, int]]]:
        if self._cache[0] != width:
            starts: list[tuple[int, int]] = []
            self._cache = (width, layout(self._shown(), width, starts), starts)
        return self._cache[1], self._cache[2]

    def _shown(self) -> Sequence[Piece]:
        """The pieces, with the focused link (if any) reversed."""
        if self.link is None:
            return self.pieces
        spot = self.links[self.link]
        pieces = list(self.pieces)
        piece = pieces[spot.piece]
        content = piece.content.stylize(FOCUSED_LINK, spot.start, spot.end)
        pieces[spot.piece] = replace(piece, content=content)
        return pieces

    # -- naming a row by its text (reading positions) ------------------------------

    def row_key(self, row: int) -> tuple[int, int] | None:
        """Name `row` (at the current width) so it can be found again at any width.

        Returns:
            (source line of the piece, chars): `chars` >= 0 counts the characters of the
            piece above the row, not counting spaces; a negative `chars` is that many
            blank lines above the piece (rows above the widget count too). `None` if
            there is no text.
        """
        if not self.pieces:
            return None
        lines, starts = self._laid_out(self.content_region.width)
        if row < 0 or not lines:
            return self.pieces[0].line, min(row, 0)
        row = min(row, len(lines) - 1)
        index = bisect_right([gap for gap, _ in starts], row) - 1
        body = starts[index][1]
        if row < body:
            return self.pieces[index].line, row - body
        piece = self.pieces[index]
        return piece.line, sum(_weight(piece, lines[r], r == body) for r in range(body, row))

    def row_of(self, line: int, chars: int) -> int:
        """The row (at the current width) named by `row_key`; may be negative (above)."""
        if not self.pieces:
            return 0
        _, starts = self._laid_out(self.content_region.width)
        index = next((i for i, p in enumerate(self.pieces) if p.line == line), None)
        if index is None:
            before = [i for i, p in enumerate(self.pieces) if 0 <= p.line <= line]
            index = before[-1] if before else 0
        if chars < 0:
            return starts[index][1] + chars
        return self._row_in(index, chars)

    def _row_in(self, index: int, chars: int) -> int:
        """The row holding the character `chars` (not counting spaces) of piece `index`."""
        lines, starts = self._laid_out(self.content_region.width)
        body = starts[index][1]
        end = starts[index + 1][0] if index + 1 < len(starts) else len(lines)
        piece = self.pieces[index]
        seen = 0
        for row in range(body, end):
            seen += _weight(piece, lines[row], row == body)
            if seen > chars:
                return row
        return max(end - 1, body)

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
