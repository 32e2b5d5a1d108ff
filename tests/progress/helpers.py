"""Helpers shared by the progress tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

COURSE = "course"
START = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)


class FakeClock:
    """A clock that moves only when told to, so timing rules are tested without sleeping."""

    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        """Move forward by `timedelta(**delta)`."""
        self.now += timedelta(**delta)
