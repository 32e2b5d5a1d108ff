"""Helpers for Pilot tests: build the real app on a course and a private data dir."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import TextArea

from leadtutor.core import load_course
from leadtutor.progress import ProgressStore
from leadtutor.settings import Settings
from leadtutor.ui.app import LeadTutorApp
from tests.conftest import REPO, write_course

SAMPLE = """---
title: Sample lesson
id: sample
minutes: 5
objectives:
  - Try every prompt
---

Opening words with a [link to the other lesson](02-other.md#far-heading),
an [external link](https://example.org/page) and an [anchor](#later).

:::{reflect} s-reflect
:required:
:min-words: 3
:placeholder: Type here
What happened?
:::

:::{choice} s-choice
Which is right?

- [ ] Wrong one

  Feedback for wrong.
- [x] Right one

  Feedback for right.

The explanation.
:::

:::{scale} s-scale
:min: 1
:max: 5
:low: Never
:high: Always
How often? *(For reflection, not a validated test.)*
:::

:::{commit} s-commit
:follow-up: 7
What will you do?
:::

:::{note} A note
Callout body.
:::

## Later

Closing words.
"""

OTHER = (
    """---
title: Other lesson
id: other
minutes: 3
---

Intro of the other lesson.

"""
    + "\n\n".join(f"Filler paragraph {n} to push the heading down." for n in range(30))
    + """

## Far heading

Text under the far heading.

:::{reflect} o-reflect
Anything?
:::
"""
)


TABS_TO_REFLECTION = ("Tab",) * 4
"""Keys from reading the top of the sample lesson to its reflection's box: tab reaches
the three links of its first paragraph first."""


def sample_course(root: Path) -> Path:
    """A two-lesson course using every prompt kind."""
    return write_course(
        root, {"01-m/01-sample.md": SAMPLE, "01-m/02-other.md": OTHER}, "sample-course"
    )


def make_app(course_dir: Path, data_dir: Path, start_lesson: str | None = None) -> LeadTutorApp:
    """Build the app as `leadtutor` does (without running it)."""
    course = load_course(course_dir)
    store = ProgressStore(data_dir, course.id)
    store.load()
    return LeadTutorApp(course, store, Settings(), start_lesson=start_lesson)


@pytest.fixture
def course_dir(tmp_path: Path) -> Path:
    """The sample course."""
    return sample_course(tmp_path / "course")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A private data directory."""
    return tmp_path / "data"


def bundled() -> Path:
    """The bundled course."""
    return REPO / "lessons"


def text_area(app: LeadTutorApp, prompt_id: str) -> TextArea:
    """The text area of a reflection prompt."""
    return app.screen.query_one(f"#text-{prompt_id}", TextArea)
