"""Helpers for the rows that drive the real app in process (R5, R7, R8): a small course
with every prompt kind, the app built as `leadtutor` builds it, and a polling wait."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from leadtutor.core import load_course
from leadtutor.progress import ProgressStore
from leadtutor.settings import Settings

if TYPE_CHECKING:
    from leadtutor.ui.app import LeadTutorApp

LESSON: Final = "trust"
PROMPTS: Final = ("trust-why", "trust-how")
TEXT: Final = """---
title: Trust
id: trust
---

Some words before the prompts.

:::{reflect} trust-why
Why does trust matter to your team?
:::

:::{reflect} trust-how
How would you build it?
:::

:::{choice} trust-check
Which builds trust?

- [x] Keeping promises

  Yes.
- [ ] Surprises

  No.
:::
"""


def course(root: Path) -> Path:
    """Write the one-lesson course; return its folder."""
    (root / "01-m").mkdir(parents=True, exist_ok=True)
    (root / "course.toml").write_text('id = "rel-course"\ntitle = "Reliability"\n')
    (root / "01-m" / "01-trust.md").write_text(TEXT)
    return root


def make_app(course_dir: Path, data_dir: Path) -> tuple[LeadTutorApp, ProgressStore, list[str]]:
    """The app on the course's lesson, with every toast it shows recorded."""
    from leadtutor.ui.app import LeadTutorApp

    loaded = load_course(course_dir)
    store = ProgressStore(data_dir, loaded.id)
    store.load()
    app = LeadTutorApp(loaded, store, Settings(), start_lesson=LESSON)
    toasts: list[str] = []
    notify = app.notify

    def record(message: Any, **kwargs: Any) -> None:
        toasts.append(str(message))
        notify(message, **kwargs)

    app.notify = record  # type: ignore[method-assign]
    return app, store, toasts


async def wait(pilot: Any, condition: Callable[[], bool], seconds: float = 10.0) -> bool:
    """Poll `condition` every 50 ms for up to `seconds`; return whether it came true."""
    for _ in range(int(seconds / 0.05)):
        if condition():
            return True
        await pilot.pause(0.05)
    return condition()


async def saved(pilot: Any, app: LeadTutorApp, store: ProgressStore) -> bool:
    """Wait until autosave has written every change."""
    return await wait(
        pilot, lambda: app.save_state == "saved" and not store.has_unsaved_changes(), 15
    )
