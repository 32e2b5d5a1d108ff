"""The journal shows an answer's history: every version, its date, what changed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from textual.widgets import OptionList, Static

from leadtutor.core import load_course
from leadtutor.progress import ProgressStore
from leadtutor.ui.screens.history import HistoryScreen
from leadtutor.ui.screens.journal import JournalScreen
from tests.ui.conftest import make_app


async def test_h_in_the_journal_shows_every_version_and_the_changes(
    course_dir: Path, data_dir: Path
) -> None:
    moments = iter(datetime(2026, 5, d, 9, 0, tzinfo=UTC) + timedelta(hours=1) for d in (1, 8, 15))
    now = {"t": next(moments)}
    store = ProgressStore(data_dir, load_course(course_dir).id, clock=lambda: now["t"])
    store.load()
    store.set_reflection("s-reflect", "sample", "I told them what to do.")
    now["t"] = next(moments)
    store.set_reflection("s-reflect", "sample", "I asked them what to do.")
    now["t"] = next(moments)
    store.set_reflection("s-reflect", "sample", "I asked them what we should do next.")
    store.save()
    app = make_app(course_dir, data_dir)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("ctrl+j")
        await pilot.pause()
        assert isinstance(app.screen, JournalScreen)
        options = app.screen.query_one(OptionList)
        row = str(options.get_option_at_index(options.highlighted or 0).prompt)
        assert "2 earlier versions · h: history" in row
        await pilot.press("h")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        texts = [str(s.render()) for s in screen.query(Static)]
        joined = "\n".join(texts)
        for number in (3, 2, 1):
            assert f"Version {number} · " in joined
        assert joined.index("Version 3") < joined.index("Version 2") < joined.index("Version 1")
        assert "15 May 2026" in joined and "1 May 2026" in joined
        assert "What changed from version 1: 1 word added, 1 removed" in joined
        assert "What changed from version 2: 3 words added" in joined
        diff = screen.query(".history-diff-text").first(Static)
        spans = diff.render().spans  # type: ignore[union-attr]
        assert spans, "added and removed words are styled"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, JournalScreen)


async def test_history_of_a_first_version(course_dir: Path, data_dir: Path) -> None:
    app = make_app(course_dir, data_dir)
    app.store.set_scale("s-scale", "sample", 3)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("ctrl+j")
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        joined = "\n".join(str(s.render()) for s in app.screen.query(Static))
        assert "Version 1 · " in joined and "current" in joined
        assert "3 on a scale of 1 to 5" in joined
        assert "What changed" not in joined
