"""When answers cannot be saved: a lasting banner (not a toast), an honest welcome
screen, a quit dialog no toast covers, and a rescue file on "Quit anyway"."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from leadtutor.core import load_course
from leadtutor.progress import ProgressLoadError, ProgressSaveError, ProgressStore
from leadtutor.settings import Settings
from leadtutor.ui.app import LeadTutorApp
from leadtutor.ui.screens.dialogs import ConfirmDialog
from leadtutor.ui.screens.lesson import LessonScreen
from leadtutor.ui.screens.welcome import WelcomeScreen
from leadtutor.ui.widgets.banner import SaveBanner
from tests.ui.conftest import text_area


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The learner's home folder, where a rescue file goes."""
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    return folder


def unwritable_app(course_dir: Path, tmp_path: Path) -> LeadTutorApp:
    """The app as `leadtutor --data-dir <a file>` builds it."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    course = load_course(course_dir)
    store = ProgressStore(blocker / "data", course.id)
    with pytest.raises(ProgressLoadError) as info:
        store.load()
    return LeadTutorApp(course, store, Settings(), storage_problem=str(info.value))


def banner_text(app: LeadTutorApp) -> str:
    return str(app.screen.query_one(SaveBanner).render())


async def test_unwritable_data_dir_gets_a_lasting_banner_and_a_rescue_file(
    course_dir: Path, tmp_path: Path, home: Path
) -> None:
    app = unwritable_app(course_dir, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        assert "could not be created" in banner_text(app)
        privacy = str(app.screen.query_one(".welcome-privacy").render())
        assert "saved as you type" not in privacy and "cannot be saved" in privacy
        assert not app._notifications, "no toast: the banner says it"
        await pilot.click("#start")
        await pilot.pause(0.3)
        assert isinstance(app.screen, LessonScreen)
        area = text_area(app, "s-reflect")
        area.focus()
        await pilot.press(*"words to rescue")
        await pilot.pause(1.5)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.save_state == "failed"
        assert "could not be saved" in banner_text(app)
        assert not app._notifications, "still no toast"
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert not app._notifications, "no toast covers the dialog's buttons"
        await pilot.click("#yes")
        await pilot.pause()
    assert app.return_code == 1
    [rescue] = home.glob("leadtutor-rescue-sample-course-*.json")
    assert stat.S_IMODE(rescue.stat().st_mode) == 0o600
    saved = json.loads(rescue.read_text())
    assert saved["answers"]["s-reflect"]["value"] == "words to rescue"
    said = app.farewell  # `leadtutor` prints it after leaving the terminal
    assert f"\n  {rescue}\n" in said
    assert f"\n  leadtutor progress restore {rescue}" in said


async def test_the_banner_goes_once_saving_works_again(
    course_dir: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    course = load_course(course_dir)
    store = ProgressStore(data_dir, course.id)
    store.load()
    app = LeadTutorApp(course, store, Settings(), start_lesson="sample")
    real_save = store.save
    failing = True

    def save() -> bool:
        if failing:
            raise ProgressSaveError("The disk is full, so your progress could not be saved.")
        return real_save()

    async with app.run_test(size=(100, 30)) as pilot:
        monkeypatch.setattr(store, "save", save)
        text_area(app, "s-reflect").focus()
        await pilot.press(*"kept")
        await pilot.pause(1.2)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "disk is full" in banner_text(app)
        await pilot.press("ctrl+j")  # the banner follows the learner to every screen
        await pilot.pause()
        assert "disk is full" in banner_text(app)
        await pilot.press("escape")
        await pilot.pause()
        failing = False
        await pilot.press(*" again")
        await pilot.pause(4)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.save_state == "saved"
        assert not app.screen.query(SaveBanner)


async def test_the_quit_dialog_stays_clear_of_toasts(
    course_dir: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch, home: Path
) -> None:
    course = load_course(course_dir)
    store = ProgressStore(data_dir, course.id)
    store.load()
    app = LeadTutorApp(course, store, Settings(), start_lesson="sample")

    def fail() -> bool:
        raise ProgressSaveError("The disk is full, so your progress could not be saved.")

    async with app.run_test(size=(80, 24)) as pilot:
        monkeypatch.setattr(store, "save", fail)
        app.notify("An earlier toast", timeout=30)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert not app._notifications
        await pilot.click("#no")
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen), "Stay stays"
