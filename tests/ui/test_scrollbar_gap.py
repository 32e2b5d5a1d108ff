"""Text keeps one column clear of the scrollbar on every screen a learner reads."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.geometry import Region
from textual.widget import Widget

from leadtutor.ui.app import LeadTutorApp
from tests.ui.conftest import bundled, make_app


def screen_lines(app: LeadTutorApp) -> list[str]:
    return [strip.text for strip in app.screen._compositor.render_strips()]


def scrollbar(app: LeadTutorApp) -> Region | None:
    """Where the widest scrolling widget draws its vertical scrollbar."""
    scrolling: list[Widget] = [
        w for w in app.screen.query("*") if w.show_vertical_scrollbar and w.region.width
    ]
    if not scrolling:
        return None
    return max(scrolling, key=lambda w: w.region.width).vertical_scrollbar.region


@pytest.mark.parametrize("keys", [[], ["enter"], ["g"], ["ctrl+j"], ["question_mark"]])
@pytest.mark.parametrize("width", [40, 80])
async def test_text_stays_clear_of_the_scrollbar(
    data_dir: Path, keys: list[str], width: int
) -> None:
    app = make_app(bundled(), data_dir)
    for lesson in app.course.lessons[:2]:
        for prompt in lesson.prompts:
            app.store.set_reflection(prompt.id, lesson.id, "word " * 60)
    async with app.run_test(size=(width, 24)) as pilot:
        await pilot.pause(0.3)
        for key in keys:
            await pilot.press(key)
            await pilot.pause(0.5)
        bar = scrollbar(app)
        if bar is None:  # the welcome screen fits 80x24: nothing to keep clear of
            assert keys == [] and width == 80
            return
        lines = screen_lines(app)
        for y in range(bar.y, bar.bottom):
            assert lines[y][bar.x - 1] in (" ", "│", "▎", "▌"), (bar.x, lines[y])
