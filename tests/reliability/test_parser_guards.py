"""The parser's safeguards (`leadtutor.core.safeguards`): crash-free, same output as the
plugins they replace, and a clear problem instead of superlinear time.

Timing is not asserted here (see benchmarks/reliability.py, `scaling`); these tests
check behaviour: the inputs that used to crash or take quadratic time now give the
right tokens or the `markdown.too-complex` problem.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.colon_fence import colon_fence_plugin
from mdit_py_plugins.front_matter import front_matter_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

from leadtutor.core import load_course, parse_lesson
from leadtutor.core.markdown import create_parser
from leadtutor.core.safeguards import TooComplex

PIECES = st.sampled_from(
    [
        "- [ ] a\n",
        "- [x] b\n",
        "* [X]\tc\n",
        "  - [ ] d\n",
        "1. [x] e\n",
        "> - [ ] f\n",
        "- [ ]\n",
        "- [y] g\n",
        "\n",
        "text\n",
        "  more\n",
        ":::{choice} q\n",
        ":::\n",
        "# h\n",
        "- ",
        "[ ] ",
        "    ",
        "> ",
    ]
)


def _plugin_parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "typographer": False, "linkify": False})
    md.enable(["table", "strikethrough"])
    return md.use(front_matter_plugin).use(colon_fence_plugin).use(tasklists_plugin)


def _dump(tokens: list[Token]) -> list[Any]:
    return [
        (
            t.type,
            t.tag,
            t.content,
            t.map,
            t.info,
            t.markup,
            t.level,
            t.attrs,
            _dump(t.children or []),
        )
        for t in tokens
    ]


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=30).map("".join))
def test_linear_task_lists_give_the_plugins_tokens(text: str) -> None:
    text += "\n"
    assert _dump(create_parser().parse(text)) == _dump(_plugin_parser().parse(text))


def test_quote_at_the_very_end_does_not_crash_the_colon_fence_rule(tmp_path: Path) -> None:
    # mdit-py-plugins 0.7.0 raised IndexError on these (no final newline).
    for text in ("> :::\n>", "> :::\n> ", "---\ntitle: t\n---\n\n> :::x\n>"):
        create_parser().parse(text)
        path = tmp_path / "lesson.md"
        path.write_text(text)
        codes = [p.code for p in load_course(path).problems]
        assert "directive.not-top-level" in codes or "front-matter.missing" in codes


def test_quadratic_quote_shapes_are_refused_with_a_clear_problem() -> None:
    text = "---\ntitle: t\n---\n\n" + "> [a]: b\n[a]: b\n" * 3000
    lesson = parse_lesson(text, Path("slow.md"))
    [problem] = [p for p in lesson.problems if p.code == "markdown.too-complex"]
    assert problem.level == "error" and "blank line" in problem.message
    assert 5 <= problem.line <= text.count("\n")
    assert not lesson.ok and lesson.blocks == ()


def test_too_complex_inside_a_prompt_names_the_line_in_the_file() -> None:
    inner = "> # h\nx\n" * 100
    text = f"---\ntitle: t\n---\n\nIntro.\n\n:::{{note}} Quoted\n{inner}:::\n"
    lesson = parse_lesson(text, Path("slow.md"))
    [problem] = [p for p in lesson.problems if p.code == "markdown.too-complex"]
    assert 8 <= problem.line <= text.count("\n")


def test_dense_but_linear_text_is_not_refused() -> None:
    # Far denser than any real lesson (the bundled course uses 0.2-0.5 steps per byte),
    # but with the words real content has, so all of it is accepted.
    quiz = "".join(
        f"Question {i}: which of these fits best?\n\n"
        + "".join(
            f"- [{'x' if j == 0 else ' '}] Option {j} is a plausible answer\n" for j in range(6)
        )
        + "\n"
        for i in range(30)
    )
    for text in (
        "> > > > x\n" * 5_000,
        "- Ask them:\n  > What would help you most?\n" * 1_000,
        "".join(f"- [ ] Check item number {i} with a few words\n" for i in range(1_000)),
        "| Who | What | When |\n|---|---|---|\n"
        + "| the coach | asks questions | weekly |\n" * 1_000,
        "".join(
            f"## Heading {i}\n\nA paragraph with *emphasis* and a [link](#h-{i}).\n\n"
            for i in range(500)
        ),
        quiz * 4,
    ):
        create_parser().parse(text)  # no TooComplex


def test_pathologically_dense_text_is_refused() -> None:
    # A construct every few bytes costs several times an ordinary lesson per byte
    # (issue 14's fuzzing: up to 30x); past the budget it is refused instead.
    for text in (
        "- [ ] x\n" * 5_000,
        "- > > > > > > > > > > > > > > > > > > > x\n" * 500,
        "[" * 20_000 + "]",
        "*x_x" * 10_000,
        "| a | b |\n|---|---|\n" * 2_000,
    ):
        try:
            create_parser().parse(text)
        except TooComplex as exc:
            assert 1 <= exc.line <= text.count("\n") + 1
        else:
            raise AssertionError(f"expected TooComplex for {text[:30]!r}")


def test_too_complex_is_raised_by_the_parser_itself() -> None:
    try:
        create_parser().parse("> # h\nx\n" * 2000)
    except TooComplex as exc:
        assert exc.line > 1
    else:
        raise AssertionError("expected TooComplex")


def test_a_run_of_brackets_is_refused_on_its_own_line() -> None:
    # markdown-it looks for nested link text 20 levels deep at each '[' (issue 14:
    # ~14x a normal lesson at 64 KB); inline work now counts against the budget.
    text = "---\ntitle: t\n---\n\nIntro.\n\n" + "[" * 20_000 + "]\n\nAfter.\n"
    lesson = parse_lesson(text, Path("brackets.md"))
    [problem] = [p for p in lesson.problems if p.code == "markdown.too-complex"]
    assert problem.line == 7 and "'['" in problem.message


def test_prompt_bodies_share_the_lesson_budget() -> None:
    # Each body used to be parsed with a budget of its own (2,000 steps free), so
    # thousands of small dense prompts were never refused.
    body = "[" * 20 + "]"
    text = "---\ntitle: t\n---\n\n" + f":::{{note}} t\n{body}\n:::\n\n" * 300
    lesson = parse_lesson(text, Path("bodies.md"))
    [problem] = [p for p in lesson.problems if p.code == "markdown.too-complex"]
    assert text.split("\n")[problem.line - 1] == body
    assert lesson.blocks == ()
    one = "---\ntitle: t\n---\n\n" + f":::{{note}} t\n{body}\n:::\n"
    assert parse_lesson(one, Path("one.md")).ok  # one such prompt is fine


def _unguarded() -> MarkdownIt:
    """The project's parser without `safeguards.install` (no budget, markdown-it's own
    link rules and helpers)."""
    from unittest import mock

    from leadtutor.core import safeguards

    with mock.patch.object(safeguards, "install", lambda md: None):
        return create_parser()


LINKISH = st.sampled_from(
    ["[", "]", "(", ")", "!", "<", ">", "\\", " ", "\n", "a", "x.md", "#h", '"t"', "*", "`"]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(LINKISH, max_size=40).map("".join))
def test_guarded_links_give_markdown_its_tokens(text: str) -> None:
    # Giving up at once when no ']' follows, and the faster destination scan, change
    # nothing about what is a link.
    text += "\n"
    assert _dump(create_parser().parse(text)) == _dump(_unguarded().parse(text))


@settings(max_examples=2_000, deadline=None)
@given(
    st.text(st.sampled_from("ab ()\\\x00\x7f\x1f\n<>é"), max_size=60),
    st.integers(0, 4),
    st.integers(0, 70),
)
def test_link_destination_matches_markdown_it(text: str, pos: int, maximum: int) -> None:
    from markdown_it import helpers

    from leadtutor.core.safeguards import link_destination

    maximum = min(maximum, len(text))
    ours, theirs = (
        link_destination(text, pos, maximum),
        helpers.parseLinkDestination(text, pos, maximum),
    )
    assert (ours.ok, ours.pos, ours.str) == (theirs.ok, theirs.pos, theirs.str)


def test_no_suggestion_is_looked_for_among_thousands_of_choices() -> None:
    from leadtutor.core.problems import MAX_SUGGESTION_CHOICES, did_you_mean

    few = [f"heading-{i}" for i in range(50)]
    assert did_you_mean("heading-7x", few) == " (did you mean 'heading-7'?)"
    many = [f"heading-{i}" for i in range(MAX_SUGGESTION_CHOICES + 1)]
    assert did_you_mean("heading-7x", many) == ""
    assert did_you_mean("heading-7x", iter(many)) == ""


def test_anchor_links_in_a_lesson_of_many_headings_are_each_reported(tmp_path: Path) -> None:
    # One problem per link, each with its own line, in a lesson of 2,000 headings: the
    # check that used to compare every link with every heading (issue 14).
    text = "---\ntitle: t\n---\n\n" + "## H\n\n[a](#nowhere)\n\n" * 2_000
    (tmp_path / "course.toml").write_text('id = "c"\ntitle = "C"\n')
    lesson = tmp_path / "01-m" / "01-many.md"
    lesson.parent.mkdir()
    lesson.write_text(text)
    anchors = [p for p in load_course(tmp_path).problems if p.code == "link.anchor"]
    assert [p.line for p in anchors] == [7 + 4 * i for i in range(2_000)]
    assert all("did you mean" not in p.message for p in anchors)
