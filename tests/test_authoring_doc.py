"""docs/authoring.md stays true: the five-minute tutorial runs as written and prints what
it shows, and every option and flag value the parser accepts is documented."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from leadtutor.cli import main
from leadtutor.core import directives
from tests.conftest import REPO

DOC = (REPO / "docs" / "authoring.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    start = DOC.index(f"## {title}\n")
    end = DOC.find("\n## ", start + 1)
    return DOC[start : end if end > 0 else None]


def blocks(text: str, language: str) -> list[str]:
    """The fenced code blocks with this info string (indented ones in lists too)."""
    found: list[str] = []
    current: list[str] | None = None
    info = ""
    for line in text.splitlines():
        stripped = line.strip()
        if current is None and stripped.startswith("```"):
            current, info = [], stripped[3:]
        elif current is not None and stripped == "```":
            if info == language:
                found.append("\n".join(current))
            current = None
        elif current is not None:
            current.append(stripped)
    return found


def test_the_five_minute_tutorial_works_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tutorial = section("Your first lesson in five minutes")
    monkeypatch.chdir(tmp_path)
    commands = [
        line.strip()
        for block in blocks(tutorial, "sh")
        for line in block.splitlines()
        if line.strip().startswith("leadtutor ")
    ]
    assert [c.split()[1] for c in commands] == ["new", "check", "new", "preview"]
    for command in commands[:3]:
        assert main(shlex.split(command)[1:]) == 0, command
    out = capsys.readouterr()
    assert "ok: 1 lesson(s), 4 prompt(s)" in out.err and "ok: 1 lesson(s), 4 prompt(s)" in tutorial
    lesson = tmp_path / "my-course" / "01-getting-started" / "02-giving-feedback.md"
    assert f"`{lesson.relative_to(tmp_path)}`" in tutorial
    assert "id: giving-feedback" in lesson.read_text() and "`giving-feedback-`" in tutorial
    # Step 4: the deliberate typo, and what check prints for it.
    text = lesson.read_text()
    assert text.count(":::{reflect}") == 1
    lesson.write_text(text.replace(":::{reflect}", ":::{reflct}"))
    assert main(["check", "my-course"]) == 1
    printed = capsys.readouterr()
    [shown] = [b for b in blocks(tutorial, "") if "[directive.unknown]" in b]
    assert (printed.out + printed.err).splitlines() == shown.strip().splitlines()
    assert commands[3] == f"leadtutor preview {lesson.relative_to(tmp_path)}"


def test_every_option_is_documented_in_its_table() -> None:
    for name, spec in directives.OPTION_SPECS.items():
        for option in spec:
            assert f"`:{option}:`" in DOC, f"{name} :{option}: is not documented"
    for kind in ("reflect", "choice", "scale", "commit"):
        assert "`:required:` | flag" in section("Prompts").split(f"### `{kind}`")[1].split("###")[0]


def test_the_flag_values_in_the_doc_are_the_ones_accepted() -> None:
    for value in ("true", "yes", "on", "1", "false", "no", "off", "0", "TRUE", "No", ""):
        directives._flag(value)  # accepted, as the doc says
    for word in ("true", "yes", "on", "1", "false", "no", "off", "0"):
        assert f"`{word}`" in section("Prompts")
    with pytest.raises(ValueError):
        directives._flag("maybe")
