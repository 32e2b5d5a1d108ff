"""The clock seam: `LEADTUTOR_TODAY` moves every part of leadtutor to another date."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from leadtutor import clock
from leadtutor.progress import ProgressStore

REAL = date(2026, 11, 27)


@pytest.mark.parametrize(
    ("value", "days"),
    [
        (None, 0),
        ("", 0),
        ("+8", 8),
        ("-2", -2),
        (" +1 ", 1),
        ("2026-12-04", 7),
        ("2026-11-20", -7),
        ("tomorrow", 0),
        ("2026-13-40", 0),
        ("+", 0),
    ],
)
def test_offset(value: str | None, days: int) -> None:
    assert clock.offset(value, real_today=REAL) == timedelta(days=days)


def test_now_moves_by_the_setting_and_keeps_running(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(clock.TODAY_ENV, raising=False)
    real = clock.today()
    monkeypatch.setenv(clock.TODAY_ENV, "+3")
    assert clock.today() == real + timedelta(days=3)
    first = clock.now()
    assert clock.now() >= first
    monkeypatch.setenv(clock.TODAY_ENV, "2031-05-06")
    assert clock.today() == date(2031, 5, 6)


def test_the_store_uses_the_seam_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(clock.TODAY_ENV, "2031-05-06")
    store = ProgressStore(str(tmp_path), "c")
    assert store.today() == date(2031, 5, 6)
    made = store.make_commitment("k", "l", "do it", 2)
    assert made.committed_on == date(2031, 5, 6)
