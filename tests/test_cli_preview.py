"""`leadtutor preview` before the app starts: what it opens, and clear refusals."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from leadtutor.cli import main
from leadtutor.commands import preview
from tests.ui.conftest import sample_course


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Record what the preview would open instead of running the app."""
    seen: dict[str, Any] = {}

    def fake(
        course: Any, source: Path, cache: Any, lesson: Any, anchor: str, prompt: str, **kw: Any
    ) -> int:
        seen.update(course=course, source=source, lesson=lesson.id, anchor=anchor, prompt=prompt)
        seen.update(cached=set(cache), **kw)
        return 0

    monkeypatch.setattr(preview, "_run_app", fake)
    return seen


def test_a_lesson_file_opens_inside_its_course(tmp_path: Path, opened: dict[str, Any]) -> None:
    root = sample_course(tmp_path / "course")
    lesson = root / "01-m" / "02-other.md"
    assert main(["preview", str(lesson)]) == 0
    assert opened["source"] == root
    assert opened["lesson"] == "other"
    assert len(opened["course"].lessons) == 2, "the whole course, so links and n/p work"
    assert lesson in opened["cached"] and opened["watch"] is True


def test_lesson_anchor_and_prompt_options(tmp_path: Path, opened: dict[str, Any]) -> None:
    root = sample_course(tmp_path / "course")
    assert main(["preview", str(root), "--lesson", "other#far-heading"]) == 0
    assert (opened["lesson"], opened["anchor"]) == ("other", "far-heading")
    assert main(["preview", str(root / "01-m" / "02-other.md"), "--lesson", "#far-heading"]) == 0
    assert (opened["lesson"], opened["anchor"]) == ("other", "far-heading")
    assert main(["preview", str(root), "--prompt", "s-scale", "--no-watch"]) == 0
    assert (opened["lesson"], opened["prompt"], opened["watch"]) == ("sample", "s-scale", False)
    assert main(["preview", str(root)]) == 0
    assert opened["lesson"] == "sample"  # a course opens on its first lesson


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--lesson", "nope"],
            "no lesson with the id 'nope' in this course (lessons: sample, other)",
        ),
        (["--lesson", "other#nowhere"], "'Other lesson' has no heading with the anchor '#nowhere'"),
        (["--prompt", "nope"], "no prompt with the id 'nope' in this course"),
    ],
)
def test_unknown_targets_are_refused(
    tmp_path: Path,
    opened: dict[str, Any],
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
) -> None:
    root = sample_course(tmp_path / "course")
    assert main(["preview", str(root), *args]) == 2
    assert message in capsys.readouterr().err
    assert not opened


def test_a_missing_path_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["preview", str(tmp_path / "nothing.md")]) == 2
    assert "no such file or directory" in capsys.readouterr().err


def test_a_loose_lesson_previews_on_its_own(tmp_path: Path, opened: dict[str, Any]) -> None:
    lesson = tmp_path / "draft.md"
    lesson.write_text("---\ntitle: Draft\n---\n\nWords.\n")
    assert main(["preview", str(lesson)]) == 0
    assert opened["source"] == lesson and opened["lesson"] == "draft"
