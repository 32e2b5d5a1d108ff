"""Lesson text and learner answers are untrusted: never markup, never actions, never
escape sequences, and never slow enough to hang the app."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from textual.widgets import Input

from leadtutor.ui.screens.journal import JournalScreen
from leadtutor.ui.screens.lesson import LessonScreen
from leadtutor.ui.widgets.lesson_view import LessonView
from leadtutor.ui.widgets.prose import ProseText
from tests.conftest import write_course
from tests.ui.conftest import make_app, text_area

ESCAPES = "\x1b[2J\x1b]52;c;ZWNobyBwd25lZA==\x07\x1b]0;PWNED\x1b\\\x9b2J\x1b]8;;http://evil/\x1b\\"
HOSTILE = f"""---
title: 'Hostile [bold]T[/] [@click=app.quit]x[/] {ESCAPES}'
id: hostile
---

Plain [bold]markup[/bold] and [@click=app.quit]QUITLINK[/] and [link=https://evil.example]L[/link] and a stray [/] here {ESCAPES}.

A [file link](file%3A///etc/passwd) and `[@click=app.bell]code[/]`.

| [b]cell[/b] | [@click=app.quit]q[/] |
|---|---|
| {ESCAPES} | [/] |

:::{{reflect}} h-reflect
:placeholder: [@click=app.quit]ph[/]
Question with [@click=app.quit]markup[/] and [/] {ESCAPES}
:::

:::{{choice}} h-choice
Pick [b]one[/b]:

- [x] Option [@click=app.quit]one[/]

  Feedback [/] {ESCAPES}
- [ ] Option [red]two[/red]

  Feedback two
:::

:::{{scale}} h-scale
:low: [@click=app.quit]low[/]
:high: [/]
Rate [i]it[/i]
:::

::::{{debate}} [@click=app.quit]Title[/] [/]
Body [b]bold[/b]
::::

```
{"x" * 100_000}
```

```sparql
{"a" * 16_000}
```
"""


def hostile_course(tmp_path: Path) -> Path:
    return write_course(tmp_path / "c", {"01-m/01-hostile.md": HOSTILE}, "hostile-course")


def screen_text(app: object) -> str:
    """The visible text of the screen (from the SVG screenshot, tags removed)."""
    svg: str = app.export_screenshot()  # type: ignore[attr-defined]
    svg = svg.split("</style>")[-1]
    return html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")


@pytest.mark.timeout(60)
async def test_hostile_lesson_shows_literally_runs_nothing_and_leaks_no_escapes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    app = make_app(hostile_course(tmp_path), tmp_path / "data", start_lesson="hostile")
    monkeypatch.setattr(app, "open_url", lambda url, **_: opened.append(url))
    monkeypatch.setattr(app, "bell", lambda: opened.append("bell"))
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.pause(0.5)
        screen = app.screen
        assert isinstance(screen, LessonScreen)
        assert screen.lesson.ok, screen.lesson.problems
        view = screen.query_one(LessonView)
        view.build_all()
        await pilot.pause(0.3)
        svg = screen_text(app)
        for literal in (
            "[bold]markup[/bold]",
            "[@click=app.quit]QUITLINK[/]",
            "stray [/] here",
            "[link=https://evil.example]L[/link]",
        ):
            assert literal in svg, literal
        for bad in ("\x1b", "\x9b", "\x07"):
            assert bad not in svg
        # Click the fake action link and the encoded file: link; nothing may happen.
        prose = screen.query_one(ProseText)
        for needle in ("QUITLINK", "file link"):
            for y, line in enumerate(prose.lines(prose.content_region.width)):
                x = line.plain.find(needle)
                if x >= 0:
                    await pilot.click(prose, offset=(x + 1, y))
                    await pilot.pause()
                    break
            else:
                raise AssertionError(needle)
        assert app.is_running and app.return_code is None
        assert opened == []
        # Every rendered string in the lesson view is free of control characters.
        for widget in view.query(ProseText):
            for line in widget.lines(100):
                assert not any(ch in line.plain for ch in "\x1b\x9b\x07")


async def test_learner_answer_with_markup_is_literal_everywhere(tmp_path: Path) -> None:
    payload = "[/] and [@click=app.quit]quit[/] and [bold]b"
    app = make_app(hostile_course(tmp_path), tmp_path / "data", start_lesson="hostile")
    async with app.run_test(size=(120, 50)) as pilot:
        area = text_area(app, "h-reflect")
        area.focus()
        await pilot.press(*payload)
        await pilot.pause()
        assert area.text == payload
        await pilot.press("ctrl+j")
        await pilot.pause()
        assert isinstance(app.screen, JournalScreen)
        svg = screen_text(app)
        assert "[@click=app.quit]quit[/]" in svg
        app.screen.query_one(Input).value = "[/]"
        await pilot.pause()
        assert app.is_running and app.return_code is None
