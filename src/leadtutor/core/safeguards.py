"""Keep the Markdown parser fast and crash-free on any input (issue 14).

Lesson files come from strangers, so every input up to the 1 MiB cap must parse in
bounded time without raising. Four things in the libraries break that, and this module
fixes each where it happens, leaving the syntax unchanged:

- **Quadratic block scanning** (markdown-it-py 4.3.0). A quote line followed by a lazy
  line that the quote's content does not absorb (`> # h` then `x`, `> [a]: b` then
  `[a]: b`, ...) makes the blockquote rule scan to the end of the paragraph run before
  it parses one line; repeated, that is O(lines²): 20 KB took 10 s. Similar shapes exist
  with lists. Rather than chase each shape, parser work is counted against a budget
  proportional to the size of the text; past it the parse stops with `TooComplex`,
  which the lesson parser reports as the `markdown.too-complex` error.
- **Dense constructs** (issue 14's fuzzing). Linear, but a construct every few bytes
  costs many times an ordinary lesson per byte: runs of `[` (markdown-it looks for
  nested link text 20 levels deep at each one), `[/](` repeated (the link destination
  scan walks 32 levels of `(`), a table, heading or task item on every line: up to 30x.
  So the budget counts every step: block and inline rule calls, `skipToken` calls
  (how link text is looked through) and `TOKEN_STEPS` per token, `CALLS_PER_BYTE` per
  byte (+ `BASE_CALLS`) for a whole lesson, its prompt bodies included (`Budget`).
  The bundled lessons use 0.2-0.5 steps per byte, dense but real content (a quiz, a
  1,000-item checklist, a 1,000-row table with words) about 2; a page of one-letter
  task items or table cells 5-6 is refused. Two exact speed-ups keep `[` cheap:
  `link`/`image` give up at once when no `]` follows, and `link_destination` is
  markdown-it's scan jumping between the characters it acts on.
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
from types import SimpleNamespace
from typing import Any, Final

from markdown_it import MarkdownIt, helpers
from markdown_it.common.utils import unescapeAll
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

CALLS_PER_BYTE: Final = 5
"""Parser steps allowed per character of a lesson (see the module docstring)."""
TOKEN_STEPS: Final = 4
"""Steps each token costs, on top of the rule calls that made it (a token costs the
parser and the checks that read it several times what a failed rule call does)."""
BASE_CALLS: Final = 2_000
"""Steps allowed on top, so short documents are never refused (a 100-line lesson uses ~1,000)."""
_BUDGET: Final = "leadtutor.budget"

BlockRule = Callable[[Any, int, int, bool], bool]
InlineRule = Callable[[StateInline, bool], bool]


class TooComplex(Exception):
    """Parsing was stopped: the text would take the parser far longer than its size warrants."""

    def __init__(self, line: int) -> None:
        super().__init__(
            "this Markdown is too complex to read quickly (for example, quote or list lines "
            "mixed with unmarked lines make the parser re-read the rest of the paragraph "
            "for every line, and runs of '[' make it look for nested link text at each "
            "one); put a blank line after each quote or list, and write a lone '[' as '\\['"
        )
        self.line = line
        """1-based line (within the parsed text) where the parser ran out of budget."""


class Budget:
    """The parser steps one lesson may still use, shared by every parse of its parts."""

    __slots__ = ("inline_seen", "left", "line", "seen")

    def __init__(self, size: int) -> None:
        self.left = CALLS_PER_BYTE * size + BASE_CALLS
        self.line = 1
        """The line (within the text being parsed) of the inline text being parsed."""
        self.seen = 0
        """Block tokens of the current parse already charged."""
        self.inline_seen = 0
        """Tokens of the current inline text already charged."""

    def env(self) -> dict[str, Any]:
        """A fresh markdown-it `env` that spends this budget (references stay per parse)."""
        return {_BUDGET: self}


class GuardedMarkdownIt(MarkdownIt):
    """A `MarkdownIt` whose `parse` always terminates quickly and never crashes."""

    def parse(self, src: str, env: MutableMapping[str, Any] | None = None) -> list[Token]:
        """Parse `src`, raising `TooComplex` instead of taking superlinear time.

        `env` from `Budget.env()` spends that budget (a lesson and its prompt bodies
        share one); otherwise this parse gets a budget of its own.
        """
        if not src.endswith("\n"):
            src += "\n"
        env = {} if env is None else env
        if isinstance(env.get(_BUDGET), Budget):
            return super().parse(src, env)
        env[_BUDGET] = Budget(len(src))
        try:
            return super().parse(src, env)
        finally:
            env.pop(_BUDGET, None)


def install(md: MarkdownIt) -> None:
    """Count every block and inline rule call against the parse's budget; make task
    lists linear; let link rules give up at once when no ']' follows.

    Call after every plugin is added (the rules present then are wrapped).
    """
    ruler = md.block.ruler
    for rule in list(ruler.__rules__):
        ruler.at(rule.name, _counted(rule.fn), {"alt": list(rule.alt)})
    inline = md.inline.ruler
    for inline_rule in list(inline.__rules__):
        fn = inline_rule.fn
        if inline_rule.name in ("link", "image"):
            fn = _needs_close(fn)
        inline.at(inline_rule.name, _counted_inline(fn), {"alt": list(inline_rule.alt)})
    md.inline.skipToken = _counted_skip(md.inline.skipToken)  # type: ignore[method-assign,assignment]
    md.core.ruler.before("block", "leadtutor-block-start", _start_block)
    md.core.ruler.at("inline", _inline_core)
    md.helpers = SimpleNamespace(  # type: ignore[assignment]
        parseLinkLabel=helpers.parseLinkLabel,
        parseLinkDestination=link_destination,
        parseLinkTitle=helpers.parseLinkTitle,
    )
    if "github-tasklists" in md.core.ruler.get_all_rules():
        md.core.ruler.at("github-tasklists", _tasklists_rule)


def _counted(rule: BlockRule) -> BlockRule:
    def counted(state: Any, start: int, end: int, silent: bool) -> bool:
        budget = state.env.get(_BUDGET)
        if budget is None:
            return rule(state, start, end, silent)
        budget.left -= 1
        if budget.left < 0:
            raise TooComplex(start + 1)
        if not rule(state, start, end, silent):
            return False
        grown = len(state.tokens) - budget.seen  # each token charged once, nesting or not
        if grown > 0:
            budget.seen += grown
            budget.left -= TOKEN_STEPS * grown
        return True

    return counted


def _counted_inline(rule: InlineRule) -> InlineRule:
    def counted(state: StateInline, silent: bool) -> bool:
        budget = state.env.get(_BUDGET)
        if budget is None:
            return rule(state, silent)
        _spend(budget, state, 1)
        if not rule(state, silent):
            return False
        if not silent:
            grown = len(state.tokens) - budget.inline_seen
            if grown > 0:
                budget.inline_seen += grown
                budget.left -= TOKEN_STEPS * grown
        return True

    return counted


def _start_block(state: StateCore) -> None:
    """Tokens already there (none, so far) are not charged again by `_counted`."""
    budget = state.env.get(_BUDGET)
    if budget is not None:
        budget.seen = len(state.tokens)


def _spend(budget: Budget, state: StateInline, steps: int) -> None:
    budget.left -= steps
    if budget.left < 0:
        raise TooComplex(budget.line + state.src.count("\n", 0, state.pos))


def _counted_skip(skip: Callable[[StateInline], None]) -> Callable[[StateInline], None]:
    """`skipToken` (how link text is looked through) costs a step even when cached."""

    def counted(state: StateInline) -> None:
        budget = state.env.get(_BUDGET)
        if budget is not None:
            _spend(budget, state, 1)
        skip(state)

    return counted


def _inline_core(state: StateCore) -> None:
    """markdown-it's core `inline` rule, charging each inline text's tokens and noting
    its line for `TooComplex`."""
    budget = state.env.get(_BUDGET)
    for token in state.tokens:
        if token.type == "inline":
            if token.children is None:
                token.children = []
            if budget is not None:
                budget.line = token.map[0] + 1 if token.map else budget.line
                budget.inline_seen = 0
            state.md.inline.parse(token.content, state.md, state.env, token.children)
            if budget is not None:
                budget.left -= TOKEN_STEPS * max(0, len(token.children) - budget.inline_seen)
                if budget.left < 0:
                    raise TooComplex(budget.line)


def _needs_close(rule: InlineRule) -> InlineRule:
    """`link` and `image` fail when no ']' follows their '['; say so without looking.

    Otherwise each '[' of a run of them makes markdown-it look for nested link text up
    to 20 levels deep. The answer is the same: with no ']' after it anywhere in the
    text, parseLinkLabel can only fail. The last ']' is found once per inline text.
    """

    def rule_with_close(state: StateInline, silent: bool) -> bool:
        if state.html_terminator_last("]") <= state.pos:
            return False
        return rule(state, silent)

    return rule_with_close


class _Destination:
    __slots__ = ("ok", "pos", "str")

    def __init__(self) -> None:
        self.ok = False
        self.pos = 0
        self.str = ""


_DESTINATION_STOP: Final = re.compile(r"[\x00-\x20\x7f\\()]")
"""The characters markdown-it's destination loop acts on; it steps over any other."""


def link_destination(string: str, pos: int, maximum: int) -> Any:
    """markdown-it's `parseLinkDestination`, same results, jumping between the
    characters that matter instead of looking at each one in Python.

    A link attempt at each '[' of `[/]([/]([/](...` makes the original walk up to
    32 levels of '(' one character at a time (about a third of the parse time).
    """
    if string.startswith("<", pos):
        return helpers.parseLinkDestination(string, pos, maximum)
    start = pos
    result = _Destination()
    level = 0
    while pos < maximum:
        found = _DESTINATION_STOP.search(string, pos, maximum)
        if found is None:
            pos = maximum
            break
        pos = found.start()
        char = string[pos]
        if char <= " " or char == "\x7f":
            break
        if char == "\\":
            if pos + 1 < maximum:
                if string[pos + 1] == " ":
                    break
                pos += 2
                continue
        elif char == "(":
            level += 1
            if level > 32:
                return result
        else:  # ")"
            if level == 0:
                break
            level -= 1
        pos += 1
    if start == pos or level != 0:
        return result
    result.str = unescapeAll(string[start:pos])
    result.pos = pos
    result.ok = True
    return result


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
