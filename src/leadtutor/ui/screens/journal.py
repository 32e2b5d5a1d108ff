"""The journal: every answer in the course, grouped by lesson; search (in the text shown,
with the matches marked) and filters by lesson and by prompt kind."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar, Final, cast

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input, OptionList, Select
from textual.widgets.option_list import Option

from leadtutor.core.sanitize import clean_answer
from leadtutor.progress import Answer
from leadtutor.progress.answered import counts, earlier_versions
from leadtutor.progress.dates import moment
from leadtutor.progress.journal import describe, lesson_name
from leadtutor.ui.screens.followups import follow_up_lines, follow_ups_by_prompt
from leadtutor.ui.screens.lesson import LessonScreen
from leadtutor.ui.text import first_sentence
from leadtutor.ui.widgets.footer import TutorFooter
from leadtutor.ui.widgets.header import TopBar
from leadtutor.ui.wrapped import Wrapped, hanging

if TYPE_CHECKING:
    from leadtutor.ui.app import LeadTutorApp


KINDS: Final = [
    ("All kinds", ""),
    ("Reflections", "reflect"),
    ("Quick checks", "choice"),
    ("Ratings", "scale"),
    ("Commitments", "commit"),
]
"""The prompt-kind filter: label, kind (`Answer.kind`)."""
EVERYTHING: Final = ""
"""The filter value that keeps everything."""
MATCH: Final = "bold reverse"
"""How a search match is marked in the text shown."""


def highlight(text: Content, needle: str) -> Content:
    """`text` with every case-insensitive occurrence of `needle` marked."""
    if not needle:
        return text
    plain, size = text.plain.lower(), len(needle)
    start = plain.find(needle)
    while start >= 0:
        text = text.stylize(MATCH, start, start + size)
        start = plain.find(needle, start + size)
    return text


class JournalScreen(Screen[None]):
    """Answers by lesson with date and versions; enter opens the answer in its lesson,
    and escape from there comes back here."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("slash", "search", "Search"),
        Binding("h", "history", "History"),
    ]
    """Escape goes back (or leaves the search box); / searches; h shows every version."""

    DEFAULT_CSS = """
    JournalScreen Vertical { align-horizontal: center; }
    JournalScreen Vertical > * { width: 100%; max-width: 90; }
    JournalScreen .journal-tools { height: auto; margin: 1 0 0 0; padding: 0 1; }
    JournalScreen.-short .journal-tools { margin: 0; }
    JournalScreen .journal-tools Input { width: 1fr; margin: 0 1 0 0; }
    JournalScreen .journal-filters { width: 50; height: auto; }
    JournalScreen .journal-filters Select { width: 1fr; margin: 0 0 0 1; }
    JournalScreen.-narrow .journal-tools { layout: vertical; }
    JournalScreen.-narrow .journal-tools > * { width: 100%; margin: 0; }
    JournalScreen.-narrow .journal-filters Select { margin: 0 1 0 0; }
    JournalScreen OptionList, JournalScreen OptionList:focus {
        height: 1fr; border: none; padding: 0 1; margin: 1 0 0 0;
    }
    JournalScreen.-short OptionList { margin: 0; }
    """
    """Search and filters share a row; on a narrow screen (-narrow) they stack, on a
    short one (-short) the gaps go."""

    def __init__(self) -> None:
        super().__init__()
        self._opened: set[str] = set()
        """Lessons opened from here (to show afresh when the journal closes)."""

    @property
    def tutor(self) -> LeadTutorApp:
        """The app, typed."""
        return cast("LeadTutorApp", self.app)

    def compose(self) -> ComposeResult:
        yield TopBar(Content.styled("Journal", "bold") + Content("  every answer you have written"))
        with Vertical():
            with Horizontal(classes="journal-tools"):
                yield Input(
                    placeholder="Search what is shown below…", id="journal-search", compact=True
                )
                with Horizontal(classes="journal-filters"):
                    yield Select(
                        self._lesson_choices(),
                        value=EVERYTHING,
                        allow_blank=False,
                        compact=True,
                        id="journal-lesson",
                    )
                    yield Select(
                        KINDS, value=EVERYTHING, allow_blank=False, compact=True, id="journal-kind"
                    )
            yield OptionList(*self._options(), id="journal-list")
        yield TutorFooter()

    def on_mount(self) -> None:
        bar = self.query_one(TopBar)
        self.watch(self.tutor, "save_state", bar.set_save_state, init=True)
        self._highlight_first()
        self.query_one(OptionList).focus()

    @on(events.Resize)
    def _resized(self, event: events.Resize) -> None:
        self.set_class(event.size.width < 70, "-narrow")
        self.set_class(event.size.height < 20, "-short")

    def _lesson_choices(self) -> list[tuple[str, str]]:
        store = self.tutor.store
        with_answers = [
            lesson
            for lesson in self.tutor.course.lessons
            if any(counts(store.answer(p.id)) for p in lesson.prompts)
        ]
        return [("All lessons", EVERYTHING), *((x.title, x.id) for x in with_answers)]

    def _filters(self) -> tuple[str, str, str]:
        """The search text (lower case), the lesson id and the kind chosen."""
        if not self.is_mounted:
            return "", EVERYTHING, EVERYTHING
        needle = self.query_one("#journal-search", Input).value.strip().lower()
        lesson = self.query_one("#journal-lesson", Select).value
        kind = self.query_one("#journal-kind", Select).value
        return needle, str(lesson or EVERYTHING), str(kind or EVERYTHING)

    def _options(self) -> list[Option]:
        course, store = self.tutor.course, self.tutor.store
        needle, only_lesson, only_kind = self._filters()
        options: list[Option] = []
        count = 0
        follow_ups = follow_ups_by_prompt(store.follow_ups())
        for lesson in course.lessons:
            if only_lesson and lesson.id != only_lesson:
                continue
            rows: list[Option] = []
            for prompt in lesson.prompts:
                answer = store.answer(prompt.id)
                if answer is None or not counts(answer):
                    continue
                if only_kind and answer.kind != only_kind:
                    continue
                extra = follow_up_lines(follow_ups.get(prompt.id, []))
                shown = [first_sentence(prompt.text), describe(answer.value, prompt)]
                row = self._row(answer, shown, f"answer:{prompt.id}", extra, needle)
                if row is not None:
                    rows.append(row)
            if rows:
                options.append(
                    Option(Content.styled(lesson.title, "bold $text-accent"), disabled=True)
                )
                options.extend(rows)
                count += len(rows)
        if not only_lesson:
            orphans = [
                a
                for a in store.orphans(course.prompt_ids)
                if counts(a) and (not only_kind or a.kind == only_kind)
            ]
            shown_orphans = [
                row
                for row in (
                    self._row(
                        answer,
                        [
                            f"A question removed {lesson_name(course, answer.lesson_id)}",
                            describe(answer.value),
                        ],
                        f"orphan:{answer.prompt_id}",
                        (),
                        needle,
                    )
                    for answer in orphans
                )
                if row is not None
            ]
            if shown_orphans:
                options.append(
                    Option(
                        Content.styled(
                            "Answers to questions that are no longer in the course",
                            "bold $text-warning",
                        ),
                        disabled=True,
                    )
                )
                options.extend(shown_orphans)
                count += len(shown_orphans)
        if not count:
            filtered = needle or only_lesson or only_kind
            message = (
                "Nothing matches."
                if filtered
                else "No answers yet. They appear here as you write them in the lessons."
            )
            options.append(Option(Content.styled(message, "$text-muted"), disabled=True))
        return options

    @staticmethod
    def _row(
        answer: Answer,
        shown: list[str],
        option_id: str,
        extra: Sequence[Content],
        needle: str,
    ) -> Option | None:
        """An answer's row, or None if `needle` is in none of the text it shows."""
        earlier = len(earlier_versions(answer))
        meta = moment(answer.updated_at)
        if earlier:
            meta += f" · {earlier} earlier version{'s' if earlier != 1 else ''} · h: history"
        question, text = shown
        parts = [
            Content.styled(question, "$text-muted"),
            Content(clean_answer(text)),
            *extra,
            Content.styled(meta, "$text-secondary"),
        ]
        if needle and not any(needle in part.plain.lower() for part in parts):
            return None
        pieces = [hanging(highlight(part, needle)) for part in parts]
        pieces.append(hanging(Content("")))
        return Option(Wrapped(pieces), id=option_id)

    def _refill(self) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options(self._options())
        self._highlight_first()

    def _highlight_first(self) -> None:
        """Highlight the first answer, so enter works as soon as the list has focus."""
        options = self.query_one(OptionList)
        for index in range(options.option_count):
            if not options.get_option_at_index(index).disabled:
                options.highlighted = index
                return

    @on(Input.Changed, "#journal-search")
    @on(Select.Changed)
    def _filter(self) -> None:
        self._refill()

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
        """Leave the search box, or close the journal.

        A lesson under the journal whose answers were opened (and perhaps edited) from
        here is shown afresh, so it never holds an older text than the store.
        """
        if isinstance(self.focused, (Input, Select)):
            self.query_one(OptionList).focus()
            return
        stack = self.app.screen_stack
        below = stack[-2] if len(stack) > 1 else None
        self.app.pop_screen()
        if isinstance(below, LessonScreen) and below.lesson.id in self._opened:
            self.tutor.open_lesson(below.lesson)

    async def on_screen_resume(self) -> None:
        """Back from a lesson opened here: show what changed, keep the same answer."""
        if not self._opened:
            return
        options = self.query_one(OptionList)
        index = options.highlighted
        current = options.get_option_at_index(index).id if index is not None else None
        self._refill()
        for position in range(options.option_count):
            if options.get_option_at_index(position).id == current:
                options.highlighted = position

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
        if found is not None:  # on top of the journal: escape from the lesson comes back
            self._opened.add(found[0].id)
            self.tutor.open_lesson(found[0], prompt_id=prompt_id)
