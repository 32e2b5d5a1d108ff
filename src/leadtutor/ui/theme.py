"""Adjustments to Textual's themes: a scrollbar that can be found at a glance.

Textual's default thumb is 40% of the primary colour over the background: on most
built-in themes its contrast with the track is 1.4 to 2.8 to 1, below the 3 to 1 that
WCAG 2.1 (1.4.11) asks of the parts of a control. Ours mixes the text colour into the
background, as little as reaches 3 to 1 (from 45%, at most 90%), over a track just off
the background, so it reads alike on every theme, dark or light. A theme that sets its
own scrollbar colours keeps them; ANSI themes use the terminal's colours.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from textual.color import Color, ColorParseError

TARGET: Final = 3.0
"""Contrast of the thumb against the track (WCAG 2.1, non-text contrast)."""
TRACK: Final = 0.05
"""Share of the text colour in the track."""


def luminance(color: Color) -> float:
    """WCAG 2 relative luminance of a colour."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.r) + 0.7152 * channel(color.g) + 0.0722 * channel(color.b)


def contrast(a: Color, b: Color) -> float:
    """WCAG 2 contrast ratio of two colours (1 to 21)."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def visible_scrollbar(variables: dict[str, str], own: Mapping[str, str]) -> dict[str, str]:
    """Return `variables` with the scrollbar colours replaced (unless the theme, whose
    own variables are `own`, sets them)."""
    if any(name.startswith("scrollbar") for name in own):
        return variables
    try:
        background = Color.parse(variables["background"])
        foreground = Color.parse(variables["foreground"])
    except (KeyError, ColorParseError):
        return variables
    if background.ansi is not None or foreground.ansi is not None:
        return variables
    track = background.blend(foreground, TRACK)
    share = 0.45
    while share < 0.9 and contrast(background.blend(foreground, share), track) < TARGET:
        share += 0.05
    thumb = background.blend(foreground, share)
    variables.update(
        {
            "scrollbar": thumb.hex,
            "scrollbar-hover": background.blend(foreground, min(share + 0.15, 1.0)).hex,
            "scrollbar-active": variables.get("primary", thumb.hex),
            "scrollbar-background": track.hex,
            "scrollbar-background-hover": track.hex,
            "scrollbar-background-active": track.hex,
            "scrollbar-corner-color": track.hex,
        }
    )
    return variables
