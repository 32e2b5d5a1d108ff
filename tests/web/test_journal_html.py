"""`leadtutor journal export --format html`: one self-contained, printable page whose
text is exactly the course's and the learner's, however hostile; checked by parsing
and in Chromium (the DOM's text, no script ran, nothing was fetched, it prints)."""

from __future__ import annotations

import json
import stat
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from leadtutor.cli import main
from leadtutor.core import load_course
from leadtutor.progress import ProgressStore
from leadtutor.progress.journal_html import render_html
from tests.conftest import write_course
from tests.web.browser import chromium_missing, launch

COURSE_TITLE = "<script>window.pwned = 'course'</script> & Co"
LESSON_TITLE = '"><img src=x onerror="window.pwned=\'lesson\'"> Lesson'

LESSON = f"""---
title: {json.dumps(LESSON_TITLE)}
id: hostile
---

:::{{reflect}} r-script
A question with <i>tags</i> & **bold** words?
:::

:::{{reflect}} r-img
Second?
:::

:::{{reflect}} r-amp
Third?
:::

:::{{reflect}} r-markdown
Fourth?
:::

:::{{choice}} c-pick
Pick one.

- [ ] <b>not bold</b> & plain

  No.
- [x] "><svg onload=alert(1)>

  Yes.
:::

:::{{scale}} s-rate
:low: <u>never</u>
:high: & always
How often?
:::

:::{{commit}} k-do
:follow-up: 7
What will you do?
:::
"""

ANSWERS = {
    "r-script": "<script>window.pwned = 'answer'</script>",
    "r-img": '"><img src=x onerror="window.pwned=\'img\'">',
    "r-amp": "Tom & Jerry &amp; &lt;friends&gt; &#x41; &copy",
    "r-markdown": "# Not a heading\n\n- not a list\n*not emphasis* `not code` "
    "[not a link](http://example.org)\n> not a quote\n<!-- not a comment -->",
}
COMMITMENT = "Ask <em>for</em> feedback & </td></tr></table><h1>escaped</h1>"
NOTE = 'went <ok> & "fine"'
DRAFT = "</p><script>window.pwned='draft'</script>"


@pytest.fixture
def exported(tmp_path: Path) -> tuple[Path, Path]:
    """The hostile course, a learner's hostile answers, and the HTML export's path."""
    course_dir = write_course(tmp_path / "course", {"01-m/01-hostile.md": LESSON}, "hostile")
    (course_dir / "course.toml").write_text(
        f'id = "hostile"\ntitle = {json.dumps(COURSE_TITLE)}\n', encoding="utf-8"
    )
    (course_dir / "01-m" / "module.toml").write_text("title = '<h2>Module</h2> & more'\n")
    data = tmp_path / "data"
    store = ProgressStore(data, "hostile")
    store.load()
    for prompt_id, text in ANSWERS.items():
        store.set_reflection(prompt_id, "hostile", text)
    store.set_choice("c-pick", "hostile", [1], correct=True)
    store.set_scale("s-rate", "hostile", 2)
    made = store.make_commitment("k-do", "hostile", COMMITMENT, 7)
    store.record_outcome(made.commitment_id, "partly", NOTE)
    store.set_draft("r-later", "hostile", DRAFT)
    store.set_reflection("gone-prompt", "hostile", "An answer to a removed question")
    store.save()
    target = tmp_path / "journal.html"
    args = ["journal", "export", "--format", "html", "-o", str(target)]
    assert main([*args, "--course", str(course_dir), "--data-dir", str(data)]) == 0
    return course_dir, target


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += [name for name, _ in attrs]


def test_the_page_is_self_contained_and_private(exported: tuple[Path, Path]) -> None:
    _, target = exported
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    text = target.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>")
    parsed = _Tags()
    parsed.feed(text)
    allowed = {"html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3"}
    allowed |= {"span", "p", "main", "section", "article", "ul", "ol", "li", "strong", "div"}
    allowed |= {"table", "thead", "tbody", "tr", "th", "td", "footer"}
    assert set(parsed.tags) <= allowed, set(parsed.tags) - allowed
    assert parsed.tags.count("style") == 1
    assert set(parsed.attributes) <= {
        "lang",
        "charset",
        "http-equiv",
        "content",
        "name",
        "class",
        "aria-hidden",
    }
    assert "default-src 'none'" in text  # and the policy forbids anything else anyway
    assert "@media print" in text
    assert "url(" not in text and "@import" not in text
    # No internal ids: removed questions, drafts and commitments are named in words.
    assert "An answer to a removed question" in text and "Removed question 1" in text
    for internal in ("gone-prompt", "k-do#1", "r-later", "r-script"):
        assert internal not in text, internal


def test_html_to_standard_output(
    exported: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    course_dir, target = exported
    args = ["journal", "export", "--format", "html", "--course", str(course_dir)]
    assert main([*args, "--data-dir", str(tmp_path / "data")]) == 0
    out = capsys.readouterr().out
    # The same page, bar the export minute.
    assert out.split("<main>")[1] == target.read_text(encoding="utf-8").split("<main>")[1]


def test_an_empty_journal_says_so(tmp_path: Path) -> None:
    course = load_course(write_course(tmp_path / "c", {"01-m/01-hostile.md": LESSON}, "empty"))
    from leadtutor.progress.model import Progress

    page = render_html(course, Progress(course_id="empty"))
    assert "No answers yet." in page and "0 answers · 0 of 1 lessons done" in page


@pytest.mark.slow
@pytest.mark.skipif(bool(chromium_missing()), reason=chromium_missing() or "-")
def test_chromium_shows_exactly_what_was_written(
    exported: tuple[Path, Path], tmp_path: Path
) -> None:
    from playwright.sync_api import sync_playwright

    course_dir, target = exported
    course = load_course(course_dir)
    lesson = course.lessons[0]
    with sync_playwright() as playwright:
        context = launch(playwright, tmp_path / "profile")
        try:
            page = context.new_page()
            requests: list[str] = []
            page.on("request", lambda request: requests.append(request.url))
            page.goto(target.as_uri())
            texts = _texts(page)
            pdf = page.pdf()
            page.screenshot(path=str(tmp_path / "journal.png"), full_page=True)
        finally:
            context.close()
    assert requests == [target.as_uri()], "the page fetched something"
    assert texts["pwned"] is None, f"a script ran: {texts['pwned']}"
    assert texts["scripts"] == 0 and texts["images"] == 0 and texts["handlers"] == 0
    assert texts["title"] == f"Journal: {COURSE_TITLE}"
    assert texts["course"] == COURSE_TITLE
    assert texts["lessons"] == [LESSON_TITLE, "Removed question 1"]
    assert "<h2>Module</h2> & more" in texts["modules"]
    assert texts["questions"][:4] == [p.text for p in lesson.prompts[:4]]
    assert "A question with <i>tags</i> & bold words?" in texts["questions"]
    answers = texts["answers"]
    for written in ANSWERS.values():
        assert written in answers, f"{written!r} not shown as written: {answers}"
    assert COMMITMENT in answers and DRAFT in answers
    assert texts["picked"] == ['"><svg onload=alert(1)>']
    assert "<b>not bold</b> & plain" in texts["options"]
    assert any("(<u>never</u> … & always)" in a for a in answers)
    assert texts["table"][0][0] == COMMITMENT
    assert texts["table"][0][-1] == f"Partly done: {NOTE}"
    assert pdf.startswith(b"%PDF")


def _texts(page: Any) -> dict[str, Any]:
    result: dict[str, Any] = page.evaluate(
        """() => {
        const all = (selector) => [...document.querySelectorAll(selector)].map(e => e.textContent);
        return {
            pwned: window.pwned === undefined ? null : String(window.pwned),
            scripts: document.scripts.length,
            images: document.images.length + document.querySelectorAll("svg, iframe, object").length,
            handlers: [...document.querySelectorAll("*")].filter(
                e => [...e.attributes].some(a => a.name.startsWith("on"))).length,
            title: document.title,
            course: document.querySelector("h1 .course").textContent,
            modules: all("h2"),
            lessons: all("article.lesson h3"),
            questions: all(".question"),
            answers: all(".answer, td.value"),
            picked: all("ul.options li.picked"),
            options: all("ul.options li"),
            table: [...document.querySelectorAll(".commitments tbody tr")].map(
                row => [...row.cells].map(cell => cell.textContent)),
        };
    }"""
    )
    return result
