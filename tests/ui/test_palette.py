"""The command palette: one entry per thing, and nothing that fails."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from textual.command import CommandList, CommandPalette

from leadtutor.ui.screens.help import HelpScreen
from tests.ui.conftest import make_app


async def test_palette_has_no_duplicates_and_no_screenshot(
    course_dir: Path, data_dir: Path
) -> None:
    app = make_app(course_dir, data_dir, start_lesson="sample")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause(0.5)
        assert isinstance(app.screen, CommandPalette)
        commands = app.screen.query_one(CommandList)
        titles = [
            str(commands.get_option_at_index(i).prompt).split("\n")[0].strip()
            for i in range(commands.option_count)
        ]
        assert "Screenshot" not in titles
        assert "Keys" not in titles and "Toggle theme" not in titles
        assert titles.count("Theme") == 1 and titles.count("Help") == 1
        assert [t for t, n in Counter(titles).items() if n > 1] == []
        await pilot.press(*"Help")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, HelpScreen)
