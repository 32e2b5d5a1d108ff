"""`Wrapped`: text that wraps with hanging indents at whatever width it is drawn, for
places that take a Visual rather than a widget (an `OptionList` option, a `Static`).

The course map's lesson titles, the journal's rows and the help screen's descriptions
wrap under their own first letter at 40 columns as at 120, instead of under the mark
or the key. Layout is `ProseText`'s (`widgets/prose.layout`), cached per width.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

from leadtutor.ui.render import Piece
from leadtutor.ui.widgets.prose import layout


def hanging(
    content: Content, first: Content | str = "", rest: Content | str | None = None
) -> Piece:
    """A piece whose wrapped lines line up under its text (after `first`).

    Args:
        content: The text.
        first: What goes before the first line (a mark, a key, spaces).
        rest: What goes before the other lines; spaces as wide as `first` by default.
    """
    lead = first if isinstance(first, Content) else Content(first)
    if rest is None:
        follow = Content(" " * lead.cell_length)
    else:
        follow = rest if isinstance(rest, Content) else Content(rest)
    return Piece(content, lead, follow, gap=0)


class Wrapped(Visual):
    """Pieces laid out at the width they are given (see `widgets/prose.layout`).

    `pieces` may be a function of the width, for content that itself depends on it
    (a progress bar that shrinks on a narrow screen).
    """

    def __init__(self, pieces: Sequence[Piece] | Callable[[int], Sequence[Piece]]) -> None:
        self.pieces = pieces
        self._cache: tuple[int, list[Content]] = (-1, [])

    def pieces_at(self, width: int) -> Sequence[Piece]:
        """The pieces to lay out at `width`."""
        return self.pieces(width) if callable(self.pieces) else self.pieces

    @property
    def plain(self) -> str:
        """The text without styles or wrapping (one line per piece), for tests and search."""
        return "\n".join(p.first.plain + p.content.plain for p in self.pieces_at(80))

    def __str__(self) -> str:
        return self.plain

    def lines(self, width: int) -> list[Content]:
        """The wrapped lines at `width` (cached)."""
        if self._cache[0] != width:
            pieces = self.pieces_at(width)
            self._cache = (width, layout(pieces, max(width, 1)) if pieces else [])
        return self._cache[1]

    def content(self, width: int) -> Content:
        """The lines at `width`, joined."""
        return Content("\n").join(self.lines(width))

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        return self.content(width).render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return max(
            (
                piece.first.cell_length + piece.content.cell_length
                for piece in self.pieces_at(container_width)
            ),
            default=0,
        )

    def get_height(self, rules: RulesMap, width: int) -> int:
        return len(self.lines(width))
