"""Plain frozen values of activities: what `desk.activities` hands out and takes back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from app.clock import long_date
from app.values import Target
from app.vocab import ACTIVITY_KINDS


@dataclass(frozen=True, slots=True)
class ActivityFields:
    """The editable fields of an activity (kind: a code or a label)."""

    title: str
    kind: str = "other"
    start_date: date | None = None
    end_date: date | None = None
    place: str = ""
    lead: str = ""  # a side or a country ("EU", "ASEAN", "Indonesia")
    programme: str = ""  # a programme or funding line, free text
    link: str = ""  # a URL or a file reference
    notes: str = ""


@dataclass(frozen=True, slots=True)
class ActivityInfo:
    id: int
    target: Target
    plan_id: int
    ref: str  # the action line's reference, or the section's number
    fields: ActivityFields
    updated_at: datetime | None

    @property
    def kind_label(self) -> str:
        return ACTIVITY_KINDS.get(self.fields.kind, self.fields.kind)

    @property
    def when(self) -> str:
        """'5 March 2026', '5-7 March 2026', 'undated'."""
        start, end = self.fields.start_date, self.fields.end_date
        if start is None:
            return "undated"
        if end is None or end == start:
            return long_date(start)
        if (start.year, start.month) == (end.year, end.month):
            return f"{start.day}\u2013{long_date(end)}"
        return f"{long_date(start)} \u2013 {long_date(end)}"


