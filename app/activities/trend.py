"""The trend since the plan's adoption: how many action lines were achieved or being addressed
(ASEAN's measure, Recurring counted) at the end of each month, read back from the history.

The statuses now are known; walking the recorded status changes back from the newest, each one
undone, gives the statuses at the end of every earlier month. Before the first recorded change
a line had the status that change started from. Plain Python: the window's Progress view draws
it (app.ui.progress.charts).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from app.values import HistoryItem
from app.vocab import PROGRESS_STATUSES

_YEARS = re.compile(r"\((\d{4})\s*[-–]\s*\d{4}\)")


@dataclass(frozen=True, slots=True)
class Point:
    month: date  # the month's first day
    addressed: int  # achieved or being addressed (Recurring counted) at its end
    total: int

    @property
    def label(self) -> str:
        return f"{self.month:%b %Y}"

    @property
    def share(self) -> float:
        return self.addressed / self.total if self.total else 0.0


def adoption(plan_title: str, history: Iterable[HistoryItem], today: date) -> date:
    """Where the trend starts: January of the plan's first year ("… (2023-2027)"), else the
    month of the first recorded change, else this month."""
    found = _YEARS.search(plan_title)
    if found and 1990 <= int(found[1]) <= today.year:
        return date(int(found[1]), 1, 1)
    first = min((h.at for h in history), default=None)
    start = first.date() if first is not None else today
    return start.replace(day=1)


def _month_end(month: date) -> datetime:
    following = (month.replace(day=28) + timedelta(days=4)).replace(day=1)
    return datetime.combine(following, time.min)


def _utc(at: datetime) -> datetime:
    return at.astimezone(UTC).replace(tzinfo=None) if at.tzinfo is not None else at


def months(start: date, today: date) -> list[date]:
    out = []
    month = start.replace(day=1)
    while month <= today:
        out.append(month)
        month = (month.replace(day=28) + timedelta(days=4)).replace(day=1)
    return out


def monthly_trend(statuses: Mapping[int, str], history: Iterable[HistoryItem], start: date,
                  today: date) -> list[Point]:
    """Addressed lines at the end of each month from `start` to `today`'s month.
    `statuses`: each action line's status now (its id -> code); `history`: any recorded
    changes (only the status changes of these lines count)."""
    now = dict(statuses)
    changes = sorted((h for h in history if h.kind == "action_line" and h.field == "status"
                      and h.action_id in now), key=lambda h: (_utc(h.at), h.id), reverse=True)
    points: list[Point] = []
    pending = iter(changes)
    change = next(pending, None)
    for month in reversed(months(start, today)):
        end = _month_end(month)
        while change is not None and _utc(change.at) >= end:
            assert change.action_id is not None
            now[change.action_id] = change.old or "not_assessed"
            change = next(pending, None)
        done = sum(1 for code in now.values() if code in PROGRESS_STATUSES)
        points.append(Point(month, done, len(now)))
    return points[::-1]
