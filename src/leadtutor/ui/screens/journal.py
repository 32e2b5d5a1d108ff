"""The journal: every answer in the course, grouped by lesson, searchable."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList
from textual.widgets.option_list import Option

from leadtutor.core.sanitize import clean_answer
from leadtutor.progress import Answer
from leadtutor.progress.answered import counts, earlier_versions
from leadtutor.progress.dates import moment
from leadtutor.progress.journal import describe
from leadtutor.ui.screens.followups import follow_up_lines, follow_ups_by_prompt
from leadtutor.ui.text import first_sentence
from leadtutor.ui.widgets.header import TopBar

if TYPE_CHECKING:
    from leadtutor.ui.app import LeadTutorApp


class JournalScreen(Screen[None]):
    """Answers by lesson with date and edit count; enter opens the answer in its lesson."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("slash", "search", "Search"),
        Binding("h", "history", "History"),
    ]
    """Escape goes back (or leaves the search box); / searches; h shows every version."""

    DEFAULT_CSS = """
    JournalScreen Vertical { align-horizontal: center; }
    JournalScreen Vertical > * { width: 100%; max-width: 90; }
    JournalScreen Input { margin: 1 0 0 0; }
    JournalScreen OptionList { height: 1fr; border: none; }
    """

    @property
    def tutor(self) -> LeadTutorApp:
        """The app, typed."""
        return cast("LeadTutorApp", self.app)

    def compose(self) -> ComposeResult:
        yield TopBar(Content.styled("Journal", "bold") + Content("  every answer you have written"))
        with Vertical():
            yield Input(placeholder="Search your answers and the questions…", id="journal-search")
            yield OptionList(*self._options(""), id="journal-list")
        yield Footer()

    def on_mount(self) -> None:
        bar = self.query_one(TopBar)
        self.watch(self.tutor, "save_state", bar.set_save_state, init=True)
        self.query_one(OptionList).focus()

    def _options(self, query: str) -> list[Option]:
        course, store = self.tutor.course, self.tutor.store
        needle = query.strip().lower()
        options: list[Option] = []
        count = 0
        follow_ups = follow_ups_by_prompt(store.follow_ups())
        for lesson in course.lessons:
            rows: list[Option] = []
            for prompt in lesson.prompts:
                answer = store.answer(prompt.id)
                if answer is None or not counts(answer):
                    continue
                text = describe(answer.value, prompt)
                if needle and needle not in text.lower() and needle not in prompt.text.lower():
                    continue
                extra = follow_up_lines(follow_ups.get(prompt.id, []))
                rows.append(self._row(answer, prompt.text, text, f"answer:{prompt.id}", extra))
            if rows:
                options.append(
                    Option(Content.styled(lesson.title, "bold $text-accent"), disabled=True)
                )
                options.extend(rows)
                count += len(rows)
        orphans = [a for a in store.orphans(course.prompt_ids) if counts(a)]
        shown = [a for a in orphans if not needle or needle in describe(a.value).lower()]
        if shown:
            options.append(
                Option(
                    Content.styled(
                        "Answers to questions that are no longer in the course",
                        "bold $text-warning",
                    ),
                    disabled=True,
                )
            )
            for answer in shown:
                question = f"(prompt '{answer.prompt_id}', lesson '{answer.lesson_id or '?'}')"
                options.append(
                    self._row(
                        answer, question, describe(answer.value), f"orphan:{answer.prompt_id}"
                    )
                )
            count += len(shown)
        if not count:
            message = (
                "Nothing matches your search."
                if needle
                else ("No answers yet. They appear here as you write them in the lessons.")
            )
            options.append(Option(Content.styled(message, "$text-muted"), disabled=True))
        return options

    @staticmethod
    def _row(
        answer: Answer, question: str, text: str, option_id: str, extra: Sequence[Content] = ()
    ) -> Option:
        earlier = len(earlier_versions(answer))
        meta = moment(answer.updated_at)
        if earlier:
            meta += f" · {earlier} earlier version{'s' if earlier != 1 else ''} · h: history"
        return Option(
            Content("\n").join(
                [
                    Content.styled(first_sentence(question), "$text-muted"),
                    Content(clean_answer(text)),
                    *extra,
                    Content.styled(meta, "$text-secondary"),
                    Content(""),
                ]
            ),
            id=option_id,
        )

    @on(Input.Changed, "#journal-search")
    def _search(self, event: Input.Changed) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options(self._options(event.value))

    @on(Input.Submitted, "#journal-search")
    def _to_list(self) -> None:
        self.query_one(OptionList).focus()

    def action_search(self) -> None:
        """Focus the search box."""
        self.query_one(Input).focus()

    def action_history(self) -> None:
        """Show every version of the highlighted answer and what changed between them."""
        from leadtutor.ui.screens.history import HistoryScreen

        options = self.query_one(OptionList)
        option = (
            options.get_option_at_index(options.highlighted)
            if options.highlighted is not None
            else None
        )
        kind, _, prompt_id = (option.id or "").partition(":") if option else ("", "", "")
        if kind not in ("answer", "orphan"):
            self.notify("Highlight an answer first.", markup=False, timeout=3)
            return
        found = self.tutor.course.find_prompt(prompt_id)
        self.app.push_screen(HistoryScreen(prompt_id, found[1] if found else None))

    def action_back(self) -> None:
        """Leave the search box, or close the journal."""
        if isinstance(self.focused, Input):
            self.query_one(OptionList).focus()
        else:
            self.app.pop_screen()

    @on(OptionList.OptionSelected)
    def _open(self, event: OptionList.OptionSelected) -> None:
        kind, _, prompt_id = (event.option.id or "").partition(":")
        if kind != "answer":
            if kind == "orphan":
                self.notify(
                    "This question was removed from the course; your answer is kept here.",
                    markup=False,
                )
            return
        found = self.tutor.course.find_prompt(prompt_id)
        if found is not None:
            self.app.pop_screen()
            self.tutor.open_lesson(found[0], prompt_id=prompt_id)
