"""The one way leadtutor writes dates and times for people: the app, the exported journal
and the CLI all use these, so a date reads the same everywhere.

`20 Nov 2026` and `20 Nov 2026, 09:30` (local time, 24-hour clock). Month names are
fixed English abbreviations, not the C library's locale, so output never depends on
`LC_TIME` and cannot be misread the way 11/12/2026 can.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Final

MONTHS: Final = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day(value: date | datetime) -> str:
    """A calendar date, e.g. `20 Nov 2026` (a datetime is shown in local time)."""
    if isinstance(value, datetime):
        value = value.astimezone()
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def moment(value: datetime) -> str:
    """A date and time in local time, e.g. `20 Nov 2026, 09:30`."""
    local = value.astimezone()
    return f"{day(local)}, {local:%H:%M}"
