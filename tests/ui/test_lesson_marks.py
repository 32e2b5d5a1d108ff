"""Marks in a lesson mean what they say: objectives are goals, not ticks."""

from __future__ import annotations

from pathlib import Path

from leadtutor.core import load_course
from leadtutor.ui.parts import intro_pieces


def test_objectives_are_not_ticked(course_dir: Path) -> None:
    lesson = load_course(course_dir).lessons[0]
    assert lesson.objectives
    pieces = intro_pieces(lesson)
    goals = [p for p in pieces if p.content.plain in lesson.objectives]
    assert goals and all("✓" not in p.first.plain for p in goals)
    assert all(p.first.plain.strip() for p in goals), "still a bullet"
