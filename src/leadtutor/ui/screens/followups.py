"""The Follow-ups screen: every commitment, due, coming up and closed, with outcomes."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from leadtutor.progress.dates import day
from leadtutor.progress.followups import FollowUp, number
from leadtutor.ui.widgets.footer import TutorFooter
from leadtutor.ui.widgets.header import TopBar

if TYPE_CHECKING:
    from leadtutor.ui.app import LeadTutorApp

GROUPS = (
    ("due", "Due: how did it go?", "bold $text-warning"),
    ("upcoming", "Coming up", "bold $text-accent"),
    ("closed", "Closed", "bold $text-success"),
)
MARKS = {"due": ("⏰ ", "$text-warning"), "upcoming": ("○ ", "$text-muted")}
RESULT_MARKS = {"done": ("● ", "$text-success"), "partly": ("◐ ", "$text-warning")}


def describe(item: FollowUp, lesson_title: str = "") -> list[Content]:
    """The lines that tell one follow-up: what, when, how it went, the reflection."""
    when = f"committed {day(item.first_committed_on)}"
    if item.state == "closed" and item.outcome is not None:
        status = item.result_label
        if item.outcome.on is not None:
            status += f" on {day(item.outcome.on)}"
        if item.asked_again is not None:
            status += f"; asked again for {day(item.asked_again.due_on)}"
    elif item.state == "due":
        status = f"due {day(item.due_on)}"
    else:
        status = f"check-in on {day(item.due_on)}"
    meta = " · ".join(p for p in (when, status, lesson_title) if p)
    lines = [Content.styled(meta, "$text-muted")]
    if item.outcome is not None and item.outcome.note:
        lines.append(Content("“") + Content(item.outcome.note.strip()) + Content("”"))
    return lines


def follow_ups_by_prompt(items: list[FollowUp]) -> dict[str, list[FollowUp]]:
    """Follow-ups grouped by the commit prompt that made them, oldest commitment first."""
    grouped: dict[str, list[FollowUp]] = {}
    for item in sorted(items, key=lambda f: number(f.commitment_id)):
        grouped.setdefault(item.commitment.prompt_id, []).append(item)
    return grouped


def follow_up_lines(items: list[FollowUp]) -> list[Content]:
    """For the journal: each commitment of one prompt with its check-in and outcome."""
    lines: list[Content] = []
    for item in items:
        mark = "⏰ " if item.state == "due" else ("✓ " if item.outcome else "○ ")
        head = Content.styled(mark, "$text-accent")
        if len(items) > 1:
            head += Content(item.text.strip() + " · ")
        lines.append(head + describe(item)[0])
        lines.extend(Content("  ") + line for line in describe(item)[1:])
    return lines


class FollowUpsScreen(Screen[None]):
    """Open and closed commitments; enter checks in on an open one or opens a closed one's lesson."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "app.pop_screen", "Back")]
    """Escape goes back."""

    DEFAULT_CSS = """
    FollowUpsScreen Vertical { align-horizontal: center; }
    FollowUpsScreen Vertical > * { width: 100%; max-width: 90; }
    FollowUpsScreen .followups-summary { height: auto; padding: 1 1 0 1; color: $text-muted; }
    FollowUpsScreen OptionList { height: 1fr; border: none; }
    """

    @property
    def tutor(self) -> LeadTutorApp:
        """The app, typed."""
        return cast("LeadTutorApp", self.app)

    def compose(self) -> ComposeResult:
        yield TopBar(Content.styled("Follow-ups", "bold") + Content("  the commitments you made"))
        with Vertical():
            yield Static(self._summary(), classes="followups-summary")
            yield OptionList(*self._options(), id="followups-list")
        yield TutorFooter()

    def on_mount(self) -> None:
        bar = self.query_one(TopBar)
        self.watch(self.tutor, "save_state", bar.set_save_state, init=True)
        self.query_one(OptionList).focus()

    def _summary(self) -> Content:
        items = self.tutor.store.follow_ups()
        if not items:
            return Content(
                "No commitments yet. The lessons' Commit prompts add them here; when one "
                "comes due, leadtutor asks how it went."
            )
        counts = {state: sum(1 for f in items if f.state == state) for state, _, _ in GROUPS}
        return Content(
            f"{counts['due']} due · {counts['upcoming']} coming up · {counts['closed']} closed. "
            "Enter checks in on an open one (even early)."
        )

    def _options(self) -> list[Option]:
        course = self.tutor.course
        items = self.tutor.store.follow_ups()
        options: list[Option] = []
        for state, title, style in GROUPS:
            group = [f for f in items if f.state == state]
            if not group:
                continue
            options.append(Option(Content.styled(title, style), disabled=True))
            for item in group:
                lesson = course.lesson(item.commitment.lesson_id)
                if item.outcome is not None:
                    mark, mark_style = RESULT_MARKS.get(item.outcome.result, ("○ ", "$text-muted"))
                else:
                    mark, mark_style = MARKS[state]
                head = Content.styled(mark, mark_style) + Content(item.text.strip() or "(no text)")
                lines = [head, *describe(item, lesson.title if lesson else ""), Content("")]
                options.append(Option(Content("\n").join(lines), id=item.commitment_id))
        return options

    async def refresh_list(self) -> None:
        """Rebuild the list after an outcome was recorded."""
        await self.recompose()
        bar = self.query_one(TopBar)
        bar.set_save_state(self.tutor.save_state)
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        target = event.option.id or ""
        item = next((f for f in self.tutor.store.follow_ups() if f.commitment_id == target), None)
        if item is None:
            return
        if item.state != "closed":
            self.tutor.check_in([item], then=lambda: self.call_later(self.refresh_list))
            return
        found = self.tutor.course.find_prompt(item.commitment.prompt_id)
        if found is None:
            self.notify(
                "This commitment's prompt is no longer in the course; it is kept here.",
                markup=False,
            )
            return
        self.app.pop_screen()
        self.tutor.open_lesson(found[0], prompt_id=item.commitment.prompt_id)
