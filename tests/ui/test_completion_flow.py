"""The completion model in the app: `:required:` is enforced, opening never completes a
lesson, and the learner is told why a lesson is not done yet."""

from __future__ import annotations

from pathlib import Path

from leadtutor.ui.app import LeadTutorApp
from leadtutor.ui.screens.lesson import LessonScreen
from leadtutor.ui.widgets.lesson_view import LessonView
from tests.conftest import write_course
from tests.ui.conftest import make_app, text_area

REQUIRED = """---
title: Required things
id: required
---

Read this.

:::{reflect} r-why
:required:
:min-words: 3
Why does it matter?
:::

:::{choice} r-check
:required:
Which is right?

- [ ] Wrong

  Because.
- [x] Right

  Because.
:::
"""

NOTHING_REQUIRED = """---
title: Nothing required
id: free
---

A short lesson.

:::{reflect} f-optional
Anything to add?
:::

## The end

Bye.
"""


def _course(root: Path) -> Path:
    return write_course(
        root, {"01-m/01-required.md": REQUIRED, "01-m/02-free.md": NOTHING_REQUIRED}, "done-course"
    )


def _messages(app: LeadTutorApp) -> str:
    return "\n".join(str(n.message) for n in app._notifications)


async def test_d_refuses_while_a_required_prompt_is_open_and_says_why(tmp_path: Path) -> None:
    app = make_app(_course(tmp_path / "c"), tmp_path / "data", start_lesson="required")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause(0.3)
        app.screen.query_one(LessonView).focus()
        await pilot.press("d")
        await pilot.pause()
        assert app.store.lesson("required").status == "started"
        said = _messages(app)
        assert "Answer: Why does it matter?" in said
        assert "Pick an answer and press Check: Which is right?" in said
        text_area(app, "r-why").focus()
        await pilot.press(*"because it does")
        app.store.set_choice("r-check", "required", [0], False)  # checked, even if wrong
        app.screen.query_one(LessonView).focus()
        await pilot.press("d")
        await pilot.pause()
        assert app.store.lesson("required").status == "done"


async def test_opening_a_lesson_with_nothing_required_never_completes_it(tmp_path: Path) -> None:
    course = _course(tmp_path / "c")
    app = make_app(course, tmp_path / "data", start_lesson="free")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause(0.8)  # the whole short lesson, end included, is on screen
        assert app.store.lesson("free").status == "started"
        screen = app.screen
        assert isinstance(screen, LessonScreen)
        app.open_lesson(screen.lesson, anchor="the-end")  # a jump is not reading
        await pilot.pause(0.8)
        assert app.store.lesson("free").status == "started"
        app.screen.query_one(LessonView).focus()
        await pilot.press("d")
        await pilot.pause()
        assert app.store.lesson("free").status == "done"


async def test_scrolling_to_the_end_completes_only_when_the_learner_scrolls(tmp_path: Path) -> None:
    long_lesson = NOTHING_REQUIRED.replace(
        "A short lesson.", "\n\n".join(f"Paragraph {n}." for n in range(60))
    )
    course = write_course(tmp_path / "c", {"01-m/01-long.md": long_lesson}, "long-course")
    app = make_app(course, tmp_path / "data")
    app.store.set_resume("free", block=99, scroll=500)  # placed at the end when it opens
    app.start_lesson = "free"
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.pause(1.0)
        assert app.store.lesson("free").status == "started"
        screen = app.screen
        assert isinstance(screen, LessonScreen)
        app.open_lesson(screen.lesson, anchor="the-end")  # jumping to the end is not reading
        await pilot.pause(1.0)
        assert app.store.lesson("free").status == "started"
        view = app.screen.query_one(LessonView)
        assert view.scroll_y > 0
        view.scroll_home(animate=False, immediate=True)
        await pilot.pause(0.2)
        view.focus()
        await pilot.press("end")
        await pilot.pause(0.8)
        assert app.store.lesson("free").status == "done"
