"""`leadtutor new course` and `leadtutor new lesson`: generated files pass the strictest
check, numbering and ids fit the course, and nothing is ever overwritten."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from leadtutor.cli import main
from leadtutor.commands.new import slug
from leadtutor.core import load_course
from leadtutor.core.model import CALLOUT_KINDS, PROMPT_KINDS, Callout


def strict_check(path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    capsys.readouterr()
    status = main(["check", "--strict", "--format", "json", str(path)])
    report: dict[str, object] = json.loads(capsys.readouterr().out)
    assert status == 0, report
    assert report["problems"] == [], report  # no error and no warning either
    return report


def new_course(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    root = tmp_path / "my-course"
    assert main(["new", "course", str(root), "--title", "Leading small teams"]) == 0
    out = capsys.readouterr().out
    assert "leadtutor preview" in out and "check --strict" in out
    return root


def test_a_new_course_passes_check_strict_and_shows_every_kind(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = new_course(tmp_path, capsys)
    strict_check(root, capsys)
    course = load_course(root)
    assert (course.id, course.title) == ("leading-small-teams", "Leading small teams")
    [lesson] = course.lessons
    assert {p.kind for p in lesson.prompts} == set(PROMPT_KINDS)
    assert {b.callout for b in lesson.blocks if isinstance(b, Callout)} == set(CALLOUT_KINDS)
    assert any(p.required for p in lesson.prompts)
    assert lesson.summary and lesson.minutes and lesson.objectives
    strict_check(lesson.path, capsys)  # the lesson alone, in its course, too


def test_new_course_refuses_a_folder_that_is_not_empty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = new_course(tmp_path, capsys)
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    assert main(["new", "course", str(root), "--title", "Other"]) == 1
    assert "already exists" in capsys.readouterr().err
    assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file()} == before


def test_new_lesson_takes_the_next_number_and_unique_ids(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = new_course(tmp_path, capsys)
    module = root / "01-getting-started"
    title = 'Feedback: "the hard part" & more'
    assert main(["new", "lesson", str(module), "--title", title]) == 0
    made = module / "02-feedback-the-hard-part-more.md"
    assert made.exists()
    assert main(["new", "lesson", str(module), "--title", title]) == 0  # same title again
    again = module / "03-feedback-the-hard-part-more.md"
    course = load_course(root)
    first, second = course.lesson_at(made), course.lesson_at(again)
    assert first is not None and second is not None
    assert first.title == title  # quoted safely in the front matter
    assert (first.id, second.id) == ("feedback-the-hard-part-more", "feedback-the-hard-part-more-2")
    [p1], [p2] = first.prompts, second.prompts
    assert p1.id.startswith("feedback-the-") and p2.id != p1.id
    assert p1.required
    strict_check(root, capsys)


def test_new_lesson_numbering_keeps_the_modules_width(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = new_course(tmp_path, capsys)
    module = root / "02-more"
    module.mkdir()
    for name in ("009-a.md", "010-b.md"):
        (module / name).write_text("---\ntitle: X\n---\n\nText.\n")
    assert main(["new", "lesson", str(module), "--title", "Next one"]) == 0
    assert (module / "011-next-one.md").exists()


def test_new_lesson_never_overwrites_and_refuses_names_the_course_would_ignore(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = new_course(tmp_path, capsys)
    existing = root / "01-getting-started" / "01-first-lesson.md"
    before = existing.read_bytes()
    capsys.readouterr()
    assert main(["new", "lesson", str(existing), "--title", "Again"]) == 1
    assert "already exists" in capsys.readouterr().err
    assert existing.read_bytes() == before
    assert (
        main(["new", "lesson", str(root / "01-getting-started" / "notes.md"), "--title", "N"]) == 1
    )
    assert "NN-slug.md" in capsys.readouterr().err
    assert main(["new", "lesson", str(root), "--title", "N"]) == 1
    assert "course folder" in capsys.readouterr().err
    assert main(["new", "lesson", str(root / "09-missing"), "--title", "N"]) == 1
    assert "no module folder" in capsys.readouterr().err
    taken = root / "01-getting-started" / "05-chosen.md"
    assert main(["new", "lesson", str(taken), "--title", "T", "--id", "first-lesson"]) == 1
    assert "already used" in capsys.readouterr().err
    assert not taken.exists()
    assert main(["new", "lesson", str(taken), "--title", "T", "--prefix", "first"]) == 1
    assert "already used" in capsys.readouterr().err
    assert main(["new", "lesson", str(taken), "--title", "Chosen", "--prefix", "ch"]) == 0
    assert [p.id for p in load_course(taken).lessons[0].prompts] == ["ch-reflection"]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Giving feedback!", "giving-feedback"),
        ("Führung für alle", "fuhrung-fur-alle"),
        ("领导力", "lesson"),
        ("  Many   spaces  ", "many-spaces"),
        ("a " * 40, "a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a"),
    ],
)
def test_slug(title: str, expected: str) -> None:
    assert slug(title) == expected
