"""The app's export dialog: asks where (a file in the home folder by default) and as
what (md, html, json); writes owner-only files; says what went wrong in the dialog."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static

from leadtutor.core import load_course
from leadtutor.progress.exports import choose_target, with_format
from leadtutor.ui.app import LeadTutorApp
from leadtutor.ui.screens.export import ExportDialog
from tests.ui.conftest import make_app


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    return folder


def _answered(course_dir: Path, data_dir: Path) -> LeadTutorApp:
    app = make_app(course_dir, data_dir)
    app.store.set_reflection("s-reflect", "sample", "An answer with <b>tags</b> & more")
    return app


async def _open(app: LeadTutorApp, pilot: Pilot[None]) -> ExportDialog:
    """Open the dialog as the palette's "Export journal…" does."""
    await pilot.pause()
    app.export_journal()
    await pilot.pause()
    assert isinstance(app.screen, ExportDialog)
    return app.screen


def _message(dialog: ExportDialog) -> str:
    return str(dialog.query_one("#export-error", Static).render())


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
async def test_export_each_format_to_the_home_folder(
    course_dir: Path, data_dir: Path, home: Path, fmt: str
) -> None:
    app = _answered(course_dir, data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await _open(app, pilot)
        path = dialog.query_one("#export-path", Input)
        assert path.value == str(home / "sample-course-journal.md")
        if fmt != "md":
            await pilot.click(f"#format-{fmt}")
            await pilot.pause()
        assert path.value == str(home / f"sample-course-journal.{fmt}")
        await pilot.click("#export")
        await pilot.pause()
        assert not isinstance(app.screen, ExportDialog)
        target = home / f"sample-course-journal.{fmt}"
        assert any(str(target) in str(n.message) for n in app._notifications)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    text = target.read_text(encoding="utf-8")
    if fmt == "md":
        assert text.startswith("# Journal: Test course")
    elif fmt == "html":
        assert text.startswith("<!DOCTYPE html>")
        assert "An answer with &lt;b&gt;tags&lt;/b&gt; &amp; more" in text
    else:
        assert json.loads(text)["answers"]["s-reflect"]["value"].startswith("An answer")
    assert not (data_dir / "sample-course" / "journal.md").exists()  # not the data folder


async def test_an_unwritable_place_is_explained_in_the_dialog(
    course_dir: Path, data_dir: Path, home: Path, tmp_path: Path
) -> None:
    app = _answered(course_dir, data_dir)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await _open(app, pilot)
        dialog.query_one("#export-path", Input).value = str(blocker / "journal.md")
        await pilot.click("#export")
        await pilot.pause()
        assert app.screen is dialog  # still open: the learner can fix the path
        message = _message(dialog)
        assert f"Could not write {blocker / 'journal.md'}" in message
        assert "Choose another place" in message
        assert app.focused is dialog.query_one("#export-path", Input)
    assert list(home.iterdir()) == []


async def test_an_existing_file_is_replaced_only_on_a_second_press(
    course_dir: Path, data_dir: Path, home: Path
) -> None:
    target = home / "sample-course-journal.md"
    target.write_text("keep me")
    app = _answered(course_dir, data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await _open(app, pilot)
        await pilot.click("#export")
        await pilot.pause()
        assert app.screen is dialog
        assert "already exists. Press Export again to replace it." in _message(dialog)
        assert target.read_text() == "keep me"
        await pilot.pause(0.3)  # a button ignores a second press within 0.2 s (a double click)
        await pilot.click("#export")
        await pilot.pause()
        assert app.screen is not dialog
    assert target.read_text().startswith("# Journal")


async def test_a_folder_gets_the_default_name_and_enter_exports(
    course_dir: Path, data_dir: Path, home: Path
) -> None:
    (home / "Documents").mkdir()
    app = _answered(course_dir, data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await _open(app, pilot)
        dialog.query_one("#export-path", Input).value = "~/Documents"
        dialog.query_one("#export-path", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is not dialog
    assert (home / "Documents" / "sample-course-journal.md").exists()


async def test_escape_cancels(course_dir: Path, data_dir: Path, home: Path) -> None:
    app = _answered(course_dir, data_dir)
    async with app.run_test(size=(40, 12)) as pilot:
        dialog = await _open(app, pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is not dialog
    assert list(home.iterdir()) == []


def test_choose_target(tmp_path: Path, course_dir: Path) -> None:
    course = load_course(course_dir)
    home = tmp_path / "h"
    (home / "folder").mkdir(parents=True)
    assert choose_target("", course, "md", home) == home / "sample-course-journal.md"
    assert choose_target("notes.md", course, "md", home) == home / "notes.md"
    assert choose_target("~/x.html", course, "html", home) == Path("~/x.html").expanduser()
    assert (
        choose_target("folder", course, "json", home) == home / "folder/sample-course-journal.json"
    )
    assert choose_target("new/", course, "md", home) == home / "new/sample-course-journal.md"
    assert choose_target("/abs/j.md", course, "md", home) == Path("/abs/j.md")
    assert with_format("/a/b.md", "html") == "/a/b.html"
    assert with_format("/a/b.txt", "html") == "/a/b.txt"  # the learner's own suffix stays
    assert with_format("/a/b.JSON", "md") == "/a/b.md"
