"""Radio buttons and checkboxes whose state shows in their shape, not only their shade.

Textual draws a radio button's dot (and a checkbox's cross) in both states and tells
them apart by colour alone, so with NO_COLOR (monochrome) or on a washed-out screen a
chosen option looks like the others. Here a chosen radio button shows `●` and the
others `○`; a ticked checkbox shows `X` and an unticked one a blank.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Checkbox, RadioButton


class Shaped:
    """Mixin for `ToggleButton` subclasses: a different glyph for on and off."""

    INNER_ON = "●"
    INNER_OFF = "○"

    @property
    def _button(self) -> Content:
        """Textual's button (side, glyph, side) with the glyph for the current state."""
        button: Content = super()._button  # type: ignore[misc]
        inner = self.INNER_ON if self.value else self.INNER_OFF  # type: ignore[attr-defined]
        middle = button[1:2]
        return Content.assemble(button[:1], Content(inner, list(middle.spans)), button[2:])


class ShapedRadioButton(Shaped, RadioButton):
    """A radio button: `●` chosen, `○` not."""


class ShapedCheckbox(Shaped, Checkbox):
    """A checkbox: `X` ticked, blank not."""

    INNER_ON = "X"
    INNER_OFF = " "
