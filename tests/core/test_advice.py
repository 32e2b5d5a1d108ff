"""The checker's advice is true: doing what a message says fixes the lesson, and the
messages name what they should (file:line, suggestions)."""

from __future__ import annotations

from pathlib import Path

from leadtutor.core import parse_lesson

HEAD = "---\ntitle: t\n---\n\n"


def problems(body: str) -> list[tuple[int, str, str]]:
    lesson = parse_lesson(HEAD + body, Path("a.md"))
    return [(p.line, p.code, p.message) for p in lesson.problems]


def lines(body: str) -> list[str]:
    return (HEAD + body).split("\n")


def test_unclosed_fence_advice_fixes_it() -> None:
    body = ":::{note} Forgotten\nText.\n\n:::{reflect} next-one\nWhy?\n:::\n"
    [(line, code, message)] = problems(body)
    assert (line, code) == (5, "directive.unclosed")
    assert "line 8" in message and "add a line ':::' before line 8" in message
    fixed = lines(body)
    fixed.insert(8 - 1, ":::")
    assert parse_lesson("\n".join(fixed), Path("a.md")).problems == ()


def test_stray_fence_advice_fixes_it() -> None:
    body = ":::{note}\nText.\n:::\n:::\n"
    [(line, code, message)] = problems(body)
    assert (line, code) == (8, "directive.stray-fence")
    assert "delete it" in message and "more colons" not in message
    fixed = lines(body)
    del fixed[line - 1]
    assert parse_lesson("\n".join(fixed), Path("a.md")).problems == ()


def test_closer_text_advice_fixes_it() -> None:
    body = ":::{reflect} r\nWhy?\n::: end\n\nAfter.\n"
    [(line, code, message)] = problems(body)
    assert (line, code) == (7, "directive.closer-text")
    assert "opened on line 5" in message
    fixed = lines(body)
    fixed[line - 1] = ":::"
    assert parse_lesson("\n".join(fixed), Path("a.md")).problems == ()


def test_nested_advice_fixes_it() -> None:
    """Nesting is refused even with more colons; moving it out, as advised, works."""
    body = "::::{note}\nText.\n:::{tip}\nInner.\n:::\n::::\n"
    [(line, code, message)] = problems(body)
    assert (line, code) == (7, "directive.nested")
    assert "after the '::::' that closes the fence opened on line 5" in message
    fixed = "::::{note}\nText.\n::::\n\n:::{tip}\nInner.\n:::\n"
    assert problems(fixed) == []


def test_misplaced_option_advice_fixes_it() -> None:
    body = ":::{reflect} r\n\n:required:\nWhy?\n:::\n"
    [(_, code, message)] = problems(body)
    assert code == "option.misplaced" and "after a blank line" in message
    assert problems(":::{reflect} r\n:required:\nWhy?\n:::\n") == []


def test_suggestions_name_the_right_word() -> None:
    [(_, _, directive)] = problems(":::{reflct} r\nWhy?\n:::\n")
    assert "did you mean '{reflect}'" in directive
    [(_, _, option)] = problems(":::{reflect} r\n:min_words: 3\nWhy?\n:::\n")
    assert "did you mean ':min-words:'" in option
    [(_, _, key)] = parse_lesson_messages("---\ntitle: t\nsumary: x\n---\n\nBody.\n")
    assert "did you mean 'summary'" in key
    [(_, _, language)] = problems("```pyhton\nx\n```\n")
    assert "did you mean 'python'" in language


def parse_lesson_messages(text: str) -> list[tuple[int, str, str]]:
    return [(p.line, p.code, p.message) for p in parse_lesson(text, Path("a.md")).problems]


def test_comments_are_hidden_from_every_renderer() -> None:
    from leadtutor.core.markdown import create_parser

    text = "Visible <!-- secret one --> text.\n\n<!-- secret\n\ntwo -->\n\n- [ ] a <!-- secret three -->\n"
    html = create_parser().render(text)
    assert "secret" not in html and "Visible" in html
    lesson = parse_lesson(HEAD + text, Path("a.md"))
    assert "secret" not in "\n".join(b.body.plain for b in lesson.blocks)


def test_link_problems_suggest_the_likely_target(tmp_path: Path) -> None:
    from leadtutor.core import load_course
    from tests.conftest import write_course

    root = write_course(
        tmp_path / "c",
        {
            "01-m/01-a.md": "---\ntitle: A\n---\n\n## Getting started\n\n"
            "[b](02-b) [typo](02-bb.md) [anchor](#geting-started) [web](www.example.org)\n",
            "01-m/02-b.md": "---\ntitle: B\n---\n\nHello.\n",
        },
    )
    messages = [p.message for p in load_course(root).problems]
    assert any("did you mean '02-b.md'?" in m for m in messages), messages
    assert any("did you mean '#getting-started'?" in m for m in messages), messages
    assert any("write 'https://www.example.org'" in m for m in messages), messages
    assert sum("did you mean '02-b.md'?" in m for m in messages) == 2, messages


def test_choice_and_callout_messages_name_the_fix() -> None:
    [no_space] = [
        m
        for _, c, m in problems(":::{choice} c\nQ?\n\n- [x]Right\n- [ ] b\n:::\n")
        if c == "choice.not-task"
    ]
    assert "put a space after the box: '- [x] Right'" in no_space
    [myst] = [m for _, _, m in problems(":::{warning}\nCareful.\n:::\n")]
    assert "use '{note}'" in myst
