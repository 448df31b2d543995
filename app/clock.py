"""The one clock and the one way timestamps are written and read back.

Timestamps are stored in UTC without tzinfo (SQLite keeps naive datetimes); in files they are
ISO 8601 with a trailing 'Z'.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from app.errors import InputError

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def now() -> datetime:
    """UTC, without tzinfo (SQLite stores naive datetimes)."""
    return datetime.now(UTC).replace(tzinfo=None)


def to_iso(stamp: datetime | None) -> str | None:
    """'2026-11-27T10:00:00Z' (to the second), or None."""
    return stamp.isoformat(timespec="seconds") + "Z" if stamp is not None else None


def from_iso(text: str) -> datetime:
    """Read back what `to_iso` wrote (also without 'Z'); an offset is folded into UTC.
    InputError when it is not a date and time."""
    try:
        stamp = datetime.fromisoformat(text.removesuffix("Z"))
    except ValueError:
        raise InputError(f"\"updated_at\" is not a date and time: {text!r}") from None
    if stamp.tzinfo is not None:
        stamp = stamp.astimezone(UTC).replace(tzinfo=None)
    return stamp


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def long_date(day: date) -> str:
    """'5 March 2026': the one way a date is written in a brief, a label or a heading
    (English whatever the system locale)."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def parse_date(value: str) -> date | None:
    """'2026-03-05' -> a date; '' -> None; anything else is an InputError saying the form."""
    text = value.strip()
    if not text:
        return None
    if _DATE_RE.match(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    raise InputError(f"date {value!r} is not a date in the form YYYY-MM-DD (e.g. 2026-03-05)")
