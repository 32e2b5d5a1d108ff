"""`--course` and `--lesson`: a wrong argument gets one plain sentence and exit status 2."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from leadtutor.cli import main
from leadtutor.commands.arguments import course_folder_problem, find_lesson
from leadtutor.core import load_course
from tests.conftest import REPO, write_course

BUNDLED = REPO / "lessons"


@pytest.mark.parametrize(
    ("path", "says"),
    [
        ("/nonexistent", "There is no folder /nonexistent."),
        ("/tmp", "/tmp is not a course: there is no course.toml in it."),
        (
            "/etc/passwd",
            "/etc/passwd is a file, not a course: give --course the folder that holds course.toml.",
        ),
        ("/nonexistent/deeper", "There is no folder /nonexistent/deeper: /nonexistent does"),
    ],
)
@pytest.mark.parametrize("command", [[], ["progress"], ["journal", "export"]])
def test_a_wrong_course_is_one_plain_sentence(
    path: str, says: str, command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main([*command, "--course", path, "--data-dir", str(tmp_path / "data")])
    err = capsys.readouterr().err
    assert status == 2
    assert err.startswith(f"leadtutor: {says}")
    assert err.count("\n") == 1, "one sentence, one line"
    assert "error:" not in err and ":1:" not in err
    assert gc.isenabled()
    assert not (tmp_path / "data").exists()


def test_a_folder_with_lessons_but_no_course_file(tmp_path: Path) -> None:
    (tmp_path / "01-m").mkdir()
    (tmp_path / "01-m" / "01-a.md").write_text("---\ntitle: A\n---\nText\n")
    assert course_folder_problem(tmp_path) == (
        f"{tmp_path} is not a course: there is no course.toml in it."
    )


def test_a_real_course_and_a_lesson_file_pass() -> None:
    assert course_folder_problem(BUNDLED) is None
    lesson = next(BUNDLED.glob("*/*.md"))
    assert course_folder_problem(lesson) is None


def test_unknown_lesson_exits_2_with_the_ids(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["--lesson", "no-such-id", "--data-dir", str(tmp_path / "data")])
    err = capsys.readouterr().err
    assert status == 2
    assert err.startswith("leadtutor: There is no lesson 'no-such-id'. The lessons are:\n")
    course = load_course(BUNDLED)
    for lesson in course.lessons:
        assert f"  {lesson.id}" in err and lesson.title in err
    assert gc.isenabled()
    assert not (tmp_path / "data").exists(), "nothing is opened for a wrong argument"


LESSONS = {
    "opening-doors": "Opening doors and walking through them",
    "leadership-as-persuasion": "Leadership as persuasion",
    "speaking-up": "Speaking up",
    "leading-up": "Leading up and across",
    "leading-teams": "Leading teams",
}


@pytest.fixture
def course_root(tmp_path: Path) -> Path:
    return write_course(
        tmp_path / "course",
        {
            f"01-m/{n:02}-{key}.md": f"---\nid: {key}\ntitle: {title}\n---\n\nText.\n"
            for n, (key, title) in enumerate(LESSONS.items(), start=1)
        },
    )


def test_a_typo_gets_the_closest_match(
    course_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["--lesson", "speaking-uq", "--course", str(course_root)]
    assert main([*argv, "--data-dir", str(tmp_path / "data")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(
        "leadtutor: There is no lesson 'speaking-uq'. Did you mean speaking-up (Speaking up)"
    )
    assert err.count("\n") == 1


@pytest.mark.parametrize(
    ("wanted", "expected"),
    [
        ("opening-doors", "opening-doors"),
        ("OPENING-DOORS", "opening-doors"),
        ("opening", "opening-doors"),
        ("Opening doors and walking through them", "opening-doors"),
        ("persuasion", "leadership-as-persuasion"),
        ("Persua", "leadership-as-persuasion"),
        ("speaking up", "speaking-up"),
        ("teams", "leading-teams"),
        ("leading-up", "leading-up"),
    ],
)
def test_lesson_by_prefix_or_title_word(course_root: Path, wanted: str, expected: str) -> None:
    lesson, why = find_lesson(load_course(course_root), wanted)
    assert why == "" and lesson is not None and lesson.id == expected


def test_an_ambiguous_start_names_the_candidates(course_root: Path) -> None:
    lesson, why = find_lesson(load_course(course_root), "leading")
    assert lesson is None
    assert why == (
        "'leading' matches 2 lessons: leading-up (Leading up and across), "
        "leading-teams (Leading teams). Give more of the id or title."
    )
