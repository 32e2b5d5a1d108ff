"""The help screen: every key, in one place."""

from __future__ import annotations

from typing import ClassVar, Final

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

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
            ("tab / shift+tab", "next / previous prompt"),
            ("escape", "leave a text box (then the letter keys work again)"),
            ("o", "show or hide the outline of headings and prompts"),
            ("ctrl+e", "edit the focused reflection in $EDITOR"),
            ("d", "mark the lesson done (once every required prompt is answered)"),
            ("ctrl+r", "reload the lesson from its file (for authors editing it)"),
            ("mouse", "click links, options and buttons; scroll with the wheel"),
        ],
    ),
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
    HelpScreen VerticalScroll { align-horizontal: center; }
    HelpScreen Static { width: 100%; max-width: 80; }
    """

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(self._text(), markup=False)
        yield Footer()

    @staticmethod
    def _text() -> Content:
        lines: list[Content] = [Content.styled("Keys", "bold $text-accent"), Content("")]
        for section, keys in KEYS:
            lines.append(Content.styled(section, "bold"))
            for key, what in keys:
                lines.append(Content.assemble("  ", (f"{key:<28}", "$text-secondary"), what))
            lines.append(Content(""))
        lines.append(
            Content(
                "Answers are saved on this computer only, in the folder shown on "
                "the welcome screen."
            )
        )
        return Content("\n").join(lines)
