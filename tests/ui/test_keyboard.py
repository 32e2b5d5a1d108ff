"""Keyboard first: no layout shift when focus moves, number keys, the footer in a text
box, the follow-up days field, and links reached with tab."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, RadioSet, TextArea

from leadtutor.ui.app import LeadTutorApp
from leadtutor.ui.screens.lesson import LessonScreen
from leadtutor.ui.widgets.choice import ChoiceBox
from leadtutor.ui.widgets.lesson_view import LessonView
from leadtutor.ui.widgets.rating import ScaleBox
from leadtutor.ui.widgets.status import StatusLine
from tests.conftest import write_course
from tests.ui.conftest import OTHER, SAMPLE, make_app

KEYS = """---
title: Keys lesson
id: keys
---

Read [the sample lesson](01-sample.md) or [a site](https://example.org/x) first.

:::{choice} k-multi
:multiple:
Pick two.

- [x] One
- [ ] Two
- [x] Three
:::

Closing words.
"""


@pytest.fixture
def keys_course(tmp_path: Path) -> Path:
    return write_course(
        tmp_path / "course",
        {"01-m/01-sample.md": SAMPLE, "01-m/02-other.md": OTHER, "01-m/03-keys.md": KEYS},
        "sample-course",
    )


async def settled(pilot: Pilot[None]) -> None:
    await pilot.pause()
    for view in pilot.app.screen.query(LessonView):
        view.build_all()
    await pilot.pause(0.3)


def regions(app: LeadTutorApp) -> dict[str, tuple[int, int]]:
    """Where each prompt's buttons and the end of the lesson are (y, height)."""
    found: dict[str, tuple[int, int]] = {}
    for widget in app.screen.query("Button, LessonEnd"):
        region = widget.virtual_region
        found[widget.id or type(widget).__name__] = (region.y, region.height)
    return found


@pytest.mark.parametrize("lesson", ["sample", "keys"])
async def test_focus_moving_never_shifts_the_layout(keys_course: Path, lesson: str) -> None:
    app = make_app(keys_course, keys_course.parent / "data", start_lesson=lesson)
    async with app.run_test(size=(100, 40)) as pilot:
        await settled(pilot)
        app.screen.query_one(LessonView).focus()
        await pilot.pause()
        resting = regions(app)
        targets: list[Widget] = [
            *app.screen.query(RadioSet),
            *app.screen.query(Checkbox),
            *app.screen.query(Button),
        ]
        assert targets
        for target in targets:
            target.focus(scroll_visible=False)
            await pilot.pause()
            assert regions(app) == resting, f"focus on {target!r} moved the layout"


async def test_first_click_on_check_after_choosing_hits_the_button(
    keys_course: Path,
) -> None:
    app = make_app(keys_course, keys_course.parent / "data", start_lesson="sample")
    async with app.run_test(size=(100, 40)) as pilot:
        await settled(pilot)
        box = app.screen.query_one(ChoiceBox)
        app.screen.query_one(LessonView).scroll_to_widget(box, animate=False, top=True)
        await pilot.pause(0.2)
        await pilot.click("#opt-s-choice-1")
        await pilot.pause(0.2)
        await pilot.click("#check-s-choice")
        await pilot.pause(0.2)
        assert box.answer.checked and box.answer.correct


async def test_number_keys_pick_an_option_and_a_point(keys_course: Path) -> None:
    app = make_app(keys_course, keys_course.parent / "data", start_lesson="sample")
    async with app.run_test(size=(100, 40)) as pilot:
        await settled(pilot)
        choice = app.screen.query_one(ChoiceBox)
        choice.query_one(RadioSet).focus()
        await pilot.press("2")
        await pilot.pause()
        assert choice.selected() == (1,)
        status = str(choice.query_one(".prompt-status").render())
        assert "keys 1–2 pick" in status
        await pilot.press("9")  # no such option: nothing changes
        await pilot.pause()
        assert choice.selected() == (1,)
        scale = app.screen.query_one(ScaleBox)
        scale.query_one(RadioSet).focus()
        await pilot.press("4")
        await pilot.pause(0.2)
        assert scale.value == 4
        assert app.store.answer("s-scale") is not None
        assert app.store.answer("s-scale").value == 4  # type: ignore[union-attr]
        assert "keys 1–5 rate" in str(scale.query_one(".prompt-status").render())


async def test_number_keys_tick_options_of_a_multiple_choice(keys_course: Path) -> None:
    app = make_app(keys_course, keys_course.parent / "data", start_lesson="keys")
    async with app.run_test(size=(100, 40)) as pilot:
        await settled(pilot)
        choice = app.screen.query_one(ChoiceBox)
        choice.query(Checkbox).first().focus()
        await pilot.press("1", "3")
        await pilot.pause()
        assert choice.selected() == (0, 2)
        await pilot.press("3")
        await pilot.pause()
        assert choice.selected() == (0,)


async def test_the_footer_in_a_text_box_shows_esc_and_tab(keys_course: Path) -> None:
    app = make_app(keys_course, keys_course.parent / "data", start_lesson="sample")
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        app.screen.query_one("#text-s-reflect").focus()
        await pilot.pause(0.3)
        footer = " ".join(strip.text for strip in app.screen._compositor.render_strips()[-1:])
        assert "esc" in footer and "tab" in footer and "Quit" in footer
        await pilot.press("tab")
        await pilot.pause()
        assert app.focused is not None and app.focused.id != "text-s-reflect"


async def days_field(pilot: Pilot[None], typed: str) -> tuple[str, str]:
    """Type into the follow-up days field; return (what it shows, the error)."""
    app = pilot.app
    app.screen.query_one("#commit-s-commit").focus()
    await pilot.pause()
    field = app.screen.query_one("#days-s-commit", Input)
    field.focus()  # selects what it holds: typing replaces it
    await pilot.pause()
    await pilot.press(*typed)
    await pilot.pause()
    error = app.screen.query_one(".commit-days-error", StatusLine)
    return field.value, error.content.plain


async def test_days_field_shows_errors_and_never_saves_a_hidden_value(keys_course: Path) -> None:
    app = make_app(keys_course, keys_course.parent / "data", start_lesson="sample")
    async with app.run_test(size=(100, 40)) as pilot:
        await settled(pilot)
        app.screen.query_one("#commit-s-commit").focus()
        await pilot.press(*"Ask two people")
        await pilot.pause()
        # "400" saves 4, then 40, then stops at 400; "1.5" saves 1, then stops
        for typed, kept in [("abc", 7), ("-15", 7), ("0", 7), ("400", 40), ("1.5", 1)]:
            shown, error = await days_field(pilot, typed)
            assert shown == typed, typed  # typed letters stay visible
            assert "1 to 365" in error and f"{kept} is kept" in error, typed
            [item] = app.store.commitments()
            assert item.follow_up_days == kept, typed
        app.screen.query_one("#commit-s-commit").focus()  # leaving puts the kept value back
        await pilot.pause()
        field = app.screen.query_one("#days-s-commit", Input)
        assert field.value == "1"
        assert app.screen.query_one(".commit-days-error", StatusLine).content.plain == ""
        shown, error = await days_field(pilot, "365")
        assert (shown, error) == ("365", "")
        [item] = app.store.commitments()
        assert item.follow_up_days == 365
        assert "365" in field.render_line(0).text  # the whole number is on screen


async def test_focus_on_the_days_field_is_visible(keys_course: Path) -> None:
    app = make_app(keys_course, keys_course.parent / "data", start_lesson="sample")
    async with app.run_test(size=(100, 40)) as pilot:
        await settled(pilot)
        text = app.screen.query_one("#commit-s-commit")
        field = app.screen.query_one("#days-s-commit", Input)
        text.focus()
        await pilot.pause()
        text_focused, field_resting = text.styles.border_top, field.styles.border_top
        field.focus()
        await pilot.pause()
        assert text.styles.border_top != text_focused  # the text box no longer looks focused
        assert field.styles.border_top != field_resting


async def test_keys_typed_right_after_tab_reach_the_box(keys_course: Path) -> None:
    """The terminal delivers a burst: tab then the words, before any of it is handled.
    The sample lesson has three links before its reflection: tab reaches them first."""
    app = make_app(keys_course, keys_course.parent / "data", start_lesson="sample")
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        app.screen.query_one(LessonView).focus()
        await pilot.pause()
        for key in ["tab", "tab", "tab", "tab", *"quick words"]:
            character = " " if key == " " else key if len(key) == 1 else None
            app.post_message(events.Key("space" if key == " " else key, character))
        await pilot.pause(0.5)
        assert app.screen.query_one("#text-s-reflect", TextArea).text == "quick words"
        assert isinstance(app.screen, LessonScreen)  # 'q', 'o', 'd'… were not commands


async def test_keys_typed_right_after_escape_reach_the_lesson(keys_course: Path) -> None:
    """A burst from the terminal: escape then end, before either is handled; end must
    scroll the lesson, not move the cursor of the box just left (seen in tmux)."""
    app = make_app(keys_course, keys_course.parent / "data", start_lesson="sample")
    async with app.run_test(size=(100, 20)) as pilot:
        await settled(pilot)
        app.screen.query_one("#text-s-reflect", TextArea).focus()
        await pilot.pause()
        view = app.screen.query_one(LessonView)
        assert view.scroll_y == 0
        for key in ["escape", "end"]:
            app.post_message(events.Key(key, None))
        await pilot.pause(0.5)
        await pilot.wait_for_scheduled_animations()
        assert isinstance(app.focused, LessonView)
        assert view.scroll_y == view.max_scroll_y > 0
