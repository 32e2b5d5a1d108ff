"""Keep the Markdown parser fast and crash-free on any input (issue 14).

Lesson files come from strangers, so every input up to the 1 MiB cap must parse in
bounded time without raising. Three things in the libraries break that, and this module
fixes each where it happens, leaving the syntax unchanged:

- **Quadratic block scanning** (markdown-it-py 4.3.0). A quote line followed by a lazy
  line that the quote's content does not absorb (`> # h` then `x`, `> [a]: b` then
  `[a]: b`, ...) makes the blockquote rule scan to the end of the paragraph run before
  it parses one line; repeated, that is O(lines²): 20 KB took 10 s. Similar shapes exist
  with lists. Rather than chase each shape, every block rule call is counted against a
  budget proportional to the size of the text; past it the parse stops with
  `TooComplex`, which the lesson parser reports as the `markdown.too-complex` error.
  Real lessons make 0.2-0.3 calls per byte, a page of short task items 4, and deeply
  nested quotes in a list on every line 5; the budget is `CALLS_PER_BYTE`. (Only text
  that is mostly one-letter lines, 8-9 calls per byte, is refused without being
  quadratic.)
- **Quadratic task lists** (mdit-py-plugins 0.7.0). Its rule looks for each item's
  list by walking back through every token: a 20,000-item task list took 51 s to
  check. `_tasklists_rule` is the same rule with the list found in O(1).
- **IndexError in colon fences** (mdit-py-plugins 0.7.0). A document whose last line
  is an empty quote line (`> :::` then `>` with no final newline) makes the colon-fence
  rule read past the end of the text. Parsing always sees a final newline, so every
  line ends inside the text; markdown-it ignores that newline otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Callable, MutableMapping
from typing import Any, Final

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

CALLS_PER_BYTE: Final = 6
"""Block rule calls allowed per character of input (see the module docstring)."""
BASE_CALLS: Final = 2_000
"""Calls allowed on top, so short documents are never refused (a 100-line lesson uses ~1,000)."""
_BUDGET: Final = "leadtutor.budget"

BlockRule = Callable[[Any, int, int, bool], bool]


class TooComplex(Exception):
    """Parsing was stopped: the text would take the parser far longer than its size warrants."""

    def __init__(self, line: int) -> None:
        super().__init__(
            "this Markdown is too complex to read quickly (for example, quote or list lines "
            "mixed with unmarked lines make the parser re-read the rest of the paragraph "
            "for every line); put a blank line after each quote or list"
        )
        self.line = line
        """1-based line (within the parsed text) where the parser ran out of budget."""


class _Budget:
    __slots__ = ("left",)

    def __init__(self, left: int) -> None:
        self.left = left


class GuardedMarkdownIt(MarkdownIt):
    """A `MarkdownIt` whose `parse` always terminates quickly and never crashes."""

    def parse(self, src: str, env: MutableMapping[str, Any] | None = None) -> list[Token]:
        """Parse `src`, raising `TooComplex` instead of taking superlinear time."""
        if not src.endswith("\n"):
            src += "\n"
        env = {} if env is None else env
        env[_BUDGET] = _Budget(CALLS_PER_BYTE * len(src) + BASE_CALLS)
        try:
            return super().parse(src, env)
        finally:
            env.pop(_BUDGET, None)


def install(md: MarkdownIt) -> None:
    """Count every block rule call against the parse's budget; make task lists linear.

    Call after every plugin is added (the rules present then are wrapped).
    """
    ruler = md.block.ruler
    for rule in list(ruler.__rules__):
        ruler.at(rule.name, _counted(rule.fn), {"alt": list(rule.alt)})
    if "github-tasklists" in md.core.ruler.get_all_rules():
        md.core.ruler.at("github-tasklists", _tasklists_rule)


def _counted(rule: BlockRule) -> BlockRule:
    def counted(state: Any, start: int, end: int, silent: bool) -> bool:
        budget = state.env.get(_BUDGET)
        if budget is not None:
            budget.left -= 1
            if budget.left < 0:
                raise TooComplex(start + 1)
        return rule(state, start, end, silent)

    return counted


_TODO: Final = re.compile(r"\[[ xX]][ \t\n\v\f\r]+")
_BOX: Final = '<input class="task-list-item-checkbox" {}disabled="disabled" type="checkbox">'


def _tasklists_rule(state: StateCore) -> None:
    """mdit-py-plugins' `github-tasklists` rule (disabled checkboxes, no labels), in O(n)."""
    tokens = state.tokens
    last_at_level: dict[int, int] = {}
    for i, token in enumerate(tokens):
        if (
            2 <= i < len(tokens) - 1
            and token.type == "inline"
            and tokens[i - 1].type == "paragraph_open"
            and tokens[i - 2].type == "list_item_open"
            and _TODO.match(token.content)
        ):
            _todoify(token)
            item = tokens[i - 2]
            item.attrSet("class", "task-list-item")
            # The plugin walks back to the nearest token one level up: the list.
            tokens[last_at_level.get(item.level - 1, -1)].attrSet("class", "contains-task-list")
        last_at_level[token.level] = i


def _todoify(token: Token) -> None:
    assert token.children is not None
    checkbox = Token("html_inline", "", 0)
    if token.content.startswith("[ ] "):
        checkbox.content = _BOX.format("")
    elif token.content.startswith(("[x] ", "[X] ")):
        checkbox.content = _BOX.format('checked="checked" ')
    token.children.insert(0, checkbox)
    token.children[1].content = token.children[1].content[3:]
    token.content = token.content[3:]
