"""The follow-up card: "On <date> you committed to: …. How did it go?"

Shown at launch before anything else when a commitment is due, and from the course map
and the Follow-ups screen. The learner picks done, partly or not yet and may write a
short reflection; "not yet" offers to ask again after some days. The reflection is kept
as a draft while it is typed, so nothing is lost if the learner leaves with "Later".
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, ClassVar, Literal, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioSet, Static, TextArea

from leadtutor.progress.dates import day
from leadtutor.progress.followups import FollowUp
from leadtutor.ui.widgets.toggles import ShapedRadioButton

if TYPE_CHECKING:
    from leadtutor.ui.app import LeadTutorApp

CardResult = Literal["saved", "later", "stop"]
"""`saved`: an outcome was recorded; `later`: skipped this one; `stop`: skip the rest too."""

RESULTS = (("done", "Done"), ("partly", "Partly"), ("not-done", "Not yet"))


class FollowUpCard(ModalScreen[CardResult]):
    """Ask how one commitment went and record the answer in the store."""

    DEFAULT_CSS = """
    FollowUpCard { align: center middle; }
    FollowUpCard > VerticalScroll {
        width: 80; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 2 1 2;
    }
    FollowUpCard .card-when { text-style: bold; margin: 1 0 0 0; }
    FollowUpCard .card-text { border-left: thick $accent; padding: 0 1; margin: 1 0; }
    FollowUpCard .card-where { color: $text-muted; }
    FollowUpCard .card-ask { text-style: bold; margin: 1 0 0 0; }
    FollowUpCard RadioSet { layout: horizontal; width: auto; border: none; background: transparent; padding: 0; }
    FollowUpCard RadioSet > RadioButton { width: auto; margin: 0 2 0 0; }
    FollowUpCard TextArea { height: 4; margin: 1 0 0 0; }
    FollowUpCard .card-again { height: auto; display: none; }
    FollowUpCard.-not-yet .card-again { display: block; }
    FollowUpCard .card-again Label { padding: 1 1 0 0; }
    FollowUpCard .card-again Input { width: 9; }
    FollowUpCard .card-again-date { color: $text-muted; padding: 1 0 0 1; width: 1fr; }
    FollowUpCard .card-actions { height: auto; margin: 1 0 0 0; }
    FollowUpCard .card-actions Button { margin: 0 2 0 0; }
    FollowUpCard .card-hint { color: $text-muted; padding: 1 0 0 0; width: 1fr; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "stop", "Ask me next time"),
        Binding("ctrl+s", "save", "Save", show=False, priority=True),
    ]
    """Escape leaves every check-in for the next launch (what was typed is kept)."""

    def __init__(self, item: FollowUp, *, position: int = 1, count: int = 1) -> None:
        super().__init__()
        self.item = item
        self.position = position
        self.count = count

    @property
    def tutor(self) -> LeadTutorApp:
        """The app, typed."""
        return cast("LeadTutorApp", self.app)

    def compose(self) -> ComposeResult:
        item = self.item
        draft = self.tutor.store.drafts().get(item.commitment_id)
        days = item.commitment.follow_up_days if 1 <= item.commitment.follow_up_days <= 365 else 7
        with VerticalScroll() as card:
            card.border_title = Content(
                "Check-in" if self.count == 1 else f"Check-in {self.position} of {self.count}"
            )
            yield Static(
                Content(f"On {day(item.first_committed_on)} you committed to:"),
                classes="card-when",
            )
            yield Static(Content(item.text.strip() or "(no text)"), classes="card-text")
            yield Static(self._where(), classes="card-where")
            yield Static(Content("How did it go?"), classes="card-ask")
            with RadioSet(id="card-result"):
                for result, label in RESULTS:
                    yield ShapedRadioButton(Content(label), id=f"result-{result}")
            yield TextArea(
                draft.text if draft else "",
                soft_wrap=True,
                tab_behavior="focus",
                highlight_cursor_line=False,
                placeholder=Content("A short reflection: what happened, what you learned"),
                id="card-note",
            )
            with Horizontal(classes="card-again"):
                yield Label(Content("Ask me again in"))
                yield Input(str(days), type="integer", max_length=3, id="card-days")
                yield Label(Content("days"))
                yield Static(self._again_text(str(days)), classes="card-again-date")
            with Horizontal(classes="card-actions"):
                yield Button(Content("Save"), id="card-save", variant="primary")
                yield Button(Content("Later"), id="card-later")
                yield Static(Content("escape: ask me next time"), classes="card-hint")

    def on_mount(self) -> None:
        self.query_one(RadioSet).focus()

    def _where(self) -> Content:
        item = self.item
        lesson = self.tutor.course.lesson(item.commitment.lesson_id)
        parts = [f"From “{lesson.title}”." if lesson is not None else ""]
        if item.due_on < self.tutor.store.today():
            parts.append(f"Due {day(item.due_on)}.")
        parts.extend(
            f"On {day(earlier.outcome.on)} you said not yet."
            for earlier in item.postponed
            if earlier.outcome is not None and earlier.outcome.on is not None
        )
        return Content(" ".join(p for p in parts if p))

    def _again_text(self, raw: str) -> Content:
        days = _days(raw)
        if days is None:
            return Content("(leave empty to stop asking)")
        return Content(f"on {day(self.tutor.store.today() + timedelta(days=days))}")

    def _result(self) -> str:
        pressed = self.query_one(RadioSet).pressed_button
        return (pressed.id or "").removeprefix("result-") if pressed is not None else ""

    @on(RadioSet.Changed)
    def _picked(self) -> None:
        self.set_class(self._result() == "not-done", "-not-yet")

    @on(Input.Changed, "#card-days")
    def _days_typed(self, event: Input.Changed) -> None:
        self.query_one(".card-again-date", Static).update(self._again_text(event.value))

    @on(TextArea.Changed, "#card-note")
    def _note_typed(self, event: TextArea.Changed) -> None:
        item = self.item.commitment
        self.tutor.store.set_draft(item.commitment_id, item.lesson_id, event.text_area.text)
        self.tutor.changed()

    @on(Button.Pressed, "#card-save")
    def _save_pressed(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        """Record the outcome (and for "not yet", when to ask again), then close."""
        result = self._result()
        if not result:
            self.notify("Choose done, partly or not yet first.", markup=False, timeout=4)
            self.query_one(RadioSet).focus()
            return
        store = self.tutor.store
        note = self.query_one("#card-note", TextArea).text.strip() or None
        commitment_id = self.item.commitment_id
        message = "Saved. The Follow-ups screen and your journal keep it."
        if result == "not-done":
            raw = self.query_one("#card-days", Input).value
            days = _days(raw)
            if days is None and raw.strip() not in ("", "0"):
                self.notify("Ask again in 1 to 365 days, or leave it empty.", markup=False)
                return
            if days is not None:
                again = store.ask_again(commitment_id, days, note)
                message = f"Saved. leadtutor will ask again on {day(again.due_on)}."
            else:
                store.record_outcome(commitment_id, "not-done", note)
        else:
            store.record_outcome(commitment_id, result, note)  # type: ignore[arg-type]
        self.tutor.changed()
        self.notify(message, markup=False, timeout=6)
        self.dismiss("saved")

    @on(Button.Pressed, "#card-later")
    def _later(self) -> None:
        self.dismiss("later")

    def action_stop(self) -> None:
        """Close every check-in for now; they come back at the next launch."""
        self.dismiss("stop")


def _days(raw: str) -> int | None:
    text = raw.strip()
    if not text.isdigit() or not 1 <= int(text) <= 365:
        return None
    return int(text)
