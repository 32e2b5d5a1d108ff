"""The help screen's descriptions wrap under their own column, at 40 to 120 columns."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from leadtutor.ui.screens.help import HelpScreen
from tests.ui.conftest import make_app


@pytest.mark.parametrize("width", [40, 60, 80, 120])
async def test_descriptions_hang_under_their_column(
    course_dir: Path, data_dir: Path, width: int
) -> None:
    app = make_app(course_dir, data_dir)
    async with app.run_test(size=(width, 30)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        static = app.screen.query_one(Static)
        room = static.content_region.width
        lines = [strip.text.rstrip() for strip in static.render_lines(static.size.region)]
    assert all(len(line) <= room for line in lines)
    table = [line for line in lines if line.startswith("  ")]
    first = next(line for line in table if line.strip().startswith("?"))
    column = first.index("this help")
    assert len(table) > 20
    for line in table:
        if len(line) > column:  # (a long key may wrap onto a line of its own)
            assert line[column - 1] == " " and line[column] != " ", f"off the column: {line!r}"
    wrapped = [line for line in table if not line[:column].strip()]
    assert wrapped, "some descriptions wrap onto a line of their own"
