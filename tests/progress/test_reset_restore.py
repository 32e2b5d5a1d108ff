"""`progress reset` sets aside the exported journal too; `progress restore` brings both back."""

from __future__ import annotations

import io
import stat
from pathlib import Path

import pytest

from leadtutor.cli import main
from leadtutor.progress import ProgressStore
from tests.progress.cli_course import open_cli_store


def _reset(course: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["progress", "reset", "--yes", "--course", str(course)]) == 0
    return capsys.readouterr().out


def test_reset_moves_the_exported_journal_aside(
    course: Path, answered: ProgressStore, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    journal = answered.path.parent / "journal.md"
    assert main(["journal", "export", "-o", str(journal), "--course", str(course)]) == 0
    capsys.readouterr()
    out = _reset(course, capsys)
    assert not journal.exists(), "the reset answers must not stay in journal.md"
    [kept] = answered.path.parent.glob("journal.md.reset-*")
    assert f"so it was moved to {kept}" in out
    assert "I noticed the quiet ones." in kept.read_text()
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    [backup] = answered.path.parent.glob("progress.json.reset-*")
    assert kept.name.partition(".reset-")[2] == backup.name.partition(".reset-")[2]


def test_restore_brings_back_the_newest_reset_and_keeps_later_answers(
    course: Path,
    answered: ProgressStore,
    home: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    journal = answered.path.parent / "journal.md"
    journal.write_text("exported\n")
    _reset(course, capsys)
    later = open_cli_store(home)
    later.set_reflection("a-reflect", "lesson-a", "Written after the reset")
    later.save()
    monkeypatch.setattr("sys.stdin", io.StringIO("y\n"))
    assert main(["progress", "restore", "--course", str(course)]) == 0
    out = capsys.readouterr().out
    assert "Restored from " in out and "progress.json.reset-" in out
    store = open_cli_store(home)
    assert {a.prompt_id for a in store.answers()} == {
        "a-reflect",
        "a-scale",
        "b-check",
        "b-commit",
        "gone-prompt",
    }
    reflect = store.answer("a-reflect")
    assert reflect is not None and reflect.value == "Written after the reset"
    assert "I noticed the quiet ones.\nAnd the loud ones." in [r.value for r in reflect.history]
    assert store.lesson("lesson-a").status == "done"
    assert len(store.commitments()) == 1
    assert journal.read_text() == "exported\n"
    [before] = answered.path.parent.glob("progress.json.restore-*")
    assert f"kept in {before}" in out


def test_restore_asks_first(
    course: Path,
    answered: ProgressStore,
    home: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _reset(course, capsys)
    monkeypatch.setattr("sys.stdin", io.StringIO("\n"))
    assert main(["progress", "restore", "--course", str(course)]) == 1
    assert "Nothing was changed." in capsys.readouterr().out
    assert open_cli_store(home).answers() == []


def test_restore_lists_and_explains(
    course: Path, home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["progress", "restore", "--yes", "--course", str(course)]) == 1
    assert "There is no reset backup to restore in " in capsys.readouterr().err
    assert main(["progress", "restore", "--list", "--course", str(course)]) == 0
    assert "There are no reset backups" in capsys.readouterr().out
    junk = tmp_path / "junk.json"
    junk.write_text("not json")
    assert main(["progress", "restore", str(junk), "--yes", "--course", str(course)]) == 1
    assert "cannot be restored because it is not a progress file" in capsys.readouterr().err
    missing = tmp_path / "missing.json"
    assert main(["progress", "restore", str(missing), "--yes", "--course", str(course)]) == 2
