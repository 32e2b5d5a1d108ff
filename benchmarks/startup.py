"""Whole-process driver for P1 (cold start) and P4 (memory); run by `run.py`.

    python benchmarks/startup.py bare
    python benchmarks/startup.py app --course DIR --lesson ID --data-dir DIR

`bare` is the baseline: a Textual app with one `Static` that exits after its first
refresh. `app` runs the real `leadtutor` command line (`leadtutor.cli.main`), with
`LeadTutorApp` swapped for a subclass that runs headless at 120x40 and exits once the
lesson screen's `LessonView` is mounted, has built its first parts and a frame with
them has been rendered. Everything else (course loading, progress store, settings,
imports, the exit path of `leadtutor.commands.launch`) is the product's own code.

The last line of stdout is JSON with in-process marks (seconds since this script's
first line) and the parts built at the first frame.

This file imports nothing from the `benchmarks` package so that the baseline pays
for nothing but Python and Textual.
"""

from __future__ import annotations

import time

T0 = time.perf_counter()

import json  # noqa: E402
import sys  # noqa: E402
from typing import Any  # noqa: E402

SIZE = (120, 40)
MARKS: dict[str, Any] = {}


def mark(name: str) -> None:
    """Record seconds since start under `name` (first time only)."""
    MARKS.setdefault(name, time.perf_counter() - T0)


def bare() -> int:
    """A Textual app with one `Static`: exit after the first refresh."""
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    mark("imported")

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("Hello from a bare Textual app.")

        def on_mount(self) -> None:
            self.call_after_refresh(self._first_frame)

        def _first_frame(self) -> None:
            mark("first_frame")
            self.exit()

    Bare().run(headless=True, size=SIZE)
    mark("run_returned")
    return 0


def _absolute_css(cls: type) -> Any:
    """`cls.CSS_PATH` made absolute: Textual resolves it next to the subclass's file."""
    import inspect
    from pathlib import Path

    css = getattr(cls, "CSS_PATH", None)
    if css is None:
        return None
    here = Path(inspect.getfile(cls)).parent
    if isinstance(css, list | tuple):
        return [str(here / item) for item in css]
    return str(here / css)


def app(argv: list[str]) -> int:
    """`leadtutor` itself, exiting after the first frame of the lesson screen."""
    from leadtutor import cli
    from leadtutor.ui import app as app_module

    mark("imported")
    base = app_module.LeadTutorApp

    class FirstFrameApp(base):  # type: ignore[valid-type,misc]
        """Headless at 120x40; exits after the first frame of the lesson."""

        CSS_PATH = _absolute_css(base)

        def run(self, **_: Any) -> Any:
            return super().run(headless=True, size=SIZE)

        def on_mount(self) -> None:  # runs before LeadTutorApp.on_mount (Textual MRO)
            mark("app_mounted")
            self.call_after_refresh(self._check_first_frame)

        def _check_first_frame(self) -> None:
            from leadtutor.ui.widgets.lesson_view import LessonView

            screen = self.screen
            views = screen.query(LessonView)
            if type(screen).__name__ == "LessonScreen" and views:
                view = views.first()
                widgets = list(view.widgets)
                if view.built > 0 and all(
                    w.is_mounted and w.size.height > 0 for w in widgets
                ):
                    mark("first_frame")
                    MARKS["parts_built"] = view.built
                    MARKS["parts_total"] = len(view.parts)
                    self.exit()
                    return
            self.call_after_refresh(self._check_first_frame)

    app_module.LeadTutorApp = FirstFrameApp  # type: ignore[misc]
    try:
        code = cli.main(argv)
    finally:
        app_module.LeadTutorApp = base  # type: ignore[misc]
    mark("run_returned")
    if "first_frame" not in MARKS:
        print("startup.py: the lesson screen never rendered", file=sys.stderr)
        return 2
    return code


def main() -> int:
    mode, *rest = sys.argv[1:]
    code = bare() if mode == "bare" else app(rest)
    print(json.dumps(MARKS))
    sys.stdout.flush()
    return code


if __name__ == "__main__":
    sys.exit(main())
