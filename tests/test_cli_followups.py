"""`leadtutor followups`: silent when nothing is due, the due ones when the date comes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from leadtutor.cli import main
from leadtutor.progress import ProgressStore
from tests.conftest import REPO, write_course

LESSON = """---
id: plan
title: Plan
---

:::{commit} plan-step
:follow-up: 1
What will you do?
:::
"""


def _commit(home: Path, course_id: str, text: str, days: int = 1) -> None:
    store = ProgressStore(home, course_id)
    store.load()
    store.make_commitment("plan-step", "plan", text, days)
    store.save()


def test_nothing_printed_without_any_progress(
    _private_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["followups"]) == 0
    assert capsys.readouterr() == ("", "")
    assert not any(_private_home.iterdir())  # nothing created


def test_silent_before_the_date_and_listed_on_it(
    _private_home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _commit(_private_home, "course-a", "Ask R. to run the \x1b[2Jretro\nnext week")
    assert main(["followups"]) == 0
    assert capsys.readouterr() == ("", "")
    monkeypatch.setenv("LEADTUTOR_TODAY", "+1")
    assert main(["followups"]) == 0
    out = capsys.readouterr().out
    assert "1 commitment is due for a check-in:" in out
    assert "Ask R. to run the [2Jretro next week (committed " in out  # no ESC, one line
    assert "\x1b" not in out
    assert "Run `leadtutor` to say how it went." in out
    before = (_private_home / "course-a" / "progress.json").read_bytes()
    assert main(["followups"]) == 0
    assert (_private_home / "course-a" / "progress.json").read_bytes() == before  # read-only


def test_every_course_is_looked_at_and_named(
    _private_home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _commit(_private_home, "course-a", "First thing")
    _commit(_private_home, "course-b", "Second thing", days=5)
    monkeypatch.setenv("LEADTUTOR_TODAY", "+6")
    assert main(["followups"]) == 0
    out = capsys.readouterr().out
    assert "in the course 'course-a'" in out and "in the course 'course-b'" in out
    assert "say how they went" in out


def test_course_option_limits_to_one_course(
    tmp_path: Path,
    _private_home: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = write_course(tmp_path / "c", {"01-m/01-plan.md": LESSON}, "course-b")
    _commit(_private_home, "course-a", "Not this one")
    _commit(_private_home, "course-b", "This one")
    monkeypatch.setenv("LEADTUTOR_TODAY", "+2")
    assert main(["followups", "--course", str(root)]) == 0
    out = capsys.readouterr().out
    assert "This one" in out and "Not this one" not in out


def test_all_lists_upcoming_and_closed(
    _private_home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    store = ProgressStore(_private_home, "course-a")
    store.load()
    store.make_commitment("one", "plan", "Closed one", 1)
    store.record_outcome("one#1", "partly")
    store.make_commitment("two", "plan", "Later one", 9)
    store.save()
    assert main(["followups"]) == 0
    assert capsys.readouterr().out == ""
    assert main(["followups", "--all"]) == 0
    out = capsys.readouterr().out
    assert "Nothing is due." in out
    assert "Coming up:\n  - Later one (committed" in out
    assert "Closed:\n  - Closed one (committed" in out and "partly on" in out


def test_a_damaged_file_is_named_and_the_others_still_shown(
    _private_home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _commit(_private_home, "course-a", "Still shown")
    broken = _private_home / "course-b" / "progress.json"
    broken.parent.mkdir()
    broken.write_text("{not json")
    monkeypatch.setenv("LEADTUTOR_TODAY", "+1")
    assert main(["followups"]) == 1
    captured = capsys.readouterr()
    assert "Still shown" in captured.out
    assert str(broken) in captured.err and "damaged" in captured.err
    assert broken.read_text() == "{not json"  # left alone: the app repairs it


def test_it_never_imports_textual_or_the_lessons(_private_home: Path) -> None:
    _commit(_private_home, "course-a", "Quick")
    code = (
        "import sys; from leadtutor.cli import main; main(['followups']); "
        "print(sorted(m for m in ('textual', 'markdown_it', 'leadtutor.core') if m in sys.modules))"
    )
    env = {**os.environ, "LEADTUTOR_HOME": str(_private_home), "LEADTUTOR_TODAY": "+1"}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=REPO, check=True
    )
    assert result.stdout.strip().endswith("[]"), result.stdout
    assert "Quick" in result.stdout
