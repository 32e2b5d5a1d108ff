"""The one clock everything asks for "now", with one seam for testers: `LEADTUTOR_TODAY`.

Follow-ups come due on calendar dates, so trying them out means living a few days in
the future. Set `LEADTUTOR_TODAY` to move the whole program (the app, `leadtutor
followups`, `leadtutor progress`, exports) to another day while the clock keeps running:

    LEADTUTOR_TODAY=2026-12-24 leadtutor     # as if today were 24 December 2026
    LEADTUTOR_TODAY=+8 leadtutor followups   # eight days from now (-2: two days ago)

The time of day stays the real one; only the date moves. An unusable value is ignored
(the real clock is used), so a typo can never stop the learner from working. Pure
Python: no Textual, no disk access.
"""

from __future__ import annotations

import os
import re
from datetime import UTC, date, datetime, timedelta
from typing import Final

TODAY_ENV: Final = "LEADTUTOR_TODAY"
"""Environment variable that moves the clock to another date (`YYYY-MM-DD` or `+N`/`-N` days)."""

_RELATIVE: Final = re.compile(r"[+-]\d{1,5}")


def offset(value: str | None, *, real_today: date | None = None) -> timedelta:
    """How far `value` (a `LEADTUTOR_TODAY` setting) moves the clock; zero if unusable.

    Args:
        value: `YYYY-MM-DD`, `+N` or `-N` (days), or `None`/empty for no change.
        real_today: The real local date (for tests); today by default.
    """
    text = (value or "").strip()
    if not text:
        return timedelta(0)
    if _RELATIVE.fullmatch(text):
        return timedelta(days=int(text))
    try:
        wanted = date.fromisoformat(text)
    except ValueError:
        return timedelta(0)
    return timedelta(days=(wanted - (real_today or datetime.now().astimezone().date())).days)


def now() -> datetime:
    """The current time, timezone-aware in UTC, moved by `LEADTUTOR_TODAY` if it is set."""
    moment = datetime.now(UTC)
    setting = os.environ.get(TODAY_ENV)
    if setting:
        moment += offset(setting, real_today=moment.astimezone().date())
    return moment


def today() -> date:
    """The learner's local date by `now()`."""
    return now().astimezone().date()
