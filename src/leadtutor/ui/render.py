"""Render markdown-it tokens to Textual `Content`, one piece per block.

This replaces Textual's `Markdown` widget for lesson prose: it builds a handful of
`Content` objects instead of ~10 widgets per block, so a long lesson opens in about
the time it takes to parse. Lesson text only ever becomes `Content(text)` with spans:
it is never read as Rich or Textual markup. Link clicks become a `link(href)` action
whose argument Textual parses with `ast.literal_eval`, so an href cannot run anything.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Final

from markdown_it.token import Token
from textual.content import Content, Span
from textual.style import Style

from leadtutor.core.markdown import CODE_LANGUAGES
from leadtutor.ui.table import TableText

HIGHLIGHT_LANGUAGES: Final = CODE_LANGUAGES
"""Languages highlighted in code blocks. Anything else is plain: never guess (Pygments'
guessing is quadratic on some input)."""
MAX_HIGHLIGHT_CHARS: Final = 20_000
"""Longer code blocks are shown plain."""

BULLETS: Final = ("•", "◦", "▪")
HEADING_STYLES: Final = {
    1: "bold underline $text-accent",
    2: "bold $text-accent",
    3: "bold $text-primary",
}


@dataclass(frozen=True)
class Piece:
    """One block of prose: its text plus how to indent it when wrapped."""

    content: Content
    first: Content = field(default_factory=Content)
    """Prefix of the first wrapped line (a bullet, a quote bar)."""
    rest: Content = field(default_factory=Content)
    """Prefix of the following lines (spaces, or the quote bar again)."""
    gap: int = 1
    """Blank lines before this piece (ignored for the first piece)."""
    kind: str = "p"
    """`p`, `h1`…`h6`, `li`, `quote`, `code`, `hr`, `table`."""
    anchor: str = ""
    """For headings: the slug that `#anchor` links target."""
    preformatted: bool = False
    """Code: lines are kept as they are (folded only if too long) instead of re-wrapped."""
    table: TableText | None = None
    """Tables lay themselves out for the available width."""
    line: int = -1
    """The 0-based source line the piece starts on (-1 if it has none), so a reading
    position can name the text at the top of the screen."""


def inline(token: Token | None, base: str = "") -> Content:
    """Convert an inline token's children to Content (emphasis, code, links, images)."""
    if token is None or not token.children:
        return Content.styled(token.content if token else "", base)
    parts: list[str] = []
    spans: list[Span] = []
    stack: list[tuple[Style | str, int]] = []
    position = 0

    def add(text: str) -> None:
        nonlocal position
        parts.append(text)
        position += len(text)

    def close() -> None:
        if stack:
            style, start = stack.pop()
            if position > start:
                spans.append(Span(start, position, style))

    for child in token.children:
        kind = child.type
        if kind == "text":
            add(child.content)
        elif kind == "softbreak":
            add(" ")
        elif kind == "hardbreak":
            add("\n")
        elif kind == "code_inline":
            start = position
            add(child.content)
            spans.append(Span(start, position, "$text-warning"))
        elif kind == "em_open":
            stack.append(("italic", position))
        elif kind == "strong_open":
            stack.append(("bold", position))
        elif kind == "s_open":
            stack.append(("strike", position))
        elif kind == "link_open":
            href = str(child.attrs.get("href", ""))
            stack.append((_link_style(href), position))
        elif kind == "image":
            start = position
            alt = child.content or "image"
            add(f"[image: {alt}]")
            spans.append(Span(start, position, _link_style(str(child.attrs.get("src", "")))))
        elif kind == "html_inline" and "task-list-item-checkbox" in child.content:
            add("☑ " if 'checked="checked"' in child.content else "☐ ")
        elif kind == "html_inline":
            add(child.content)
        elif kind.endswith("_close"):
            close()
    while stack:
        close()
    content = Content("".join(parts), spans)
    return content.stylize_before(base) if base else content


def _link_style(href: str) -> Style:
    return Style(underline=True) + Style.from_meta({"@click": f"link({href!r})", "href": href})


def render(tokens: Sequence[Token], anchors: Sequence[str] = ()) -> list[Piece]:
    """Render block tokens (a prose block, a callout body) to pieces.

    Args:
        tokens: Block-level tokens.
        anchors: Slugs for the top-level headings, in order (from the lesson model).
    """
    return list(_Renderer(tokens, anchors).pieces())


class _Renderer:
    def __init__(self, tokens: Sequence[Token], anchors: Sequence[str]) -> None:
        self.tokens = tokens
        self.index = 0
        self.anchors = iter(anchors)

    def pieces(self) -> Iterator[Piece]:
        yield from self._blocks(level=0, prefix=Content(), quote=0)

    def _blocks(self, level: int, prefix: Content, quote: int) -> Iterator[Piece]:
        tokens = self.tokens
        while self.index < len(tokens):
            token = tokens[self.index]
            if token.nesting == -1:
                return
            self.index += 1
            kind = token.type
            if kind == "paragraph_open":
                text = inline(tokens[self.index], "italic" if quote else "")
                self.index += 2
                yield Piece(
                    text, prefix, prefix, kind="quote" if quote else "p", line=_start(token)
                )
            elif kind == "heading_open":
                text = inline(tokens[self.index], HEADING_STYLES.get(int(token.tag[1]), "bold"))
                self.index += 2
                anchor = next(self.anchors, "") if token.level == 0 else ""
                yield Piece(text, prefix, prefix, kind=token.tag, anchor=anchor, line=_start(token))
            elif kind in ("bullet_list_open", "ordered_list_open"):
                yield from self._list(token, prefix, quote, depth=level)
                self.index += 1
            elif kind == "blockquote_open":
                bar = prefix + Content.styled("▌ ", "$primary")
                yield from self._blocks(level, bar, quote + 1)
                self.index += 1
            elif kind in ("fence", "code_block", "colon_fence"):
                yield replace(_code(token, prefix), line=_start(token))
            elif kind == "hr":
                rule = Content.styled("─" * 40, "dim")
                yield Piece(rule, prefix, prefix, kind="hr", line=_start(token))
            elif kind == "table_open":
                self.index -= 1
                yield self._table(prefix)
            elif kind in ("html_block", "inline"):
                text = Content(token.content.rstrip("\n"))
                yield Piece(text, prefix, prefix, line=_start(token))
            elif token.nesting == 1:
                yield from self._blocks(level, prefix, quote)
                self.index += 1

    def _list(self, opening: Token, prefix: Content, quote: int, depth: int) -> Iterator[Piece]:
        ordered = opening.type == "ordered_list_open"
        number = int(opening.attrs.get("start", 1) or 1) if ordered else 0
        tight = _tight(self.tokens, self.index)
        first_item = True
        while self.index < len(self.tokens) and self.tokens[self.index].type == "list_item_open":
            self.index += 1
            marker = f"{number}. " if ordered else f"{BULLETS[depth % len(BULLETS)]} "
            number += 1
            lead = prefix + Content.styled(marker, "$text-secondary")
            hang = prefix + Content(" " * len(marker))
            first_in_item = True
            for piece in self._blocks(depth + 1, hang, quote):
                gap = piece.gap if not first_in_item else (0 if tight and not first_item else 1)
                if first_in_item:
                    yield replace(piece, first=lead, gap=gap, kind="li")
                else:
                    yield replace(piece, gap=0 if tight else 1)
                first_in_item = False
            first_item = False
            self.index += 1  # list_item_close

    def _table(self, prefix: Content) -> Piece:
        line = _start(self.tokens[self.index])
        rows: list[list[Content]] = []
        header_rows = 0
        in_head = False
        while self.index < len(self.tokens):
            token = self.tokens[self.index]
            self.index += 1
            if token.type == "thead_open":
                in_head = True
            elif token.type == "thead_close":
                in_head = False
            elif token.type == "tr_open":
                rows.append([])
                header_rows += 1 if in_head else 0
            elif token.type == "inline":
                rows[-1].append(inline(token, "bold" if in_head else ""))
            elif token.type == "table_close":
                break
        table = TableText(rows, header_rows)
        return Piece(Content(), prefix, prefix, kind="table", table=table, line=line)


def _start(token: Token) -> int:
    return token.map[0] if token.map else -1


def _tight(tokens: Sequence[Token], index: int) -> bool:
    for token in tokens[index:]:
        if token.type == "paragraph_open":
            return token.hidden
        if token.type in ("bullet_list_close", "ordered_list_close"):
            break
    return True


def _code(token: Token, prefix: Content) -> Piece:
    code = token.content.rstrip("\n")
    language = (token.info or "").strip().split(maxsplit=1)[0].lower() if token.info else ""
    if language in HIGHLIGHT_LANGUAGES and len(code) <= MAX_HIGHLIGHT_CHARS:
        from textual.highlight import highlight

        text = highlight(code, language=language)
    else:
        text = Content(code)
    bar = prefix + Content.styled("│ ", "dim")
    return Piece(text, bar, bar, kind="code", preformatted=True)
