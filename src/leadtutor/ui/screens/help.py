"""The help screen: every key, in one place."""

from __future__ import annotations

from typing import ClassVar, Final

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from leadtutor.ui.render import Piece
from leadtutor.ui.widgets.footer import TutorFooter
from leadtutor.ui.wrapped import Wrapped, hanging

PROMPT_KEYS: Final[dict[str, tuple[str, list[tuple[str, str]]]]] = {
    "reflect": (
        "Reflect",
        [
            ("type", "write in the box; every word is saved as you type"),
            ("ctrl+e", "write it in your own editor ($VISUAL or $EDITOR) instead"),
        ],
    ),
    "choice": (
        "Check, one answer",
        [
            ("1–9", "pick that option (or ↑ ↓ and space or enter)"),
            ("tab, enter", "go to Check and press it: the feedback shows, and it counts"),
        ],
    ),
    "choice-multiple": (
        "Check, several answers",
        [
            ("1–9", "tick or untick that option (or tab to it and press space)"),
            ("tab, enter", "go to Check and press it"),
        ],
    ),
    "scale": (
        "Rate",
        [("1–9, 0", "choose that point (0 is 10 on a 1–10 scale), or ← → then space")],
    ),
    "commit": (
        "Commit",
        [
            ("type", "write one concrete action; ctrl+e opens your editor"),
            ("tab, 1–365", "the days field: when the app asks how it went (1 to 365)"),
        ],
    ),
}
"""How to answer each kind of prompt (`leadtutor.core.model`), by its `kind`;
`choice-multiple` is a `choice` with `:multiple:`. tests/ui/test_help.py checks that
every kind has an entry."""

ANY_PROMPT: Final = [
    ("tab / shift+tab", "next / previous box, option list or button"),
    ("esc", "leave the prompt: the letter keys read the lesson again"),
]
"""Keys that work the same in every prompt."""

KEYS: Final = [
    (
        "Anywhere",
        [
            ("?", "this help"),
            ("g", "course map"),
            ("ctrl+j", "journal of your answers"),
            ("ctrl+p", "command palette: go to or search lessons, export the journal, theme"),
            (
                "ctrl+q",
                "save and quit (you can also just close the terminal: answers are autosaved)",
            ),
            ("escape", "back"),
        ],
    ),
    (
        "Reading a lesson",
        [
            ("n / p", "next / previous lesson"),
            ("↑ ↓  j k", "scroll a line"),
            ("space, page down / page up", "scroll a screen"),
            ("home / end", "top / end of the lesson"),
            ("tab / shift+tab", "next / previous link or prompt, from the top of the screen"),
            ("enter", "on a link: follow it (a web link asks first)"),
            ("backspace, alt+left", "back to where you followed a link from"),
            ("alt+right", "forward again"),
            ("escape", "leave a text box (then the letter keys work again)"),
            ("o", "show or hide the outline of headings and prompts"),
            ("ctrl+e", "edit the focused reflection in $EDITOR"),
            ("d", "mark the lesson done (once every required prompt is answered)"),
            ("ctrl+r", "reload the lesson from its file (for authors editing it)"),
            ("mouse", "click links, options and buttons; scroll with the wheel"),
        ],
    ),
    ("Answering prompts (every kind)", ANY_PROMPT),
    *((f"Answering: {label}", rows) for label, rows in PROMPT_KEYS.values()),
    (
        "Course map and journal",
        [
            ("↑ ↓, enter", "choose, open"),
            ("/", "journal: search your answers"),
            ("h", "journal: every version of the highlighted answer and what changed"),
            ("f", "welcome and course map: Follow-ups (your commitments and how they went)"),
        ],
    ),
]


class HelpScreen(Screen[None]):
    """Lists the keys."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "app.pop_screen", "Back"),
    ]
    """Any of these closes the help."""

    DEFAULT_CSS = """
    HelpScreen VerticalScroll { align-horizontal: center; padding: 1 2 0 1; }
    HelpScreen Static { width: 100%; max-width: 90; padding-right: 1; }
    """

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(Wrapped(keys_table), markup=False)
        yield TutorFooter()


def keys_table(width: int) -> list[Piece]:
    """The keys in two columns that both wrap: each description keeps to its own column
    (under its first word), at 40 columns as at 120."""
    longest = max(len(key) for _, keys in KEYS for key, _ in keys)
    key_width = min(longest, max(10, width * 2 // 5))
    text_width = max(width - key_width - 4, 12)
    pieces = [hanging(Content.styled("Keys", "bold $text-accent"))]
    for section, keys in KEYS:
        pieces.append(Piece(Content.styled(section, "bold"), gap=1))
        for key, what in keys:
            names = Content(key).wrap(key_width) or [Content()]
            words = Content(what).wrap(text_width) or [Content()]
            for row in range(max(len(names), len(words))):
                name = names[row] if row < len(names) else Content()
                cell = Content.styled(name.plain.ljust(key_width), "$text-secondary")
                text = words[row] if row < len(words) else Content()
                pieces.append(Piece(text, Content.assemble("  ", cell, "  "), gap=0))
    pieces.append(
        Piece(
            Content(
                "Answers are saved on this computer only, in the folder shown on "
                "the welcome screen."
            ),
            gap=1,
        )
    )
    return pieces
