"""R5: saves that fail for real reasons, in the store and in the running app.

Store cases: a full disk (a 256 KiB tmpfs, filled up), a read-only folder and a
write-protected file (run as `nobody`, since the suite runs as root), and the progress
file replaced by a directory. Each must leave the old file intact, keep the answer in
memory, raise one clear sentence, and save on the next try once the cause is gone.
App case: the same through the UI (typing, autosave, the toast, the retry).
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Final

from benchmarks.reliability_suite import Row
from leadtutor.progress import ProgressSaveError, ProgressStore

COURSE: Final = "course"
NOBODY: Final = 65534


@contextlib.contextmanager
def as_nobody() -> Iterator[None]:
    """Drop the effective uid so file modes apply (the suite runs as root here)."""
    if os.geteuid() != 0:
        yield
        return
    os.setegid(NOBODY)
    os.seteuid(NOBODY)
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(0)


@contextlib.contextmanager
def small_disk(size: str = "256k") -> Iterator[Path | None]:
    """A tiny tmpfs (None if this machine cannot mount one)."""
    where = Path(tempfile.mkdtemp(prefix="leadtutor-full-"))
    mounted = (
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0777", "tmpfs", str(where)],
            capture_output=True,
        ).returncode
        == 0
    )
    try:
        yield where if mounted else None
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(where)], capture_output=True)
        shutil.rmtree(where, ignore_errors=True)


def _shared_dir() -> Path:
    base = Path(tempfile.mkdtemp(prefix="leadtutor-r5-"))
    base.chmod(0o777)
    return base


def _case(
    data_dir: Path,
    break_it: Callable[[ProgressStore], None],
    fix_it: Callable[[ProgressStore], None],
) -> dict[str, Any]:
    """Save once, break, try a save with a new answer, fix, save again."""
    store = ProgressStore(data_dir, COURSE)
    store.load()
    store.set_reflection("before", "l", "saved before the fault")
    store.save()
    before = store.path.read_bytes()
    store.set_reflection("during", "l", "typed while saving fails " + "é" * 200)
    break_it(store)
    message = ""
    try:
        store.save()
    except ProgressSaveError as exc:
        message = str(exc)
    intact = store.path.is_file() and store.path.read_bytes() == before
    if not store.path.exists() or store.path.is_dir():
        intact = not store.path.is_file()  # replaced by a directory: not ours to delete
    kept = store.has_unsaved_changes() and (store.answer("during") is not None)
    temps = len(list(store.files.directory.glob(".*.tmp")))
    fix_it(store)
    retried = False
    with contextlib.suppress(ProgressSaveError):
        store.save()
        again = ProgressStore(data_dir, COURSE)
        again.load()
        retried = again.answer("during") is not None and again.answer("before") is not None
    clear = message.startswith("Your progress could not be saved") and "still here" in message
    return {
        "intact": intact,
        "kept": kept,
        "no_temp": temps == 0,
        "retried": retried,
        "clear": clear,
        "message": message,
    }


def _fill(folder: Path) -> None:
    with contextlib.suppress(OSError), (folder / "filler").open("wb") as out:
        while True:
            out.write(b"\0" * 4096)
            out.flush()


def _lock_out(store: ProgressStore) -> None:
    store.files.lock_path.unlink()  # so that saving needs to create it again
    store.files.directory.chmod(0o500)


def _unlock(store: ProgressStore) -> None:
    store.files.directory.chmod(0o700)


def _deny(store: ProgressStore) -> None:
    store.path.chmod(0o400)
    store.files.backup.unlink(missing_ok=True)
    store.files.directory.chmod(0o500)


def _allow(store: ProgressStore) -> None:
    store.files.directory.chmod(0o700)
    store.path.chmod(0o600)


def _make_directory(store: ProgressStore) -> None:
    store.path.unlink()
    store.path.mkdir()
    (store.path / "x").write_text("x")


def _fill_disk(store: ProgressStore) -> None:
    _fill(store.files.directory)


def _free_disk(store: ProgressStore) -> None:
    (store.files.directory / "filler").unlink()


def store_cases() -> dict[str, dict[str, Any]]:
    """Every store-level case: name -> its outcome."""
    results: dict[str, dict[str, Any]] = {}
    with small_disk() as disk:
        if disk is not None:
            results["disk full (tmpfs)"] = _case(disk, _fill_disk, _free_disk)
    base = _shared_dir()
    try:
        with as_nobody():
            results["read-only folder"] = _case(base / "ro", _lock_out, _unlock)
            results["permission denied (file 0400, folder 0500)"] = _case(
                base / "denied", _deny, _allow
            )
        results["file replaced by a directory"] = _case(
            base / "dir", _make_directory, lambda s: shutil.rmtree(s.path)
        )
    finally:
        for path in sorted(base.rglob("*"), reverse=True):
            with contextlib.suppress(OSError):
                path.chmod(0o700)
        shutil.rmtree(base, ignore_errors=True)
    return results


async def app_case(course_dir: Path, data_dir: Path, lesson: str, prompt: str) -> dict[str, Any]:
    """Type into the app while every write fails with ENOSPC; then let writes succeed."""
    import asyncio

    from textual.widgets import TextArea

    from leadtutor.core import load_course
    from leadtutor.progress.files import ProgressFiles
    from leadtutor.settings import Settings
    from leadtutor.ui.app import LeadTutorApp

    course = load_course(course_dir)
    store = ProgressStore(data_dir, course.id)
    store.load()
    app = LeadTutorApp(course, store, Settings(), start_lesson=lesson)
    toasts: list[str] = []
    notify = app.notify
    app.notify = lambda message, **kw: (toasts.append(str(message)), notify(message, **kw))[1]  # type: ignore[method-assign,func-returns-value]
    real_write = ProgressFiles.write

    def full(self: ProgressFiles, data: bytes) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    result: dict[str, Any] = {}
    async with app.run_test(size=(100, 40)) as pilot:
        # Under load the lesson and the first save can take a while: wait for each
        # (a timeout leaves the case failed, below), never a fixed pause.
        await _wait(pilot, lambda: bool(app.screen.query(f"#text-{prompt}")), 15)
        area = app.screen.query_one(f"#text-{prompt}", TextArea)
        area.focus()
        await pilot.press(*"first")
        await _wait(
            pilot,
            lambda: (
                area.text == "first"
                and app.save_state == "saved"
                and not store.has_unsaved_changes()
            ),
            15,
        )
        before = store.path.read_bytes()
        ProgressFiles.write = full  # type: ignore[method-assign]
        try:
            await pilot.press(*" words kept")
            await _wait(pilot, lambda: app.save_state == "failed", 10)
            await _wait(pilot, lambda: _told(app, toasts))  # the banner mounts a frame later
            result["clear"] = _told(app, toasts)
            result["kept"] = area.text == "first words kept"
            result["intact"] = store.path.read_bytes() == before
        finally:
            ProgressFiles.write = real_write  # type: ignore[method-assign]
        shown = [getattr(app, "storage_problem", "")]
        await _wait(pilot, lambda: app.save_state == "saved", 15)
        # The banner is removed on the next turn of the event loop after the save
        # (Textual prunes removed widgets asynchronously): give it that turn, and more
        # under load, before asserting that it went.
        await _wait(pilot, lambda: not _banners(app), 5)
        result["clear"] = result["clear"] and not _banners(app)
        await asyncio.sleep(0)
        again = ProgressStore(data_dir, course.id)
        again.load()
        answer = again.answer(prompt)
        result["retried"] = answer is not None and answer.value == "first words kept"
        result["no_temp"] = not list(store.files.directory.glob(".*.tmp"))
        result["clear"] = result["clear"] and any("Nothing was lost" in t for t in toasts)
        result["message"] = next((t for t in toasts if "could not be saved" in t), "") or shown[0]
    return result


def _banners(app: Any) -> list[Any]:
    return [w for w in app.screen.query("*") if type(w).__name__ == "SaveBanner"]


def _told(app: Any, toasts: list[str]) -> bool:
    """A toast, or (since the save banner) a lasting banner, names the cause."""
    said = [*toasts, getattr(app, "storage_problem", "")]
    named = any("could not be saved" in t and "disk is full" in t for t in said)
    return named and (bool(_banners(app)) or any("could not be saved" in t for t in toasts))


async def _wait(pilot: Any, condition: Callable[[], bool], seconds: float = 5.0) -> None:
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)


CHECKS: Final = {
    "intact": "original_damaged",
    "kept": "answer_dropped",
    "no_temp": "temp_left",
    "retried": "not_saved_on_retry",
    "clear": "unclear_message",
}
"""Outcome -> the figure counting the cases that failed it."""


def run(course_dir: Path, data_dir: Path, lesson: str, prompt: str) -> Row:
    """R5: every case; a figure per must-show column counts the cases that failed it."""
    import asyncio

    cases = store_cases()
    cases["app: disk full while typing"] = asyncio.run(
        app_case(course_dir, data_dir, lesson, prompt)
    )
    figures: dict[str, float | int | str] = {
        figure: sum(not c.get(name) for c in cases.values()) for name, figure in CHECKS.items()
    }
    figures["cases"] = len(cases)
    row = Row("R5 failed saves", ", ".join(cases), figures, tuple(CHECKS.values()))
    for name, outcome in cases.items():
        bad = [n for n in CHECKS if not outcome.get(n)]
        row.notes.append(
            f"{name}: {'ok' if not bad else 'FAILED ' + ', '.join(bad)}; {outcome['message'][:160]}"
        )
    return row
