"""Small texts several parts of the window show: an error's first line, a share of action
lines, a stored time in the officer's own time zone."""

from __future__ import annotations

from datetime import UTC, datetime

from app.clock import long_date
from app.errors import first_line


def one_line(exc: BaseException) -> str:
    """The first line of an error's message (its class name when it has none)."""
    return first_line(exc)


def count_of(count: int, what: str, many: str = "") -> str:
    """'1 problem', '3 problems' ('2 activities' with `many`)."""
    return f"{count} {what if count == 1 else many or what + 's'}"


def share_text(done: int, total: int) -> str:
    """'35%'; never 0% when some are done nor 100% when some are not ('0.6%', '99%')."""
    if not total or not done:
        return "0%"
    share = 100 * done / total
    if share < 1:
        return f"{share:.1f}%"
    return f"{min(round(share), 99) if done < total else 100}%"


def local(at: datetime) -> datetime:
    """A stored time (UTC, or naive UTC) in the local time zone."""
    return (at if at.tzinfo else at.replace(tzinfo=UTC)).astimezone()


def day_and_time(at: datetime) -> str:
    """'5 March 2026, 14:30': a time as it is (a backup's, local already); the window writes
    every date as app.clock.long_date does."""
    return f"{long_date(at.date())}, {at:%H:%M}"


def when(at: datetime) -> str:
    """'5 March 2026, 14:30' in local time (a stored time is UTC): the lists of history and
    deleted meetings, "Last changed"."""
    return day_and_time(local(at))
