"""An answer's history: every version with its date, and what changed between them."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from leadtutor.core import AnyPrompt
from leadtutor.progress.dates import moment
from leadtutor.progress.history import Change, changes, summary, versions
from leadtutor.progress.journal import describe
from leadtutor.ui.widgets.footer import TutorFooter
from leadtutor.ui.widgets.header import TopBar

if TYPE_CHECKING:
    from leadtutor.ui.app import LeadTutorApp

STYLES = {"same": "", "added": "bold $text-success underline", "removed": "$text-error strike"}


def diff_content(found: list[Change]) -> Content:
    """Changes as one text: added words underlined in green, removed ones struck in red."""
    return Content.assemble(*((change.text, STYLES[change.kind]) for change in found))


class HistoryScreen(Screen[None]):
    """Newest version first, each with its date and what it changed from the one before."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,h", "app.pop_screen", "Back")]
    """Escape (or h again) goes back to the journal."""

    DEFAULT_CSS = """
    HistoryScreen VerticalScroll { align-horizontal: center; padding: 1 2; }
    HistoryScreen VerticalScroll > * { width: 100%; max-width: 86; }
    HistoryScreen .history-question { text-style: bold; margin: 0 0 1 0; }
    HistoryScreen .history-when { color: $text-secondary; margin: 1 0 0 0; }
    HistoryScreen .history-value { border-left: thick $accent 60%; padding: 0 1; }
    HistoryScreen .history-diff { color: $text-muted; padding: 0 0 0 2; }
    HistoryScreen .history-diff-text { padding: 0 0 0 2; }
    """

    def __init__(self, prompt_id: str, prompt: AnyPrompt | None) -> None:
        super().__init__()
        self.prompt_id = prompt_id
        self.prompt = prompt

    @property
    def tutor(self) -> LeadTutorApp:
        """The app, typed."""
        return cast("LeadTutorApp", self.app)

    def compose(self) -> ComposeResult:
        answer = self.tutor.store.answer(self.prompt_id)
        found = versions(answer) if answer is not None else []
        count = len(found)
        noun = "version" if count == 1 else "versions"
        yield TopBar(Content.styled("History", "bold") + Content(f"  {count} {noun} of one answer"))
        with VerticalScroll(can_focus=True):
            question = self.prompt.text if self.prompt is not None else f"'{self.prompt_id}'"
            yield Static(Content(question), classes="history-question")
            if not found:
                yield Static(Content("No answer yet."))
            texts = [describe(v.value, self.prompt) for v in found]
            for version, text, before in reversed(
                list(zip(found, texts, [None, *texts[:-1]], strict=True))
            ):
                when = moment(version.at)
                label = f"Version {version.number} · {when}"
                if version.current:
                    label += " · current"
                yield Static(Content(label), classes="history-when")
                yield Static(Content(text), classes="history-value")
                if before is not None:
                    found_changes = changes(before, text)
                    yield Static(
                        Content(f"What changed from version {version.number - 1}: ")
                        + Content(summary(found_changes)),
                        classes="history-diff",
                    )
                    if any(c.kind != "same" for c in found_changes):
                        yield Static(diff_content(found_changes), classes="history-diff-text")
        yield TutorFooter()

    def on_mount(self) -> None:
        bar = self.query_one(TopBar)
        self.watch(self.tutor, "save_state", bar.set_save_state, init=True)
        self.query_one(VerticalScroll).focus()
