"""Versions of an answer and word-level changes between them."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from leadtutor.progress import ProgressStore
from leadtutor.progress.history import changes, summary, versions

from .helpers import FakeClock


def test_versions_oldest_first_current_last(store: ProgressStore, clock: FakeClock) -> None:
    store.set_reflection("q", "l", "first")
    clock.advance(hours=1)
    store.set_reflection("q", "l", "second")
    clock.advance(hours=1)
    store.set_reflection("q", "l", "third")
    answer = store.answer("q")
    assert answer is not None
    found = versions(answer)
    assert [(v.number, v.value, v.current) for v in found] == [
        (1, "first", False),
        (2, "second", False),
        (3, "third", True),
    ]
    assert found[0].at < found[1].at < found[2].at == answer.updated_at


def test_changes_word_by_word() -> None:
    found = changes("Leading is telling people what to do.", "Leading is helping people decide.")
    assert [(c.kind, c.text) for c in found] == [
        ("same", "Leading is "),
        ("removed", "telling"),
        ("added", "helping"),
        ("same", " people "),
        ("removed", "what to do"),
        ("added", "decide"),
        ("same", "."),
    ]
    assert summary(found) == "2 words added, 4 removed"


def test_summary_wording() -> None:
    assert summary(changes("same text", "same text")) == "no change"
    assert summary(changes("a  b", "a b")) == "only spacing changed"
    assert summary(changes("a", "a b")) == "1 word added"
    assert summary(changes("a b c", "a")) == "2 words removed"


@given(st.text(max_size=60), st.text(max_size=60))
def test_changes_rebuild_both_sides(old: str, new: str) -> None:
    found = changes(old, new)
    assert "".join(c.text for c in found if c.kind != "removed") == new
    assert "".join(c.text for c in found if c.kind != "added") == old
