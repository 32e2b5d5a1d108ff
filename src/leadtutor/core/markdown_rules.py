"""Extra markdown-it rules: hidden HTML comments, link positions and lint marks.

Raw HTML stays off (it is shown as typed), but:

- `<!-- comments -->` become `html_comment` tokens, so no renderer ever shows them
  (a comment alone on its lines is a block; inside a paragraph it is inline);
- link, image and autolink tokens get `meta["pos"]` and `meta["end"]`: the offsets of
  their first character and just after their last in the inline token's `content`, so
  problems can name a line and column;
- things that are shown to learners as typed by mistake (a raw HTML tag, a footnote
  `[^1]`, a reference link `[text][ref]` whose `[ref]: url` is missing, a link whose
  target has a space) get a zero-width `lint_mark` token with `meta` holding the
  problem `code`, the `pos` and the `text`; renderers ignore it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Final

from markdown_it import MarkdownIt
from markdown_it.common.html_re import close_tag, open_tag
from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline, autolink, image, link

_TAG: Final = re.compile(f"{open_tag}|{close_tag}")
_LABEL: Final = re.compile(r"\[[^\[\]]{0,999}\]")
"""A link label without nested brackets (bounded, so a lint never costs more than the
link rule itself)."""
_SHOWN: Final = 1000
"""How far after a failed link's label its target is looked for (to show it)."""
InlineRule = Callable[[StateInline, bool], bool]


def markdown_rules_plugin(md: MarkdownIt) -> None:
    """Install the rules described in the module docstring."""
    md.block.ruler.before(
        "html_block",
        "html_comment",
        _comment_block,
        {"alt": ["paragraph", "reference", "blockquote"]},
    )
    md.inline.ruler.before("html_inline", "html_raw", _html_inline)
    md.inline.ruler.at("link", _positioned(link, mark_failures=True))
    md.inline.ruler.at("image", _positioned(image))
    md.inline.ruler.at("autolink", _positioned(autolink))
    md.add_render_rule("html_comment", _nothing)
    md.add_render_rule("lint_mark", _nothing)


def _nothing(*_args: Any) -> str:
    return ""


def _comment_block(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """An HTML comment that starts a line and has nothing after its closing `-->`."""
    if state.is_code_block(start):
        return False
    pos = state.bMarks[start] + state.tShift[start]
    if not state.src.startswith("<!--", pos):
        return False
    line = start
    while line < end:
        first = pos if line == start else state.bMarks[line] + state.tShift[line]
        last = state.eMarks[line]
        if line > start and first < last and state.sCount[line] < state.blkIndent:
            return False
        text = state.src[first:last]
        close = text.find("-->", 2 if line == start else 0)
        if close >= 0:
            if text[close + 3 :].strip():
                return False
            break
        line += 1
    else:
        return False
    if silent:
        return True
    state.line = line + 1
    token = state.push("html_comment", "", 0)
    token.map = [start, state.line]
    token.content = state.getLines(start, state.line, state.blkIndent, True)
    token.block = True
    return True


def _html_inline(state: StateInline, silent: bool) -> bool:
    """Hide `<!-- ... -->`; keep other tags as text, with a lint mark."""
    pos = state.pos
    src = state.src
    if src[pos] != "<":
        return False
    if src.startswith("<!--", pos):
        close = src.find("-->", pos + 2)
        if close < 0:
            if not silent:
                _mark(state, "markdown.raw-html", pos, "<!--")
            return False
        if not silent:
            state.push("html_comment", "", 0).content = src[pos : close + 3]
        state.pos = close + 3
        return True
    match = _TAG.match(src, pos)
    if match is None:
        return False
    if not silent:
        _mark(state, "markdown.raw-html", pos, match[0])
        state.push("text", "", 0).content = match[0]
    state.pos = match.end()
    return True


def _positioned(rule: InlineRule, *, mark_failures: bool = False) -> InlineRule:
    def wrapped(state: StateInline, silent: bool) -> bool:
        start = state.pos
        count = len(state.tokens)
        if rule(state, silent):
            if not silent:
                opened = next(
                    (t for t in state.tokens[count:] if t.type in ("link_open", "image")), None
                )
                if opened is not None:
                    opened.meta["pos"] = start
                    opened.meta["end"] = state.pos
            return True
        if mark_failures and not silent:
            _why_not_a_link(state, start)
        return False

    return wrapped


def _why_not_a_link(state: StateInline, start: int) -> None:
    """Mark `[^1]`, `[text][missing]` and `[text](bad target)`: shown as typed."""
    src = state.src
    label = _LABEL.match(src, start)
    if label is None:
        return
    label_end = label.end() - 1
    after = src[label_end + 1 : label_end + 2]
    if src.startswith("[^", start):
        _mark(state, "markdown.footnote", start, label[0])
    elif after == "[":
        ref = _LABEL.match(src, label_end + 1)
        if ref is not None:
            _mark(state, "link.undefined-reference", start, src[start : ref.end()])
    elif after == "(":
        window = label_end + _SHOWN  # bounded, so many failed links stay linear
        close = src.find(")", label_end, window)
        line_end = src.find("\n", label_end, window)
        stop = close + 1 if close >= 0 else (line_end if line_end >= 0 else min(window, len(src)))
        _mark(state, "link.syntax", start, src[start:stop])


def _mark(state: StateInline, code: str, pos: int, text: str) -> None:
    token = state.push("lint_mark", "", 0)
    token.meta = {"code": code, "pos": pos, "text": text}
