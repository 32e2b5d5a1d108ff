"""Detect the first frame that shows a lesson: a measurement shim around Textual.

`install(callback)` wraps `textual.screen.Screen._compositor_refresh` (the step that
turns a laid-out screen into the frame sent to the terminal; headless runs do it too)
so that after every frame of a `LessonScreen`, `lesson_on_screen(screen)` is checked
and `callback(time)` is called the first time it holds after each `arm()`.

"The lesson's first screen is rendered" means: the screen is a `LessonScreen`, its
`LessonView` has built at least one part, and the leading built parts are mounted and
laid out and fill the view's height (or every part is built and laid out, for a lesson
shorter than the screen). Parts the view keeps building in the background after that
do not delay the figure.

Only the benchmark processes import this; the app is not changed.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

_state: dict[str, Any] = {"armed": False, "callback": None, "parts": (0, 0)}


def absolute_css(cls: type) -> Any:
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


def lesson_on_screen(screen: Any) -> bool:
    """Whether `screen` is a lesson screen whose first screenful is laid out."""
    if type(screen).__name__ != "LessonScreen":
        return False
    from leadtutor.ui.widgets.lesson_view import LessonView

    views = screen.query(LessonView)
    if not views:
        return False
    view = views.first()
    if view.built == 0 or view.size.height == 0:
        return False
    filled = 0
    for widget in view.widgets:
        if not widget.is_mounted or widget.size.height == 0:
            return False
        filled += widget.outer_size.height
        if filled >= view.size.height:
            break
    else:
        if view.built < len(view.parts):
            return False
    _state["parts"] = (view.built, len(view.parts))
    return True


def stop_background(screen: Any) -> None:
    """Stop the lesson view's timers (its background build), so the app can exit now.

    Used only by the start-up driver: exiting while a background chunk is mounting
    can crash the app (see README), and waiting for the whole build would count it as
    start-up. Uses Textual's private `_timers`; a no-op if that ever goes away.
    """
    from leadtutor.ui.widgets.lesson_view import LessonView

    for view in screen.query(LessonView):
        for timer in list(getattr(view, "_timers", ())):
            timer.stop()


def parts() -> tuple[int, int]:
    """(parts built, parts in the lesson) when the first frame was seen."""
    result: tuple[int, int] = _state["parts"]
    return result


def arm(callback: Callable[[float], None]) -> None:
    """Call `callback(perf_counter())` after the next frame that shows a lesson."""
    _state["callback"] = callback
    _state["armed"] = True


def install() -> None:
    """Wrap `Screen._compositor_refresh` once per process."""
    from textual.screen import Screen

    original = Screen._compositor_refresh
    if getattr(original, "_bench_wrapped", False):
        return

    def _compositor_refresh(self: Screen[Any]) -> None:
        original(self)
        if _state["armed"] and self.is_current and lesson_on_screen(self):
            _state["armed"] = False
            callback = _state["callback"]
            if callback is not None:
                callback(time.perf_counter())

    _compositor_refresh._bench_wrapped = True  # type: ignore[attr-defined]
    Screen._compositor_refresh = _compositor_refresh  # type: ignore[method-assign]
