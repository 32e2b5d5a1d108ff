"""A two-lesson course and a learner's answers to it, for the CLI tests (fixtures are
registered in conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from leadtutor.progress import ProgressStore

LESSON_A = """---
id: lesson-a
title: Lesson A
---

Some prose.

:::{reflect} a-reflect
What did you notice?
:::

:::{scale} a-scale
:min: 1
:max: 5
:low: Rarely
:high: Often
How often?
:::
"""

LESSON_B = """---
id: lesson-b
title: Lesson B
---

:::{choice} b-check
Which is right?

- [ ] The first option.

  Not quite.
- [x] The second option.

  Yes.
:::

:::{commit} b-commit
:follow-up: 7
What will you do?
:::
"""


@pytest.fixture
def course(tmp_path: Path) -> Path:
    root = tmp_path / "course"
    (root / "01-first").mkdir(parents=True)
    (root / "02-second").mkdir()
    (root / "course.toml").write_text('id = "cli-course"\ntitle = "CLI Course"\n')
    (root / "01-first" / "module.toml").write_text('title = "First module"\n')
    (root / "02-second" / "module.toml").write_text('title = "Second module"\n')
    (root / "01-first" / "01-a.md").write_text(LESSON_A)
    (root / "02-second" / "01-b.md").write_text(LESSON_B)
    return root


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    monkeypatch.setenv("LEADTUTOR_HOME", str(folder))
    return folder


def open_cli_store(home: Path) -> ProgressStore:
    store = ProgressStore(home, "cli-course")
    store.load()
    return store


@pytest.fixture
def answered(home: Path) -> ProgressStore:
    store = open_cli_store(home)
    store.set_reflection("a-reflect", "lesson-a", "I noticed the quiet ones.\nAnd the loud ones.")
    store.set_scale("a-scale", "lesson-a", 4)
    store.complete_lesson("lesson-a")
    store.make_commitment("b-commit", "lesson-b", "Ask for feedback", 7)
    store.set_choice("b-check", "lesson-b", [1], correct=True)
    store.open_lesson("lesson-b")
    store.set_reflection("gone-prompt", "lesson-a", "An answer whose prompt was removed")
    store.save()
    return store
