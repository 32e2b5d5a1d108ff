"""Radio buttons and checkboxes whose labels wrap (with a hanging indent) instead of
being cut off: a knowledge-check option is often longer than one line at 80 columns.
Their state shows in their shape too (`toggles.py`)."""

from __future__ import annotations

from textual.content import Content
from textual.geometry import Size

from leadtutor.ui.widgets.toggles import ShapedCheckbox, ShapedRadioButton


class _WrappingLabel:
    """Mixin for `ToggleButton` subclasses: lay the label out over several lines."""

    def _wrapped(self, width: int) -> list[Content]:
        toggle = self
        # `_button` is Textual's own rendering of the box or dot (a Content).
        button: Content = toggle._button  # type: ignore[attr-defined]
        style = toggle.get_visual_style("toggle--label")  # type: ignore[attr-defined]
        label: Content = toggle._label.stylize_before(style)  # type: ignore[attr-defined]
        room = max(width - button.cell_length - 2, 8)
        lines = label.wrap(room) or [Content()]
        indent = Content(" " * (button.cell_length + 1))
        first = Content.assemble(button, " ", lines[0])
        return [first, *(indent + line for line in lines[1:])]

    def render(self) -> Content:
        width = self.content_region.width or 80  # type: ignore[attr-defined]
        return Content("\n").join(self._wrapped(width))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._wrapped(width))


class WrappingRadioButton(_WrappingLabel, ShapedRadioButton):
    """A radio button with a wrapping label."""

    DEFAULT_CSS = "WrappingRadioButton { width: 1fr; height: auto; }"


class WrappingCheckbox(_WrappingLabel, ShapedCheckbox):
    """A checkbox with a wrapping label."""

    DEFAULT_CSS = "WrappingCheckbox { width: 1fr; height: auto; }"
