"""Contrast: the scrollbar thumb against its track, on every built-in theme."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.color import Color
from textual.theme import BUILTIN_THEMES

from leadtutor.ui.theme import contrast
from tests.ui.conftest import make_app


@pytest.mark.parametrize("theme", sorted(t for t in BUILTIN_THEMES if "ansi" not in t))
async def test_scrollbar_thumb_stands_out(theme: str, course_dir: Path, data_dir: Path) -> None:
    app = make_app(course_dir, data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = theme
        await pilot.pause()
        variables = app.get_css_variables()
        thumb, track = (
            Color.parse(variables["scrollbar"]),
            Color.parse(variables["scrollbar-background"]),
        )
        assert contrast(thumb, track) >= 3.0
