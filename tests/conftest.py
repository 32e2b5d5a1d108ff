"""Shared fixtures: every test gets its own data directory, never the learner's."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
"""The repository root."""


@pytest.fixture(autouse=True)
def _private_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """Point LEADTUTOR_HOME at a fresh directory so no test touches real progress."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("LEADTUTOR_HOME", str(home))
    yield home


def write_course(root: Path, lessons: dict[str, str], course_id: str = "test-course") -> Path:
    """Write a minimal course: course.toml plus lessons at relative paths."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "course.toml").write_text(f'id = "{course_id}"\ntitle = "Test course"\n')
    for relative, text in lessons.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root
