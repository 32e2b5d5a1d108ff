"""Tab and shift+tab in a lesson: through links and prompts, in reading order.

The stops are the links in the prose (a `ProseText` with links takes focus, and tab
moves through its links one at a time) and the inputs of the prompts. From the lesson
itself (reading, nothing focused) tab goes to the first stop at or below the top of
the screen, and shift+tab to the last one above its bottom, not back to the top of
the lesson. The focused link is scrolled into view; enter follows it (`ProseText`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.geometry import Region, Spacing
from textual.widget import Widget

from leadtutor.ui.widgets.prompt_base import PromptBox
from leadtutor.ui.widgets.prose import ProseText

if TYPE_CHECKING:
    from leadtutor.ui.screens.lesson import LessonScreen
    from leadtutor.ui.widgets.lesson_view import LessonView

Stop = tuple[int, Widget, int]
"""(row in the lesson, a `ProseText` or a `PromptBox`, link index or -1)."""


def step_focus(screen: LessonScreen, step: int) -> None:
    """Tab (`step` 1) or shift+tab (-1) in `screen`."""
    if not screen.lesson.ok:
        (screen.focus_next if step > 0 else screen.focus_previous)()
        return
    view = screen.view
    focused = screen.focused
    if isinstance(focused, ProseText) and focused.step_link(step):
        reveal(view, focused)
        return
    if focused in (None, view):
        stop = stop_from_top(view, step)
        if stop is not None:
            enter(screen, stop, step)
            return
        if step > 0 and view.built < len(view.parts):  # none yet: build on and look again
            view.build_until(view.built + 2)
            screen.call_after_refresh(step_focus, screen, step)
            return
    if step < 0 or view.focusable_ahead(focused):
        move(screen, step)
        return
    view.build_until(view.built + 2)
    screen.call_after_refresh(move, screen, step)  # let the new parts join the chain first


def move(screen: LessonScreen, step: int) -> None:
    """Focus the next (previous) widget of the focus chain; a prose with links is
    entered at its first (last) link."""
    chain = screen.focus_chain
    if not chain:
        return
    focused = screen.focused
    if focused in chain:
        target = chain[(chain.index(focused) + step) % len(chain)]
    else:
        target = chain[0] if step > 0 else chain[-1]
    if isinstance(target, ProseText):
        enter(screen, (0, target, 0 if step > 0 else len(target.links) - 1), step)
    else:
        screen.set_focus(target)  # at once: keys typed right after tab must reach it


def enter(screen: LessonScreen, stop: Stop, step: int) -> None:
    """Focus a stop: a link (shown and scrolled into view) or a prompt's input."""
    _, widget, link = stop
    if isinstance(widget, ProseText):
        screen.set_focus(widget, scroll_visible=False)
        widget.show_link(link)
        reveal(screen.view, widget)
    elif isinstance(widget, PromptBox):
        widget.focus_input()


def reveal(view: LessonView, prose: ProseText) -> None:
    """Scroll the lesson just enough that the focused link's row is on screen."""
    if prose.link is None:
        return
    y = _row_in_view(view, prose) + prose.link_rows()[prose.link]
    view.scroll_to_region(
        Region(0, y, 1, 1), spacing=Spacing(1, 0, 1, 0), animate=False, immediate=True
    )


def _row_in_view(view: LessonView, widget: Widget) -> int:
    """The row of `widget`'s first line of content in the lesson (not the screen)."""
    part: Widget = widget
    while isinstance(part.parent, Widget) and part.parent is not view:
        part = part.parent
    inside = widget.content_region.y - part.region.y  # same frame: scrolling cancels out
    return part.virtual_region.y + inside


def _stops(view: LessonView, index: int) -> list[Stop]:
    """The stops in part `index`, in reading order."""
    widget = view.widgets[index]
    found: list[Stop] = []
    for node in [widget, *widget.query("*")]:
        if isinstance(node, PromptBox):
            if node is widget:
                found.append((node.virtual_region.y, node, -1))
        elif isinstance(node, ProseText) and node.focusable:
            if any(isinstance(a, PromptBox) for a in node.ancestors):
                continue  # a prompt is one stop: its input (tab goes on from there)
            top = _row_in_view(view, node)
            found.extend((top + row, node, n) for n, row in enumerate(node.link_rows()))
    return found


def stop_from_top(view: LessonView, step: int) -> Stop | None:
    """The first stop at or below the top of the screen (`step` 1), or the last one
    above its bottom (-1), among the mounted parts."""
    top = round(view.scroll_y)
    bottom = top + view.scrollable_content_region.height
    indexes = range(view.built) if step > 0 else range(view.built - 1, -1, -1)
    for index in indexes:
        region = view.widgets[index].virtual_region
        if step > 0 and region.y + region.height <= top:
            continue
        if step < 0 and region.y >= bottom:
            continue
        stops = [s for s in _stops(view, index) if (s[0] >= top if step > 0 else s[0] < bottom)]
        if stops:
            return stops[0] if step > 0 else stops[-1]
    return None
