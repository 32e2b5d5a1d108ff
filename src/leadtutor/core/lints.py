"""Lints over a lesson's tokens: mistakes that would otherwise pass silently.

`scan_tokens` walks the tokens of one piece of Markdown (the lesson's prose, or a
prompt's or callout's body) once. It collects links and images with their line and
column, and reports what a learner would see as typed by mistake: raw HTML, footnotes,
reference links with no definition, broken link syntax (all marked by
`markdown_rules.py`), a `#` title in the body, MyST backtick directives (```` ```{note}
````), and code blocks in a language that is not highlighted.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from typing import Final

from markdown_it.token import Token

from leadtutor.core.markdown import CODE_LANGUAGES
from leadtutor.core.model import Link
from leadtutor.core.problems import Problems, did_you_mean

_MESSAGES: Final = {
    "markdown.raw-html": (
        "raw HTML ('{text}') is shown to learners as typed, not rendered; use Markdown "
        "instead (HTML comments are fine: they are hidden)"
    ),
    "markdown.footnote": (
        "footnotes are not supported: '{text}' is shown as typed; put the note in "
        "brackets or under a '## Notes' heading"
    ),
    "link.undefined-reference": (
        "'{text}' is shown as typed: no '[{ref}]: url' line defines it; add one, or write "
        "the link inline as [text](url)"
    ),
    "link.syntax": (
        "'{text}' is shown as typed, not as a link: the target has a space or no closing "
        "')'; write spaces as %20 or put the target in <angle brackets>"
    ),
}
_UNCLOSED_COMMENT: Final = (
    "an HTML comment '<!--' that is never closed with '-->' is shown to learners as typed; "
    "close it (comments are hidden)"
)
_DIRECTIVE_INFO: Final = re.compile(r"\{([^{}\s]*)\}\s*(.*)")
_INDENTED_DIRECTIVE: Final = re.compile(r"\s*:{3,}\s*\{")
_SHORT_FENCE: Final = re.compile(r"(:{1,2})\{([A-Za-z][\w-]*)\}")
_NO_SPACE_HEADING: Final = re.compile(r"(#{1,6})([A-Za-z][^\n]*)")


class Locator:
    """Turns an offset in an inline token's text into a line and column of the file."""

    def __init__(self, lines: Sequence[str]) -> None:
        self.lines = lines
        self._newlines: tuple[str, list[int]] = ("", [])
        """The last inline text looked at and where its newlines are, so that many
        links in one long paragraph cost O(log n) each, not O(n) (issue 14)."""

    def _lines_before(self, content: str, pos: int) -> int:
        """`content.count("\\n", 0, pos)`, remembering the newlines of the last text."""
        if self._newlines[0] is not content:
            self._newlines = (content, [i for i, c in enumerate(content) if c == "\n"])
        return bisect.bisect_left(self._newlines[1], pos)

    def find(self, token: Token, pos: int, offset: int) -> tuple[int, int | None]:
        """Return the 1-based (line, column) of `token.content[pos]`.

        Args:
            token: An `inline` token.
            pos: Offset in `token.content`.
            offset: Lines before the first line of the Markdown `token` came from.
        """
        content = token.content
        first = (token.map[0] if token.map else 0) + offset
        start = content.rfind("\n", 0, pos) + 1
        end = content.find("\n", pos)
        piece = content[start : end if end >= 0 else len(content)]
        number = first + self._lines_before(content, start)
        if not 0 <= number < len(self.lines):
            return max(number + 1, 1), None
        source = self.lines[number].rstrip()
        trimmed = piece.rstrip()
        if trimmed and source.endswith(trimmed):
            at = len(source) - len(trimmed)
        else:
            at = source.find(piece.strip())
            if at < 0:
                return number + 1, None
            at -= len(piece) - len(piece.lstrip())
        return number + 1, max(at + pos - start, 0) + 1


def scan_tokens(
    tokens: Iterable[Token],
    offset: int,
    locator: Locator,
    problems: Problems,
    links: list[Link],
) -> None:
    """Collect links into `links` and report the lints above (see the module docstring).

    Args:
        tokens: Block tokens of one piece of Markdown.
        offset: Lines of the file before the first line of that Markdown.
        locator: Finds columns in the file's lines.
        problems: Where lints are reported.
        links: Receives every link and image, in order.
    """
    previous = ""
    for token in tokens:
        if token.type == "inline":
            _inline(token, offset, locator, problems, links)
            if previous == "paragraph_open":
                _paragraph(token, offset, problems)
        elif token.type == "heading_open" and token.tag == "h1":
            problems.warning(
                _line(token, offset),
                "markdown.h1",
                "a '#' title in the lesson body repeats the title the app already shows "
                "(from the front matter); use '##' for sections",
            )
        elif token.type == "code_block" and _INDENTED_DIRECTIVE.match(token.content):
            problems.error(
                _line(token, offset),
                "directive.not-top-level",
                "this directive is indented by four spaces or more, so it is shown as code; "
                "start the ':::' line at the left margin",
            )
        elif token.type == "fence":
            _fence(token, offset, problems)
            _unclosed_code(token, offset, locator.lines, problems)
        previous = token.type


def _paragraph(token: Token, offset: int, problems: Problems) -> None:
    """Lines that were meant as a directive or a heading but are shown as text."""
    first = _line(token, offset)
    for number, text in enumerate(token.content.split("\n"), start=first):
        directive = _SHORT_FENCE.match(text)
        if directive is not None:
            problems.error(
                number,
                "directive.syntax",
                f"a directive starts with three colons: ':::{{{directive[2]}}}' (found "
                f"'{directive[1]}{{{directive[2]}}}'); it is shown as text",
            )
    heading = _NO_SPACE_HEADING.fullmatch(token.content)
    if heading is not None:
        problems.warning(
            first,
            "markdown.heading",
            f"'{_short(token.content, 30)}' is shown as text: a heading needs a space after "
            f"the #s ('{heading[1]} {heading[2]}')",
        )


def _unclosed_code(token: Token, offset: int, lines: Sequence[str], problems: Problems) -> None:
    if not token.map:
        return
    last = token.map[1] - 1 + offset
    char, length = token.markup[:1], len(token.markup)
    closer = re.compile(rf" {{0,3}}{re.escape(char)}{{{length},}}\s*")
    if (
        token.map[1] - token.map[0] >= 2
        and 0 <= last < len(lines)
        and closer.fullmatch(lines[last])
    ):
        return
    problems.error(
        _line(token, offset),
        "markdown.unclosed-code",
        f"this code block ('{token.markup}') is never closed, so everything after it is shown "
        f"as code; add a line '{token.markup}' where the code ends",
    )


def _inline(
    token: Token, offset: int, locator: Locator, problems: Problems, links: list[Link]
) -> None:
    raw_html = False
    for child in _walk(token.children or ()):
        kind = child.type
        if kind not in ("link_open", "image", "lint_mark"):
            continue
        if kind == "lint_mark" and child.meta["code"] == "markdown.raw-html":
            if raw_html:
                continue  # one warning per paragraph is enough
            raw_html = True
        line, column = locator.find(token, int(child.meta.get("pos", 0)), offset)
        if kind in ("link_open", "image"):
            end_line, end_column = (
                locator.find(token, int(child.meta["end"]) - 1, offset)
                if "end" in child.meta
                else (None, None)
            )
            links.append(
                Link(
                    str(child.attrs.get("href" if kind == "link_open" else "src", "")),
                    line,
                    image=kind == "image",
                    column=column,
                    end_line=end_line,
                    end_column=None if end_column is None else end_column + 1,
                )
            )
        else:
            code, text = str(child.meta["code"]), str(child.meta["text"])
            if text == "<!--":
                message = _UNCLOSED_COMMENT
            else:
                ref = text.rsplit("[", 1)[-1].rstrip("]") or text.split("]", 1)[0].lstrip("[")
                message = _MESSAGES[code].format(text=_short(text), ref=ref)
            end = None if column is None else column + len(text.split("\n", 1)[0])
            problems.warning(line, code, message, column=column, end_line=line, end_column=end)


def _fence(token: Token, offset: int, problems: Problems) -> None:
    info = token.info.strip()
    if not info:
        return
    line = _line(token, offset)
    directive = _DIRECTIVE_INFO.fullmatch(info)
    if directive is not None:
        name = directive[1]
        problems.error(
            line,
            "directive.backticks",
            f"MyST backtick directives are not read: write ':::{{{name}}}"
            f"{' ' + directive[2] if directive[2] else ''}' ... ':::' instead of "
            f"'{token.markup}{{{name}}}' (the block is shown as code)",
        )
        return
    language = info.split(maxsplit=1)[0].lower()
    if language not in CODE_LANGUAGES:
        known = ", ".join(sorted(CODE_LANGUAGES))
        problems.warning(
            line,
            "markdown.code-language",
            f"code in '{language}' is shown without colours{did_you_mean(language, CODE_LANGUAGES)}; "
            f"leadtutor highlights {known} (use 'text' for plain text)",
        )


def _walk(tokens: Iterable[Token]) -> Iterable[Token]:
    for token in tokens:
        yield token
        if token.children:
            yield from _walk(token.children)


def _line(token: Token, offset: int) -> int:
    return (token.map[0] if token.map else 0) + offset + 1


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
