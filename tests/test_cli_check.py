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
