"""Build a `choice` prompt from its parsed body.

The question is everything before the first task list; each `- [ ]` / `- [x]` item is
an option whose first paragraph is its text and whose remaining content is its
feedback; anything after the list is the explanation shown after checking.
"""

from __future__ import annotations

import re

from markdown_it.token import Token

from leadtutor.core.model import ChoiceOption, ChoicePrompt, Markdown
from leadtutor.core.problems import Problems

MAX_OPTIONS = 26
"""More options than this are refused: nobody reads them, and thousands froze the app."""


def build_choice(
    prompt_id: str,
    body: Markdown,
    lines: tuple[int, int],
    multiple: bool,
    body_line: int,
    problems: Problems,
) -> ChoicePrompt:
    """Split a choice prompt's body into question, options and explanation.

    Args:
        prompt_id: The prompt's id.
        body: The fence body, parsed.
        lines: Source lines of the whole fence.
        multiple: Whether `:multiple:` was given.
        body_line: 1-based source line where the body starts (for messages).
        problems: Where problems are reported.
    """
    tokens = list(body.tokens)
    source_lines = body.source.split("\n")
    start = next(
        (
            i
            for i, t in enumerate(tokens)
            if t.type in ("bullet_list_open", "ordered_list_open") and t.level == 0
        ),
        None,
    )
    if start is None:
        problems.error(
            lines[0],
            "choice.no-options",
            "a choice needs its options as a task list ('- [ ] wrong', '- [x] right')",
        )
        return ChoicePrompt(prompt_id, body, lines, multiple=multiple)
    end = _matching_close(tokens, start)
    options = _options(tokens[start + 1 : end], source_lines, body_line, problems)
    question = _part(tokens[:start], source_lines)
    after = tokens[end + 1 :]
    _second_list(tokens[start], after, body_line, problems)
    if not question.plain.strip():
        problems.error(
            lines[0],
            "prompt.empty",
            "the choice has no question before its options (text after the list is the "
            "explanation, shown after Check); put the question first",
        )
    explanation = _part(after, source_lines) if after else None
    _check(options, multiple, explanation, lines[0], problems)
    return ChoicePrompt(
        prompt_id,
        question,
        lines,
        options=tuple(options),
        multiple=multiple,
        explanation=explanation,
    )


def _second_list(first: Token, after: list[Token], body_line: int, problems: Problems) -> None:
    """Options that ended up in a second list (feedback not indented under its option,
    or a different bullet)."""
    for index, token in enumerate(after):
        if token.type in ("bullet_list_open", "ordered_list_open") and token.level == 0:
            inline = next((t for t in after[index:] if t.type == "inline"), None)
            children = inline.children or [] if inline is not None else []
            if children and "task-list-item-checkbox" in children[0].content:
                if token.markup != first.markup and after[:index] == []:
                    why = (
                        f"they use the bullet '{token.markup}' where the ones above use "
                        f"'{first.markup}', which starts a new list; use one bullet for all"
                    )
                else:
                    why = (
                        "unindented text cuts them off from the ones above; indent feedback "
                        "by two spaces under its option (after a blank line)"
                    )
                problems.error(
                    (token.map[0] if token.map else 0) + body_line,
                    "choice.split-list",
                    f"these options would be shown as the explanation: {why}",
                )
                return


def _matching_close(tokens: list[Token], start: int) -> int:
    depth = 0
    for index in range(start, len(tokens)):
        depth += tokens[index].nesting if tokens[index].level == 0 else 0
        if depth == 0:
            return index
    return len(tokens) - 1


def _options(
    items: list[Token], source_lines: list[str], body_line: int, problems: Problems
) -> list[ChoiceOption]:
    options: list[ChoiceOption] = []
    index = 0
    while index < len(items):
        token = items[index]
        if token.type != "list_item_open" or token.level != 1:
            index += 1
            continue
        close = index + 1
        while not (items[close].type == "list_item_close" and items[close].level == 1):
            close += 1
        content = items[index + 1 : close]
        line = (token.map[0] if token.map else 0) + body_line
        option = _option(content, source_lines, line, problems)
        if option is not None:
            options.append(option)
        index = close + 1
    return options


def _option(
    content: list[Token], source_lines: list[str], line: int, problems: Problems
) -> ChoiceOption | None:
    inline = next((t for t in content if t.type == "inline"), None)
    children = list(inline.children or []) if inline is not None else []
    box = children[0] if children and children[0].type == "html_inline" else None
    if inline is None or box is None or "task-list-item-checkbox" not in box.content:
        typed = inline.content if inline is not None else ""
        if re.fullmatch(r"\[[ xX]?\]\s*", typed):
            message = "this option has no text after its box"
        elif re.match(r"\[[ xX]?\]\S", typed):
            message = f"put a space after the box: '- {typed[:3]} {typed[3:40]}'"
        else:
            message = "every option needs a box: '- [ ] text' or '- [x] text'"
        problems.error(line, "choice.not-task", message)
        return None
    first_line, _, more = inline.content.partition("\n")
    if more.strip() and first_line.rstrip().endswith((".", "!", "?", ":", ";")):
        problems.warning(
            line + 1,
            "choice.feedback-merged",
            "this line is joined to the option above it, so learners see it as part of the "
            "option before they answer; to make it feedback, put a blank line before it and "
            "indent it under the option",
        )
    rest = children[1:]
    if rest and rest[0].type == "text":
        rest[0] = rest[0].copy(content=rest[0].content.lstrip())
    text_inline = inline.copy(children=rest, content=inline.content.lstrip())
    first_close = next(i for i, t in enumerate(content) if t.type == "paragraph_close")
    text = Markdown(text_inline.content, (content[0], text_inline, content[first_close]))
    feedback_tokens = content[first_close + 1 :]
    feedback = _part(feedback_tokens, source_lines) if feedback_tokens else None
    return ChoiceOption(text, 'checked="checked"' in box.content, feedback)


def _part(tokens: list[Token], source_lines: list[str]) -> Markdown:
    maps = [t.map for t in tokens if t.map]
    if not maps:
        return Markdown("", tuple(tokens))
    first, last = maps[0][0], max(m[1] for m in maps)
    source = "\n".join(line.strip() for line in source_lines[first:last])
    return Markdown(source, tuple(tokens))


def _check(
    options: list[ChoiceOption],
    multiple: bool,
    explanation: Markdown | None,
    line: int,
    problems: Problems,
) -> None:
    correct = sum(1 for option in options if option.correct)
    if len(options) < 2:
        problems.error(line, "choice.too-few-options", "a choice needs at least two options")
    if len(options) > MAX_OPTIONS:
        problems.error(
            line,
            "choice.too-many-options",
            f"a choice can have at most {MAX_OPTIONS} options (this one has {len(options)}); "
            "split it into several questions",
        )
    if options and correct == 0:
        problems.error(line, "choice.no-correct", "no option is marked correct with '[x]'")
    if correct > 1 and not multiple:
        problems.error(
            line,
            "choice.multiple-correct",
            f"{correct} options are marked correct; add ':multiple:' to let the learner pick several",
        )
    has_explanation = explanation is not None and bool(explanation.plain.strip())
    if not has_explanation and any(option.feedback is None for option in options):
        problems.warning(
            line,
            "choice.no-feedback",
            "give every option feedback (a paragraph under it) or add an explanation after the list",
        )
