"""The file format: round trips, stable layout, odd text, and tolerant reading."""

from __future__ import annotations

import json
import tempfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leadtutor.progress import SCHEMA_VERSION, ProgressStore
from leadtutor.progress.decode import decode
from leadtutor.progress.encode import EncodeCache, encode
from leadtutor.progress.errors import UnknownSchema, UnreadableFile
from leadtutor.progress.model import Progress

from .conftest import StoreFactory
from .helpers import COURSE, START, FakeClock

ANY_TEXT = st.text(
    alphabet=st.characters(codec=None, exclude_categories=()),  # surrogates and controls too
    max_size=40,
)


def _filled(store: ProgressStore, clock: FakeClock) -> None:
    store.set_reflection("q1", "l1", 'Première réponse — with ümlauts, emoji 🙂 and "quotes"')
    clock.advance(minutes=15)
    store.set_reflection("q1", "l1", "second\nline\ttab \\ backslash")
    store.set_choice("c1", "l1", [1, 3], correct=True)
    store.set_scale("s1", "l2", 5)
    store.make_commitment("k1", "l2", "one step", 14, on=date(2026, 11, 27))
    store.record_outcome("k1#1", "done", "went well", on=date(2026, 12, 1))
    store.open_lesson("l1")
    store.complete_lesson("l2")
    store.set_resume("l1", 2, 5, "q1")
    store.set_draft("k2", "l2", "not yet")


def test_round_trip_through_disk(make_store: StoreFactory, clock: FakeClock) -> None:
    store = make_store()
    _filled(store, clock)
    store.save()
    again = make_store()
    assert again.snapshot() == store.snapshot()
    assert again.notices == []


def test_layout_is_stable_sorted_and_readable(store: ProgressStore, clock: FakeClock) -> None:
    _filled(store, clock)
    first = encode(store.snapshot())
    assert first == encode(store.snapshot(), EncodeCache())
    text = first.decode("utf-8")
    assert "Première réponse" in text and "🙂" in text  # readable, not \u-escaped
    doc = json.loads(text)
    assert list(doc)[:2] == ["schema_version", "course_id"]
    assert doc["schema_version"] == SCHEMA_VERSION and doc["course_id"] == COURSE
    assert list(doc["answers"]) == sorted(doc["answers"])
    lines = text.splitlines()
    assert '      "kind": "reflect",' in lines  # one field per line
    assert any(line.startswith('        {"value": "Première') for line in lines)  # history entry
    assert json.dumps(doc["answers"]["c1"]["value"]) == '{"selected": [1, 3], "correct": true}'


def test_cache_reuses_only_unchanged_records(store: ProgressStore, clock: FakeClock) -> None:
    cache = EncodeCache()
    _filled(store, clock)
    encode(store.snapshot(), cache)
    clock.advance(minutes=30)
    store.set_scale("s1", "l2", 2)
    assert encode(store.snapshot(), cache) == encode(store.snapshot())


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    text=ANY_TEXT, key=ANY_TEXT.filter(lambda k: k not in ("", "k")), draft=ANY_TEXT.filter(bool)
)
def test_any_text_survives_save_and_load(tmp_path: Path, text: str, key: str, draft: str) -> None:
    folder = Path(tempfile.mkdtemp(dir=tmp_path))  # a fresh folder per example
    store = ProgressStore(folder, COURSE, clock=FakeClock())
    store.set_reflection(key, "lesson", text)
    store.set_draft("other", "lesson", draft)
    store.make_commitment("k", "lesson", text, 3)
    store.save()
    again = ProgressStore(folder, COURSE)
    again.load()
    assert again.notices == []
    loaded = again.answer(key)
    # JSON can only write a high+low surrogate pair as one escaped pair, which reads
    # back as the character it encodes; every other string comes back unchanged.
    assert loaded is not None and loaded.value == _paired(text)
    assert again.drafts()["other"].text == _paired(draft)
    assert again.commitments()[0].text == _paired(text)


def _paired(text: str) -> str:
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "surrogatepass")


def test_hand_edited_lone_surrogate_loads_and_saves(
    data_dir: Path, make_store: StoreFactory
) -> None:
    store = make_store()
    store.set_reflection("q1", "l1", "fine")
    store.save()
    path = store.path
    path.write_text(path.read_text().replace('"fine"', '"bad \\ud800 text"'))
    again = make_store()
    answer = again.answer("q1")
    assert answer is not None and answer.value == "bad \ud800 text"
    again.set_reflection("q2", "l1", "more \udfff")
    again.save()  # must not raise UnicodeEncodeError
    assert b"\\ud800" in path.read_bytes()
    third = make_store()
    assert third.snapshot() == again.snapshot()


def test_control_characters_round_trip(make_store: StoreFactory) -> None:
    text = "".join(chr(c) for c in range(32)) + "\x7f\x85\u2028\u202e\ufeff"
    store = make_store()
    store.set_reflection("q1", "l1", text)
    store.save()
    loaded = make_store().answer("q1")
    assert loaded is not None and loaded.value == text


@pytest.mark.parametrize(
    "data",
    [b"", b"\xff\xfe garbage", b"[1, 2]", b'{"answers": {}}', b'{"schema_version": "2"}', b"{"],
)
def test_unreadable_files(data: bytes) -> None:
    with pytest.raises(UnreadableFile):
        decode(data, COURSE)


def test_newer_schema_is_reported() -> None:
    with pytest.raises(UnknownSchema) as info:
        decode(b'{"schema_version": 3, "course_id": "course"}', COURSE)
    assert info.value.version == 3


def _doc(**sections: object) -> bytes:
    doc: dict[str, object] = {"schema_version": 2, "course_id": COURSE}
    doc.update(sections)
    return json.dumps(doc).encode()


GOOD_ANSWER = {
    "lesson_id": "l1",
    "kind": "reflect",
    "value": "ok",
    "created_at": "2026-11-27T09:00:00Z",
    "updated_at": "2026-11-27T09:00:00+01:00",
}


def test_good_records_are_read_and_bad_ones_counted() -> None:
    bad_value = {**GOOD_ANSWER, "kind": "scale"}
    bad_time = {**GOOD_ANSWER, "updated_at": "yesterday"}
    naive_time = {**GOOD_ANSWER, "created_at": "2026-11-27T09:00:00"}
    bad_history = {**GOOD_ANSWER, "history": [{"value": "x"}]}
    unknown_field = {**GOOD_ANSWER, "mood": "happy"}
    decoded = decode(
        _doc(
            answers={
                "good": GOOD_ANSWER,
                "v": bad_value,
                "t": bad_time,
                "n": naive_time,
                "h": bad_history,
                "u": unknown_field,
                "s": "text",
            },
            lessons={"l1": {"status": "finished"}, "l2": {"status": "done"}},
            resume={"lesson_id": "l1", "block": -1},
            drafts=[],
        ),
        COURSE,
    )
    answers = decoded.progress.answers
    assert set(answers) == {"good", "u"}  # an unknown field is dropped, the record kept
    assert answers["good"].updated_at == START - timedelta(hours=1)
    assert set(decoded.progress.lessons) == {"l2"}
    assert decoded.progress.resume is None
    assert decoded.problems == 9


def test_unknown_top_level_keys_are_kept() -> None:
    decoded = decode(_doc(answers={"q": GOOD_ANSWER}, plugin={"a": [1, 2]}), COURSE)
    assert decoded.problems == 0
    assert decoded.progress.extra == {"plugin": {"a": [1, 2]}}
    again = decode(encode(decoded.progress), COURSE)
    assert again.progress == decoded.progress


def test_other_course_id_is_a_problem_but_read() -> None:
    decoded = decode(
        json.dumps(
            {"schema_version": 2, "course_id": "other", "answers": {"q": GOOD_ANSWER}}
        ).encode(),
        COURSE,
    )
    assert decoded.problems == 1
    assert decoded.progress.course_id == COURSE and "q" in decoded.progress.answers


def test_empty_progress_encodes_and_decodes() -> None:
    empty = Progress(COURSE)
    assert decode(encode(empty), COURSE).progress == empty
