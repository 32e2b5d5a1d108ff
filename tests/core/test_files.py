"""File-level traps: encodings, sizes, special files, symlinks, course layout."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from leadtutor.core import load_course
from leadtutor.core.reader import MAX_FILE_BYTES
from tests.conftest import write_course

GOOD = "---\ntitle: Good\n---\n\nHello **there**.\n\n:::{reflect} good-one\nWhy?\n:::\n"


def codes(root: Path) -> list[tuple[str, int, str]]:
    course = load_course(root)
    return [(p.path.name, p.line, p.code) for p in course.problems]


def lesson_dir(tmp_path: Path) -> Path:
    root = write_course(tmp_path / "c", {"01-m/01-good.md": GOOD})
    return root / "01-m"


def test_bom_and_crlf_load_like_the_canonical_file(tmp_path: Path) -> None:
    folder = lesson_dir(tmp_path)
    canonical = load_course(folder.parent).lessons[0]
    (folder / "01-good.md").write_bytes(b"\xef\xbb\xbf" + GOOD.replace("\n", "\r\n").encode())
    variant = load_course(folder.parent)
    assert variant.problems == ()
    lesson = variant.lessons[0]
    assert lesson.title == canonical.title
    assert [b.lines for b in lesson.blocks] == [b.lines for b in canonical.blocks]
    assert lesson.prompts[0].text == "Why?"


def test_invalid_utf8_reports_byte_offset_and_line(tmp_path: Path) -> None:
    folder = lesson_dir(tmp_path)
    data = GOOD.encode().replace(b"Hello", b"H\xe9llo")
    (folder / "01-good.md").write_bytes(data)
    course = load_course(folder.parent)
    [problem] = course.problems
    assert problem.code == "file.encoding"
    assert problem.line == 5
    offset = data.index(b"\xe9")
    assert f"byte {offset}" in problem.message


def test_utf16_is_rejected_as_binary(tmp_path: Path) -> None:
    folder = lesson_dir(tmp_path)
    (folder / "01-good.md").write_bytes(GOOD.encode("utf-16"))
    assert codes(folder.parent) == [("01-good.md", 1, "file.binary")]


def test_file_over_one_mib_is_refused(tmp_path: Path) -> None:
    folder = lesson_dir(tmp_path)
    (folder / "01-good.md").write_text(GOOD + "x" * MAX_FILE_BYTES)
    assert codes(folder.parent) == [("01-good.md", 1, "file.too-large")]


def test_symlink_loop_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    folder = lesson_dir(tmp_path)
    (folder / "02-loop.md").symlink_to(folder / "03-loop.md")
    (folder / "03-loop.md").symlink_to(folder / "02-loop.md")
    found = codes(folder.parent)
    assert ("02-loop.md", 1, "file.symlink-loop") in found
    assert ("03-loop.md", 1, "file.symlink-loop") in found


def test_symlink_out_of_the_course_is_refused(tmp_path: Path) -> None:
    folder = lesson_dir(tmp_path)
    secret = tmp_path / "secret.md"
    secret.write_text(GOOD.replace("Good", "SECRET"))
    (folder / "02-leak.md").symlink_to(secret)
    course = load_course(folder.parent)
    assert ("02-leak.md", 1, "file.outside-course") in codes(folder.parent)
    assert all("SECRET" not in lesson.title for lesson in course.lessons)


def test_dev_zero_behind_a_symlink_does_not_hang(tmp_path: Path) -> None:
    folder = lesson_dir(tmp_path)
    (folder / "02-zero.md").symlink_to("/dev/zero")
    assert ("02-zero.md", 1, "file.outside-course") in codes(folder.parent)


def test_fifo_does_not_hang(tmp_path: Path) -> None:
    folder = lesson_dir(tmp_path)
    os.mkfifo(folder / "02-fifo.md")
    result: list[list[tuple[str, int, str]]] = []
    worker = threading.Thread(target=lambda: result.append(codes(folder.parent)), daemon=True)
    worker.start()
    worker.join(timeout=10)
    assert result, "reading a FIFO hung"
    assert ("02-fifo.md", 1, "file.not-regular") in result[0]


def test_directory_named_like_a_lesson(tmp_path: Path) -> None:
    folder = lesson_dir(tmp_path)
    (folder / "02-dir.md").mkdir()
    assert ("02-dir.md", 1, "file.not-regular") in codes(folder.parent)


def test_order_comes_from_numeric_prefix(tmp_path: Path) -> None:
    root = write_course(
        tmp_path / "c",
        {
            "10-late/01-a.md": GOOD.replace("good-one", "p1").replace("Good", "Late"),
            "2-early/10-b.md": GOOD.replace("good-one", "p2").replace("Good", "Ten"),
            "2-early/9-c.md": GOOD.replace("good-one", "p3").replace("Good", "Nine"),
        },
    )
    (root / "2-early" / "module.toml").write_text('title = "Early days"\n')
    course = load_course(root)
    assert [m.title for m in course.modules] == ["Early days", "Late"]
    assert [lesson.title for lesson in course.lessons] == ["Nine", "Ten", "Late"]
    assert [lesson.id for lesson in course.lessons] == ["9-c", "10-b", "01-a"]


def test_stray_files_are_warned_not_loaded(tmp_path: Path) -> None:
    root = write_course(tmp_path / "c", {"01-m/01-good.md": GOOD, "01-m/notes.md": GOOD})
    (root / "stray.md").write_text(GOOD)
    (root / "README.md").write_text("# readme")
    course = load_course(root)
    assert len(course.lessons) == 1
    found = {(p.path.name, p.code, p.level) for p in course.problems}
    assert found == {
        ("notes.md", "course.ignored", "warning"),
        ("stray.md", "course.ignored", "warning"),
    }


@pytest.mark.parametrize(
    ("toml", "code"),
    [
        ('title = "no id"\n', "course.field"),
        ('id = "Bad Id"\ntitle = "x"\n', "course.field"),
        ('id = "x"\ntitle = \n', "course.invalid"),
        ('id = "x"\ntitle = "t"\nauthor = "me"\n', "course.unknown-key"),
    ],
)
def test_course_toml_problems(tmp_path: Path, toml: str, code: str) -> None:
    root = write_course(tmp_path / "c", {"01-m/01-good.md": GOOD})
    (root / "course.toml").write_text(toml)
    assert code in [p.code for p in load_course(root).problems]


def test_loose_folder_without_course_toml_is_still_checked(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(GOOD)
    (tmp_path / "b.md").write_text("no front matter")
    course = load_course(tmp_path)
    found = [(p.path.name, p.code) for p in course.problems]
    assert ("course.toml", "course.missing") in found
    assert ("b.md", "front-matter.missing") in found
    assert len(course.lessons) == 2


def test_single_lesson_file(tmp_path: Path) -> None:
    path = tmp_path / "one.md"
    path.write_text(GOOD)
    course = load_course(path)
    assert course.problems == ()
    assert course.lessons[0].title == "Good"


def test_missing_course_directory(tmp_path: Path) -> None:
    assert [p.code for p in load_course(tmp_path / "nope").problems] == ["course.missing"]
