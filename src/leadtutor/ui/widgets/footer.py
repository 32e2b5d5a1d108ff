"""`TutorFooter`: Textual's footer, but on a narrow terminal Quit and Help come first.

Textual's footer lists the screen's keys before the app's and cuts off what does not
fit, so at 40 or 60 columns `^q Quit` and `? Help`, the two keys a lost learner needs,
were the ones cut. Below `NARROW` columns this footer puts them first, uses the compact
style, and leaves out the `^p palette` key (ctrl+p still works, and Help lists it).
"""

from __future__ import annotations

from typing import Final

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

NARROW: Final = 70
"""Below this many columns the footer puts the essential keys first."""
ESSENTIAL: Final = ("quit", "help")
"""Actions kept in view on a narrow terminal, in this order."""


class TutorFooter(Footer):
    """The key bar at the bottom of every screen."""

    def __init__(self) -> None:
        super().__init__()
        self._narrow = False

    def _fit(self) -> bool:
        """Set the style for the terminal's width; return whether that changed it."""
        narrow = self.app.size.width < NARROW
        changed = narrow != self._narrow
        self._narrow = narrow
        self.set_reactive(Footer.compact, narrow)  # no watchers: compose follows anyway
        self.set_class(narrow, "-compact")
        self.set_reactive(Footer.show_command_palette, not narrow)
        return changed

    def on_resize(self, event: events.Resize) -> None:
        if self._fit():
            self.call_after_refresh(self.recompose)

    def compose(self) -> ComposeResult:
        self._fit()
        if not self._narrow or not self._bindings_ready:
            yield from super().compose()
            return
        shown = [
            (binding, enabled, tooltip)
            for (_, binding, enabled, tooltip) in self.screen.active_bindings.values()
            if binding.show
        ]
        if any(binding.group is not None for binding, _, _ in shown):
            yield from super().compose()  # key groups: keep Textual's layout
            return
        seen: dict[str, tuple[Binding, bool, str]] = {}
        for binding, enabled, tooltip in shown:
            seen.setdefault(binding.action, (binding, enabled, tooltip))
        first = [action for action in seen if action.rpartition(".")[2] in ESSENTIAL]
        first.sort(key=lambda action: ESSENTIAL.index(action.rpartition(".")[2]))
        for action in [*first, *(a for a in seen if a not in first)]:
            binding, enabled, tooltip = seen[action]
            yield FooterKey(
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                disabled=not enabled,
                tooltip=tooltip,
            ).data_bind(compact=Footer.compact)
