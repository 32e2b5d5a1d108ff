"""Follow-ups in the store: due dates by a fake clock, outcomes, and "not yet, ask again"."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from leadtutor.progress import ProgressStore
from leadtutor.progress.followups import follow_ups

from .conftest import StoreFactory
from .helpers import START, FakeClock

TODAY = START.astimezone().date()


def test_a_commitment_is_due_on_its_date_and_not_before(
    store: ProgressStore, clock: FakeClock
) -> None:
    store.make_commitment("k1", "l1", "Ask R. to run the retro", 1)
    assert store.follow_ups_due() == []
    assert [f.state for f in store.follow_ups()] == ["upcoming"]
    clock.advance(days=1)
    due = store.follow_ups_due()
    assert [f.commitment_id for f in due] == ["k1#1"]
    assert due[0].first_committed_on == TODAY
    assert due[0].due_on == TODAY + timedelta(days=1)
    clock.advance(days=5)  # long overdue: still due, never dropped
    assert [f.commitment_id for f in store.follow_ups_due()] == ["k1#1"]


def test_an_outcome_closes_it_and_clears_the_note_draft(
    store: ProgressStore, clock: FakeClock
) -> None:
    store.make_commitment("k1", "l1", "Ask R. to run the retro", 1)
    clock.advance(days=2)
    store.set_draft("k1#1", "l1", "It went")
    store.record_outcome("k1#1", "partly", "It went half well")
    (item,) = store.follow_ups()
    assert item.state == "closed" and item.result_label == "partly"
    assert item.outcome is not None and item.outcome.on == TODAY + timedelta(days=2)
    assert item.outcome.note == "It went half well"
    assert "k1#1" not in store.drafts()
    assert store.follow_ups_due() == []


def test_not_yet_asks_again_and_keeps_the_story(store: ProgressStore, clock: FakeClock) -> None:
    store.make_commitment("k1", "l1", "Give R. the retro", 7)
    clock.advance(days=7)
    fresh = store.ask_again("k1#1", 3, "Sprint slipped")
    assert fresh.commitment_id == "k1#2" and fresh.text == "Give R. the retro"
    assert fresh.committed_on == TODAY + timedelta(days=7)
    assert fresh.due_on == TODAY + timedelta(days=10)
    assert store.follow_ups_due() == []  # rescheduled: not due today any more
    clock.advance(days=3)
    (again,) = store.follow_ups_due()
    assert again.commitment_id == "k1#2"
    assert again.first_committed_on == TODAY  # the story starts at the first commitment
    assert [c.commitment_id for c in again.postponed] == ["k1#1"]
    closed = next(f for f in store.follow_ups() if f.commitment_id == "k1#1")
    assert closed.result_label == "not yet"
    assert closed.asked_again is not None and closed.asked_again.commitment_id == "k1#2"
    # the lesson's commit prompt still edits the open one, not a third
    assert store.make_commitment("k1", "l1", "Give R. the retro", 3).commitment_id == "k1#2"


def test_ask_again_twice_does_not_duplicate(store: ProgressStore, clock: FakeClock) -> None:
    store.make_commitment("k1", "l1", "text", 1)
    clock.advance(days=1)
    first = store.ask_again("k1#1", 2)
    second = store.ask_again("k1#1", 5)
    assert first.commitment_id == second.commitment_id == "k1#2"
    assert len(store.commitments()) == 2


@pytest.mark.parametrize("days", [0, -1, 366, True])
def test_ask_again_needs_a_sensible_number_of_days(store: ProgressStore, days: int) -> None:
    store.make_commitment("k1", "l1", "text", 1)
    with pytest.raises(ValueError, match="days"):
        store.ask_again("k1#1", days)


def test_ask_again_survives_a_save_and_reload(make_store: StoreFactory, clock: FakeClock) -> None:
    store = make_store()
    store.make_commitment("k1", "l1", "text", 1)
    clock.advance(days=1)
    store.ask_again("k1#1", 4, "not this week")
    store.save()
    again = make_store()
    items = {f.commitment_id: f for f in again.follow_ups()}
    assert items["k1#2"].postponed[0].commitment_id == "k1#1"
    assert items["k1#1"].outcome is not None and items["k1#1"].outcome.note == "not this week"


def test_order_due_then_upcoming_then_recently_closed(
    store: ProgressStore, clock: FakeClock
) -> None:
    store.make_commitment("a", "l1", "soon", 1)
    store.make_commitment("b", "l1", "later", 30)
    store.make_commitment("c", "l1", "closed early", 2)
    store.make_commitment("d", "l1", "closed late", 2)
    clock.advance(days=2)
    store.record_outcome("c#1", "done")
    clock.advance(days=1)
    store.record_outcome("d#1", "done")
    store.make_commitment("e", "l1", "due too", 1, on=TODAY)
    order = [f.commitment_id for f in store.follow_ups()]
    assert order == ["a#1", "e#1", "b#1", "d#1", "c#1"]


def test_a_new_commitment_with_other_text_starts_a_new_story() -> None:
    from leadtutor.progress.model import Commitment, Outcome

    day = date(2026, 11, 1)
    first = Commitment(
        "k#1", "k", "l", "one", 1, day, day + timedelta(1), Outcome("not-done", None, day)
    )
    second = Commitment("k#2", "k", "l", "two", 1, day, day + timedelta(1))
    items = {f.commitment_id: f for f in follow_ups([first, second], day)}
    assert items["k#2"].postponed == () and items["k#1"].asked_again is None
