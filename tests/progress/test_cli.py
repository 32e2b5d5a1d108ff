"""`leadtutor progress` and `leadtutor journal export` through `leadtutor.cli.main`."""

from __future__ import annotations

import io
import json
import stat
from pathlib import Path

import pytest

from leadtutor.cli import main
from leadtutor.progress import ProgressStore
from tests.progress.cli_course import open_cli_store


def test_summary(course: Path, answered: ProgressStore, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["progress", "--course", str(course)]) == 0
    out = capsys.readouterr().out
    assert "CLI Course (cli-course)" in out
    assert "1 done, 1 in progress, 0 opened, 0 not started (of 2)" in out
    assert "Answered:                     4 of 4 prompts (and 0 earlier versions)" in out
    assert "Answers to removed questions: 1 (kept;" in out
    assert f"File:                         {answered.path}" in out


def test_summary_with_data_dir_option(
    course: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "elsewhere"
    assert main(["progress", "--data-dir", str(other), "--course", str(course)]) == 0
    assert str(other / "cli-course" / "progress.json") in capsys.readouterr().out


def test_path_creates_nothing(course: Path, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["progress", "path", "--course", str(course)]) == 0
    assert capsys.readouterr().out.strip() == str(home / "cli-course" / "progress.json")
    assert not home.exists()


def test_reset_everything_with_yes(
    course: Path, answered: ProgressStore, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = answered.path.read_text()
    assert main(["progress", "reset", "--yes", "--course", str(course)]) == 0
    out = capsys.readouterr().out
    backup = Path(out.split("Backup written to ", 1)[1].splitlines()[0])
    assert json.loads(backup.read_text()) == json.loads(before)
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert "was reset" in out
    assert open_cli_store(home).answers() == []


def test_reset_asks_and_no_changes_nothing(
    course: Path,
    answered: ProgressStore,
    home: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("n\n"))
    assert main(["progress", "reset", "--course", str(course)]) == 1
    out = capsys.readouterr().out
    assert "Reset your progress in the course 'CLI Course'? This deletes 5 answers" in out
    assert "Nothing was changed." in out
    assert len(open_cli_store(home).answers()) == 5
    assert list((home / "cli-course").glob("*reset*")) == []


def test_reset_one_lesson_after_yes_on_stdin(
    course: Path,
    answered: ProgressStore,
    home: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("yes\n"))
    assert main(["progress", "reset", "--lesson", "lesson-b", "--course", str(course)]) == 0
    assert "Backup written to " in capsys.readouterr().out
    store = open_cli_store(home)
    assert {a.prompt_id for a in store.answers()} == {"a-reflect", "a-scale", "gone-prompt"}
    assert store.commitments() == [] and store.lesson("lesson-b").status == "new"
    assert store.lesson("lesson-a").status == "done"


def test_reset_with_nothing_to_reset(
    course: Path, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["progress", "reset", "--yes", "--course", str(course)]) == 0
    assert "There is no progress to reset" in capsys.readouterr().out


def test_reset_unknown_lesson_is_a_bad_argument(
    course: Path, answered: ProgressStore, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["progress", "reset", "--lesson", "nope", "--yes", "--course", str(course)]) == 2
    err = capsys.readouterr().err
    assert "There is no lesson 'nope'. The lessons are:" in err
    assert "lesson-a  Lesson A" in err and "lesson-b  Lesson B" in err


@pytest.mark.parametrize(
    "argv",
    [
        ["journal", "export", "--format", "xml"],
        ["journal"],
        ["journal", "import"],
        ["progress", "reset", "--bogus"],
        ["progress", "wipe"],
    ],
)
def test_bad_arguments_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
    assert "error:" in capsys.readouterr().err


def test_missing_course_fails_cleanly(
    tmp_path: Path, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["progress", "--course", str(tmp_path / "nowhere")]) == 2
    assert capsys.readouterr().err == f"leadtutor: There is no folder {tmp_path / 'nowhere'}.\n"


def test_unopenable_progress_fails_cleanly(
    course: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert main(["progress", "--data-dir", str(blocker), "--course", str(course)]) == 1
    assert "could not be created" in capsys.readouterr().err


def test_journal_markdown_to_stdout(
    course: Path, answered: ProgressStore, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["journal", "export", "--course", str(course)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Journal: CLI Course\n")
    first, second, orphans = (
        out.index(h)
        for h in ("## First module", "## Second module", "## Answers to questions no longer")
    )
    assert first < out.index("### Lesson A") < second < out.index("### Lesson B") < orphans
    assert "> What did you notice?" in out
    assert "I noticed the quiet ones.  \nAnd the loud ones." in out
    assert "4 on a scale of 1 to 5 (Rarely … Often)" in out
    assert "Ask for feedback (follow up after 7 days)" in out
    assert "The second option. (correct)" in out
    assert "; check in on " in out
    assert "### Removed question 1 (in “Lesson A”)" in out
    assert "*Answered " in out
    for internal in ("b-commit", "#1", "gone-prompt", "lesson-a"):
        assert internal not in out


def test_journal_files_are_private(
    course: Path, answered: ProgressStore, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    md = tmp_path / "journal.md"
    data = tmp_path / "journal.json"
    assert main(["journal", "export", "-o", str(md), "--course", str(course)]) == 0
    assert (
        main(["journal", "export", "--format", "json", "-o", str(data), "--course", str(course)])
        == 0
    )
    assert f"Journal written to {md}" in capsys.readouterr().err
    for path in (md, data):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "## First module" in md.read_text()
    assert json.loads(data.read_text()) == json.loads(answered.path.read_text())


def test_journal_json_to_stdout(
    course: Path, answered: ProgressStore, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["journal", "export", "--format", "json", "--course", str(course)]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert set(doc["answers"]) == {"a-reflect", "a-scale", "b-check", "b-commit", "gone-prompt"}


def test_journal_to_unwritable_place(
    course: Path, answered: ProgressStore, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "no-such-folder" / "journal.md"
    assert main(["journal", "export", "-o", str(target), "--course", str(course)]) == 1
    assert capsys.readouterr().err.startswith(f"leadtutor: could not write {target}")


def test_summary_counts_what_the_map_and_journal_count(
    course: Path, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = open_cli_store(home)
    store.open_lesson("lesson-a")  # opened, nothing answered: not "in progress"
    store.set_choice("b-check", "lesson-b", [0])  # picked, never checked
    store.finish_editing()
    store.set_reflection("a-reflect", "lesson-a", "   ")  # blank text is no answer
    store.save()
    assert main(["progress", "--course", str(course)]) == 0
    out = capsys.readouterr().out
    assert "0 done, 0 in progress, 1 opened, 1 not started (of 2)" in out
    assert "Answered:                     0 of 4 prompts (and 0 earlier versions)" in out
    assert "1 choice picked but not checked yet (not counted as answered)" in out
    assert "Answers to removed questions: none" in out
    assert "Orphans" not in out


def test_summary_a_choice_checked_once_has_no_earlier_version(
    course: Path, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = open_cli_store(home)
    store.set_choice("b-check", "lesson-b", [1])
    store.finish_editing()  # as leaving the options for the Check button does
    store.set_choice("b-check", "lesson-b", [1], correct=True)
    store.save()
    assert main(["progress", "--course", str(course)]) == 0
    out = capsys.readouterr().out
    assert "1 of 4 prompts (and 0 earlier versions)" in out
    assert "in progress" in out and "Not checked" not in out
