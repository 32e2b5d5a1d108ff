"""Whole-process driver for P1 (cold start) and P4 (memory); run by `run.py`.

    python benchmarks/startup.py bare
    python benchmarks/startup.py app --course DIR --lesson ID --data-dir DIR

`bare` is the baseline: a Textual app with one `Static` that exits after its first
refresh. `app` runs the real `leadtutor` command line (`leadtutor.cli.main`), with
`LeadTutorApp` swapped for a subclass that runs headless at 120x40 and exits after the
first frame that shows the lesson (see `firstframe.py`: the lesson screen's `LessonView`
has built its first parts and they fill the view). Everything else (course loading, progress store, settings,
imports, the exit path of `leadtutor.commands.launch`) is the product's own code.

The last line of stdout is JSON with in-process marks (seconds since this script's
first line) and the parts built at the first frame.

The baseline imports nothing from the `benchmarks` package, so it pays for nothing
but Python and Textual.
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


def app(argv: list[str]) -> int:
    """`leadtutor` itself, exiting after the first frame of the lesson screen."""
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from benchmarks import firstframe
    from leadtutor import cli
    from leadtutor.ui import app as app_module

    mark("imported")
    base = app_module.LeadTutorApp

    class FirstFrameApp(base):  # type: ignore[valid-type,misc]
        """Headless at 120x40; exits after the first frame of the lesson."""

        CSS_PATH = firstframe.absolute_css(base)

        def run(self, **_: Any) -> Any:
            return super().run(headless=True, size=SIZE)

        def on_mount(self) -> None:  # runs before LeadTutorApp.on_mount (Textual MRO)
            mark("app_mounted")
            running.append(self)

    running: list[Any] = []

    def first_frame(now: float) -> None:
        MARKS.setdefault("first_frame", now - T0)
        MARKS["parts_built"], MARKS["parts_total"] = firstframe.parts()
        # Exit now, unless a widget is still mounting: exiting then can crash the app
        # (see README), so stop the background build and exit once the screen is idle.
        screen = running[0].screen
        if all(widget.is_mounted for widget in screen.walk_children()):
            exit_now()
        else:
            firstframe.stop_background(screen)
            running[0].call_after_refresh(exit_now)

    def exit_now() -> None:
        mark("exit_called")
        running[0].exit()

    firstframe.install()
    firstframe.arm(first_frame)
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
