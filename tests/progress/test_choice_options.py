"""The fingerprints a choice answer was given: saved, read back, merged, and invisible to
older versions (which refuse a choice value with more keys but keep unknown top-level
keys as they are)."""

from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest

from leadtutor.progress import AnswerValue, ChoiceValue, ProgressStore, Revision
from leadtutor.progress.decode import decode
from leadtutor.progress.encode import encode
from leadtutor.progress.model import CHOICE_OPTIONS, format_time
from tests.conftest import REPO

from .conftest import StoreFactory
from .helpers import COURSE, FakeClock

FIRST = ("aaaaaaaa", "bbbbbbbb", "cccccccc")
SECOND = ("cccccccc", "dddddddd", "aaaaaaaa")


def _answered(store: ProgressStore, clock: FakeClock) -> None:
    store.set_choice("c1", "l1", [1], correct=True, options=FIRST)
    clock.advance(minutes=30)
    store.set_choice("c1", "l1", [0], correct=False, options=SECOND)
    store.set_choice("c2", "l1", [2], correct=None)  # a caller that gives none


def test_options_round_trip_in_their_own_section(
    make_store: StoreFactory, clock: FakeClock
) -> None:
    store = make_store()
    _answered(store, clock)
    store.save()
    again = make_store().answer("c1")
    assert again is not None and again == store.answer("c1")
    assert again.value == ChoiceValue((0,), False, SECOND)
    assert again.history[0].value == ChoiceValue((1,), True, FIRST)
    second = make_store().answer("c2")
    assert second is not None and second.value == ChoiceValue((2,), None, None)
    doc = json.loads(store.path.read_bytes())
    first = store.answer("c1")
    assert first is not None
    assert doc[CHOICE_OPTIONS] == {
        "c1": {
            format_time(first.history[0].at): list(FIRST),
            format_time(first.updated_at): list(SECOND),
        }
    }
    text = store.path.read_text()
    assert f'"{format_time(first.updated_at)}": ["cccccccc", "dddddddd", "aaaaaaaa"]' in text


def test_older_versions_see_the_old_format_plus_one_top_level_key(
    store: ProgressStore, clock: FakeClock
) -> None:
    """Every answer record is exactly what a version without fingerprints writes (its
    decoder refuses `{"selected", "correct", ...more}` and would drop the answer)."""
    _answered(store, clock)
    new = json.loads(encode(store.snapshot()))
    bare = store.snapshot()
    for pid, answer in bare.answers.items():
        bare.answers[pid] = replace(
            answer,
            value=_bare(answer.value),
            history=tuple(Revision(_bare(r.value), r.at) for r in answer.history),
        )
    old = json.loads(encode(bare))
    assert CHOICE_OPTIONS not in old
    assert {k: v for k, v in new.items() if k != CHOICE_OPTIONS} == old
    for answer in new["answers"].values():
        assert set(answer["value"]) == {"selected", "correct"}


def _bare(value: AnswerValue) -> AnswerValue:
    return replace(value, options=None) if isinstance(value, ChoiceValue) else value


def test_a_value_an_older_version_wrote_has_no_fingerprints(
    store: ProgressStore, clock: FakeClock
) -> None:
    """An older version keeps `choice_options` unchanged while it answers again: its new
    value has no entry (read as saved without fingerprints); the earlier one keeps its."""
    store.set_choice("c1", "l1", [1], correct=True, options=FIRST)
    doc = json.loads(encode(store.snapshot()))
    record = doc["answers"]["c1"]
    record["history"] = [{"value": record["value"], "at": record["updated_at"]}]
    record["value"] = {"selected": [2], "correct": False}
    record["updated_at"] = "2026-12-01T10:00:00.000000Z"
    doc["shuffle_seed"] = "0123456789abcdef"
    decoded = decode(json.dumps(doc).encode(), COURSE)
    assert decoded.problems == 0
    answer = decoded.progress.answers["c1"]
    assert answer.value == ChoiceValue((2,), False, None)
    assert answer.history[0].value == ChoiceValue((1,), True, FIRST)
    assert CHOICE_OPTIONS not in decoded.progress.extra  # known: rebuilt from the answers
    assert decoded.progress.extra == {"shuffle_seed": "0123456789abcdef"}


@pytest.mark.parametrize(
    "section",
    [
        [],
        {"c1": ["aaaaaaaa"]},
        {"c1": {"not a time": ["aaaaaaaa"]}},
        {"c1": {"2026-11-27T09:00:00.000000Z": "aaaaaaaa"}},
        {"c1": {"2026-11-27T09:00:00.000000Z": [1, 2]}},
    ],
)
def test_a_bad_section_costs_only_the_fingerprints(store: ProgressStore, section: object) -> None:
    store.set_choice("c1", "l1", [1], correct=True, options=FIRST)
    doc = json.loads(encode(store.snapshot()))
    doc[CHOICE_OPTIONS] = section
    decoded = decode(json.dumps(doc).encode(), COURSE)
    assert decoded.problems == 1  # so the store keeps a copy of the file
    assert decoded.progress.answers["c1"].value == ChoiceValue((1,), True, None)


def test_merged_values_keep_their_own_fingerprints(
    make_store: StoreFactory, clock: FakeClock
) -> None:
    one, two = make_store(), make_store()
    one.set_choice("c1", "l1", [1], correct=True, options=FIRST)
    one.save()
    clock.advance(minutes=1)
    two.set_choice("c1", "l1", [0], correct=False, options=SECOND)
    two.save()  # merges with one's answer: the later wins, the other joins the history
    answer = make_store().answer("c1")
    assert answer is not None
    assert answer.value == ChoiceValue((0,), False, SECOND)
    assert [r.value for r in answer.history] == [ChoiceValue((1,), True, FIRST)]


def test_options_must_be_text(store: ProgressStore) -> None:
    with pytest.raises(ValueError, match="options must be str"):
        store.set_choice("c1", "l1", [1], options=[1, 2])  # type: ignore[list-item]


def test_the_documented_example_reads_back_with_its_fingerprints() -> None:
    doc = (REPO / "docs" / "progress-format.md").read_text(encoding="utf-8")
    example = re.search(r"## Example\n\n```json\n(.*?)\n```", doc, re.S)
    assert example is not None
    decoded = decode(example[1].encode(), "leading-and-managing")
    assert decoded.problems == 0
    value = decoded.progress.answers["doors-check"].value
    assert isinstance(value, ChoiceValue) and value.options is not None
    assert encode(decoded.progress).decode().strip() == example[1].strip()
