"""Turn one lesson's text into a `Lesson`, reporting every problem on the way.

`parse_lesson` is pure: it never touches the file system (the path is only used in
messages). The lesson is split by the line ranges of its top-level tokens into prose,
prompts and callouts; fence bodies are parsed again as Markdown of their own.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Final

from markdown_it.token import Token
from mdit_py_plugins.anchors.index import slugify

from leadtutor.core import directives as d
from leadtutor.core.choice import build_choice
from leadtutor.core.lesson_meta import read_meta
from leadtutor.core.lints import Locator, scan_tokens
from leadtutor.core.markdown import shared_parser
from leadtutor.core.model import (
    SCALE_ROW_AT_80,
    AnyPrompt,
    Block,
    Callout,
    CommitPrompt,
    Heading,
    Lesson,
    Link,
    Markdown,
    Prose,
    ReflectPrompt,
    ScalePrompt,
    scale_columns,
)
from leadtutor.core.problems import Problems
from leadtutor.core.prompt_rules import with_common_options
from leadtutor.core.safeguards import Budget, TooComplex
from leadtutor.core.sanitize import clean_text, has_unsafe

SCALE_COLUMNS: Final = 80
"""Every point of a scale must fit on one row at this terminal width."""


def parse_lesson(text: str, path: Path, problems: Problems | None = None) -> Lesson:
    """Parse a lesson.

    Args:
        text: The decoded file contents (control characters are removed here).
        path: The lesson's file, used for messages and the default id.
        problems: Collector for problems; a private one is used when omitted.

    Returns:
        The lesson. When it has errors, `lesson.problems` lists them and the blocks
        hold whatever could be understood.
    """
    report = (problems or Problems(path)).at(path)
    start = len(report.items)
    if has_unsafe(text):
        report.warning(
            _first_unsafe_line(text),
            "text.control-characters",
            "control characters (such as ESC) were removed from the lesson text",
        )
    text = clean_text(text)
    lesson = _Builder(text, path, report).build()
    return replace(lesson, problems=tuple(p for p in report.items[start:] if p.path == path))


def _first_unsafe_line(text: str) -> int:
    for number, line in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        if has_unsafe(line.replace("\r", "")):
            return number
    return 1


_CLOSING: Final = re.compile(r" {0,3}(:{3,})\s*")
_CLOSER_TEXT: Final = re.compile(r" {0,3}(:{3,})[ \t]*([^\s{].*)")
"""A line that would close a fence if it had no text after the colons (`::: end`)."""


class _Builder:
    """Single-use state for parsing one lesson."""

    def __init__(self, text: str, path: Path, problems: Problems) -> None:
        self.text = text
        self.lines = text.split("\n")
        self.path = path
        self.problems = problems
        self.blocks: list[Block] = []
        self.headings: list[Heading] = []
        self.links: list[Link] = []
        self.slugs: dict[str, int] = {}
        self.locator = Locator(self.lines)
        self.budget = Budget(len(text))
        """Parser steps for the whole lesson, prompt bodies included (see `safeguards`)."""

    def build(self) -> Lesson:
        if not self.text.strip():
            self.problems.error(1, "lesson.empty", "the file is empty")
            return Lesson(id=self.path.stem, title=self.path.stem, path=self.path)
        try:
            tokens = shared_parser().parse(self.text, self.budget.env())
            meta = read_meta(tokens, self.text, self.path, self.problems)
            body = [t for t in tokens if t.type != "front_matter"]
            self._split(body)
        except TooComplex as exc:  # the line is in the file (see `_markdown`)
            self.problems.error(exc.line, "markdown.too-complex", str(exc))
            return Lesson(id=self.path.stem, title=self.path.stem, path=self.path)
        if not body:
            self.problems.error(
                len(self.text.rstrip("\n").split("\n")),
                "lesson.empty",
                "the lesson has no content after its front matter",
            )
        return Lesson(
            id=meta["id"],
            title=meta["title"],
            path=self.path,
            summary=meta["summary"],
            minutes=meta["minutes"],
            objectives=meta["objectives"],
            blocks=tuple(self.blocks),
            headings=tuple(self.headings),
            links=tuple(self.links),
        )

    # -- blocks -------------------------------------------------------------------

    def _split(self, tokens: list[Token]) -> None:
        run: list[Token] = []
        for token in tokens:
            if token.type == "colon_fence" and token.level == 0:
                self._flush(run)
                run = []
                self._fence(token)
            else:
                if token.type == "colon_fence":
                    self.problems.error(
                        _line(token),
                        "directive.not-top-level",
                        "prompts and callouts must start at the left margin, not inside a list "
                        "or quote",
                    )
                run.append(token)
        self._flush(run)

    def _flush(self, run: list[Token]) -> None:
        if all(token.type == "html_comment" for token in run):
            return
        index = len(self.blocks)
        for position, token in enumerate(run):
            if token.type == "heading_open" and token.level == 0:
                inline = run[position + 1]
                text = Markdown(inline.content, (inline,)).plain
                self.headings.append(
                    Heading(int(token.tag[1]), text, self._slug(text), _line(token), index)
                )
        scan_tokens(run, 0, self.locator, self.problems, self.links)
        first, last = _span(run)
        self.blocks.append(Prose(Markdown(self._source(first, last), tuple(run)), (first, last)))

    def _fence(self, token: Token) -> None:
        mark = len(self.problems.items)
        first = _line(token)
        last = token.map[1] if token.map else first
        closed = last - first >= 1 and _closes(self.lines[last - 1], token.markup)
        closer_text = self._closer_with_text(token, first)
        directive = d.parse_directive(token.info, token.content, first, self.problems)
        if directive is None:
            if not closed and token.info.strip() and not closer_text:
                self._unclosed(token, first)
            return
        body = self._markdown(directive.body, directive.body_line)
        if not closer_text:
            self._nesting(token, first, closed, body, directive.body_line)
        lines = (first, last)
        if directive.name in d.CALLOUT_DIRECTIVES:
            title = directive.argument
            self.blocks.append(Callout(directive.name, title, body, lines))  # type: ignore[arg-type]
            return
        prompt_id = d.check_prompt_id(directive.argument, first, self.problems)
        prompt = with_common_options(
            self._prompt(directive, prompt_id or "", body, lines), directive.options
        )
        if prompt is not None and directive.options.get("required"):
            prompt = replace(prompt, required=True)  # every prompt kind accepts :required:
        no_question = prompt is not None and not prompt.body.plain.strip()
        if no_question and not self._reported(mark, first, "prompt.empty"):
            self.problems.error(first, "prompt.empty", "the prompt has no question text")
        if prompt is not None and prompt_id is not None:
            self.blocks.append(prompt)

    def _reported(self, mark: int, line: int, code: str) -> bool:
        """Whether `code` was reported at `line` since `self.problems.items[mark]` (only
        this prompt's own problems are looked at, so many prompts stay linear)."""
        return any(p.code == code and p.line == line for p in self.problems.items[mark:])

    def _closer_with_text(self, token: Token, first: int) -> bool:
        """Report a line like `::: end` inside the fence: it closes nothing."""
        for number, text in enumerate(token.content.split("\n"), start=first + 1):
            match = _CLOSER_TEXT.fullmatch(text)
            if match is not None and len(match[1]) >= len(token.markup):
                self.problems.error(
                    number,
                    "directive.closer-text",
                    f"'{text.strip()}' does not close the fence opened on line {first}: a "
                    f"closing line is '{match[1]}' alone, with nothing after the colons",
                )
                return True
        return False

    def _nesting(
        self, token: Token, first: int, closed: bool, body: Markdown, body_line: int
    ) -> None:
        """An inner fence with as many colons as the outer one means the outer one was
        never closed; one with fewer colons is a real (and forbidden) nesting."""
        for inner in body.tokens:
            if inner.type != "colon_fence":
                continue
            line = _line(inner) + body_line - 1
            if len(inner.markup) >= len(token.markup):
                self._unclosed(token, first, before=(line, inner))
                return
            self.problems.error(
                line,
                "directive.nested",
                f"prompts and callouts cannot be placed inside another prompt or callout; move "
                f"this one after the '{token.markup}' that closes the fence opened on line {first}",
            )
        if not closed:
            self._unclosed(token, first)

    def _unclosed(self, token: Token, first: int, before: tuple[int, Token] | None = None) -> None:
        name = f"{token.markup}{token.info.strip()}"
        if before is None:
            message = f"'{name}' is never closed; add a line '{token.markup}' after its content"
        else:
            line, inner = before
            message = (
                f"'{name}' is not closed before '{inner.markup}{inner.info.strip()}' on line "
                f"{line}; add a line '{token.markup}' before line {line} (prompts and callouts "
                "cannot be nested)"
            )
        end = (before[0] - 1) if before is not None else (token.map[1] if token.map else first)
        self.problems.error(first, "directive.unclosed", message, end_line=end)

    def _prompt(
        self, directive: d.Directive, prompt_id: str, body: Markdown, lines: tuple[int, int]
    ) -> AnyPrompt | None:
        options = directive.options
        if directive.name == "reflect":
            return ReflectPrompt(
                prompt_id,
                body,
                lines,
                min_words=int(options.get("min-words", 0)),
                placeholder=str(options.get("placeholder", "")),
            )
        if directive.name == "scale":
            low, high = int(options.get("min", 1)), int(options.get("max", 5))
            if low >= high:
                self.problems.error(
                    lines[0], "scale.range", f"':min:' ({low}) must be less than ':max:' ({high})"
                )
            elif scale_columns(low, high, SCALE_ROW_AT_80) < high - low + 1:
                self.problems.error(
                    lines[0],
                    "scale.too-wide",
                    f"a scale from {low} to {high} has {high - low + 1} points, too many to show "
                    f"on one row at {SCALE_COLUMNS} columns; use at most 11 (e.g. 0 to 10)",
                )
            return ScalePrompt(
                prompt_id,
                body,
                lines,
                minimum=low,
                maximum=max(high, low + 1),
                low=str(options.get("low", "")),
                high=str(options.get("high", "")),
            )
        if directive.name == "commit":
            days = options.get("follow-up")
            return CommitPrompt(
                prompt_id, body, lines, follow_up_days=int(days) if days is not None else None
            )
        return build_choice(
            prompt_id,
            body,
            lines,
            bool(options.get("multiple", False)),
            directive.body_line,
            self.problems,
        )

    def _markdown(self, source: str, first_line: int) -> Markdown:
        try:
            tokens = shared_parser().parse(source, self.budget.env())
        except TooComplex as exc:  # the lesson's budget is spent: refuse the whole lesson
            raise TooComplex(exc.line + first_line - 1) from None
        scan_tokens(tokens, first_line - 1, self.locator, self.problems, self.links)
        return Markdown(source, tuple(tokens))

    def _slug(self, text: str) -> str:
        base = slugify(text) or "section"
        count = self.slugs.get(base, 0)
        self.slugs[base] = count + 1
        return base if count == 0 else f"{base}-{count}"

    def _source(self, first: int, last: int) -> str:
        return "\n".join(self.lines[first - 1 : last])


def _line(token: Token) -> int:
    return token.map[0] + 1 if token.map else 1


def _span(tokens: list[Token]) -> tuple[int, int]:
    maps = [t.map for t in tokens if t.map]
    if not maps:
        return (1, 1)
    return (maps[0][0] + 1, max(m[1] for m in maps))


def _closes(line: str, markup: str) -> bool:
    match = _CLOSING.fullmatch(line)
    return match is not None and len(match[1]) >= len(markup)
