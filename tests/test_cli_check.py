"""`leadtutor check` from the command line: exit codes, formats, no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from leadtutor.cli import main
from tests.conftest import REPO, write_course

BROKEN = {
    "01-m/01-no-front-matter.md": "Just text\n",
    "01-m/02-bad-yaml.md": "---\ntitle: [x\n---\n\nBody\n",
    "01-m/03-unknown.md": "---\ntitle: t\n---\n\n:::{quiz} q\nx\n:::\n",
    "01-m/04-dup.md": "---\ntitle: t\n---\n\n:::{reflect} same\nA?\n:::\n\n:::{reflect} same\nB?\n:::\n",
}


def test_bundled_course_is_clean(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(REPO / "lessons")]) == 0
    out = capsys.readouterr()
    assert out.out == ""
    assert out.err.startswith("ok: ")


def test_broken_course_prints_one_line_per_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_course(tmp_path / "c", BROKEN)
    assert main(["check", str(root)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 4
    assert any(
        line.endswith("01-no-front-matter.md:1: error: " + line.split(": error: ")[1])
        for line in lines
    )
    for line in lines:
        path, number, level, _ = line.split(":", 3)
        assert Path(path).name.endswith(".md")
        assert int(number) >= 1
        assert level.strip() == "error"
        assert line.endswith("]")


def test_json_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = write_course(tmp_path / "c", BROKEN)
    assert main(["check", "--format", "json", str(root)]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["errors"] == 4
    assert {p["code"] for p in report["problems"]} == {
        "front-matter.missing",
        "front-matter.invalid",
        "directive.unknown",
        "prompt.duplicate-id",
    }


def test_warnings_alone_exit_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = write_course(tmp_path / "c", {"01-m/01-a.md": "---\ntitle: t\nextra: 1\n---\n\nHi\n"})
    assert main(["check", str(root)]) == 0
    assert "warning" in capsys.readouterr().out


def test_course_option_is_the_default_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_course(tmp_path / "c", BROKEN)
    assert main(["--course", str(root), "check"]) == 1
    assert main(["check", "--course", str(root)]) == 1


def test_bad_arguments_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["check", "--format", "yaml"])
    assert exit_info.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_real_command_shows_no_traceback_on_hostile_folder(tmp_path: Path) -> None:
    root = write_course(tmp_path / "c", BROKEN)
    (root / "01-m" / "05-binary.md").write_bytes(b"\x00\xff\xfe")
    (root / "01-m" / "06-loop.md").symlink_to(root / "01-m" / "06-loop.md")
    result = subprocess.run(
        [sys.executable, "-m", "leadtutor", "check", str(root)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert "05-binary.md:1: error" in result.stdout
    assert "06-loop.md:1: error" in result.stdout


def test_committed_broken_folder_reports_every_file(capsys: pytest.CaptureFixture[str]) -> None:
    """tests/data/broken holds one deliberately broken lesson per kind of mistake."""
    folder = REPO / "tests" / "data" / "broken"
    assert main(["check", str(folder)]) == 1
    out = capsys.readouterr().out
    for lesson in folder.glob("*.md"):
        assert f"{lesson.name}:" in out, f"{lesson.name} reported nothing"
    assert "Traceback" not in out


WARNING_ONLY = {"01-m/01-a.md": "---\ntitle: t\nsumary: typo\n---\n\nHi\n"}


def test_strict_fails_on_warnings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = write_course(tmp_path / "c", WARNING_ONLY)
    assert main(["check", str(root)]) == 0
    assert main(["check", "--strict", str(root)]) == 1
    err = capsys.readouterr().err
    assert "--strict: warnings fail" in err


def test_strict_passes_a_clean_course_and_the_bundled_one() -> None:
    assert main(["check", "--strict", str(REPO / "lessons")]) == 0


def test_json_has_a_schema_and_columns(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = write_course(
        tmp_path / "c", {"01-m/01-a.md": "---\ntitle: t\n---\n\nSee [gone](nowhere.md).\n"}
    )
    assert main(["check", "--format", "json", "--strict", str(root)]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["schema"] == 2
    assert report["ok"] is False and report["strict"] is True
    [problem] = report["problems"]
    assert (problem["line"], problem["column"], problem["code"]) == (5, 5, "link.missing")
    assert set(problem) == {
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "level",
        "code",
        "message",
    }


def test_github_annotations(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = write_course(
        tmp_path / "c",
        {"01-m/01-a.md": "---\ntitle: t\n---\n\nSee [gone](nowhere.md), 100%.\n\n# Title\n"},
    )
    assert main(["check", "--format", "github", str(root)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("::error file=")
    assert ",line=5,col=5,endLine=5,endColumn=22,title=leadtutor link.missing::" in lines[0]
    assert lines[1].startswith("::warning file=") and "markdown.h1" in lines[1]
    for line in lines:
        fields = line.split("::")[1]
        assert "\n" not in line and ":" not in fields.split("file=", 1)[1].split(",")[0][1:]


def test_one_lesson_is_checked_in_its_course(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_course(
        tmp_path / "c",
        {
            "01-m/01-a.md": "---\ntitle: A\n---\n\n[b](../02-n/01-b.md#there)\n",
            "02-n/01-b.md": "---\ntitle: B\n---\n\n## There\n\n[a](../01-m/01-a.md#nope)\n",
        },
    )
    assert main(["check", str(root / "01-m" / "01-a.md")]) == 0
    out = capsys.readouterr()
    assert "outside" not in out.out
    assert "01-b.md:7:1: warning: 'A' has no heading with the anchor '#nope'" in out.out
    assert out.err.startswith("1 error(s)") is False


def test_update_lock_then_protect_ids(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lesson = "---\ntitle: A\nid: a\n---\n\n:::{reflect} a-one\nWhy?\n:::\n"
    root = write_course(tmp_path / "c", {"01-m/01-a.md": lesson})
    assert main(["check", "--strict", str(root)]) == 0  # no course.lock: nothing is locked
    assert main(["check", "--update-lock", str(root)]) == 0
    lock = (root / "course.lock").read_text()
    assert '[lessons.a]\na-one = "reflect"' in lock
    assert main(["check", "--strict", str(root)]) == 0
    (root / "01-m" / "01-a.md").write_text(lesson + "\n:::{reflect} a-two\nMore?\n:::\n")
    assert main(["check", str(root)]) == 0  # a new prompt: a warning until locked
    assert main(["check", "--strict", str(root)]) == 1
    assert "[lock.unlisted]" in capsys.readouterr().out
    (root / "01-m" / "01-a.md").write_text(lesson.replace("a-one", "a-renamed"))
    capsys.readouterr()
    assert main(["check", str(root)]) == 1
    out = capsys.readouterr().out
    assert (
        "[lock.removed]" in out and "if you renamed it to 'a-renamed', put the old id back" in out
    )
    assert main(["check", "--update-lock", str(root)]) == 1  # refuses to drop a-one
    assert (root / "course.lock").read_text() == lock
    assert "--retire a-one" in capsys.readouterr().err
    assert main(["check", "--update-lock", "--retire", "a-one", str(root)]) == 1  # no reason
    assert (
        main(["check", "--update-lock", "--retire", "a-one", "--reason", "Reworded", str(root)])
        == 0
    )
    assert "[retired.prompts.a-one]" in (root / "course.lock").read_text()
    assert main(["check", "--strict", str(root)]) == 0
    (root / "01-m" / "01-a.md").write_text(lesson)  # the retired id comes back by mistake
    assert main(["check", str(root)]) == 1
    assert "[lock.reused]" in capsys.readouterr().out


def test_update_lock_refuses_while_there_are_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_course(tmp_path / "c", BROKEN)
    assert main(["check", "--update-lock", str(root)]) == 1
    assert not (root / "course.lock").exists()
    assert "fix the 4 error(s) above first" in capsys.readouterr().err


def test_bundled_lock_is_current(tmp_path: Path) -> None:
    """lessons/course.lock lists exactly the bundled course's ids (regenerate with
    `leadtutor check --update-lock lessons/` after adding prompts)."""
    import shutil

    copy = tmp_path / "lessons"
    shutil.copytree(REPO / "lessons", copy)
    assert main(["check", "--update-lock", str(copy)]) == 0
    assert (copy / "course.lock").read_text() == (REPO / "lessons" / "course.lock").read_text()


def test_list_text_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", str(REPO / "lessons")]) == 0
    text = capsys.readouterr().out
    assert text.splitlines()[0].endswith("prompt(s)")
    assert main(["list", "--format", "json", str(REPO / "lessons")]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["schema"] == 1
    from leadtutor.core import load_course

    course = load_course(REPO / "lessons")
    listed = [
        (lesson["id"], [(p["id"], p["kind"]) for p in lesson["prompts"]])
        for module in data["modules"]
        for lesson in module["lessons"]
    ]
    assert listed == [(x.id, [(p.id, p.kind) for p in x.prompts]) for x in course.lessons]
    for lesson_id, prompts in listed:
        assert f"  {lesson_id}  " in text
        assert all(f" {pid}" in text for pid, _ in prompts)
    assert main(["list", str(tmp_path / "nothing")]) == 1
