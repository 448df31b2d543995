"""A change in the history, in the user's words: the one wording for `poadesk history`,
`poadesk changes` and the window's History list.

"Status: Not assessed -> Achieved", not "status: 'not_assessed' -> 'achieved'"; a date as
"5 March 2027"; an activity or a meeting named by what it is; a private note only as
"(private note changed)", never its text.
"""

from __future__ import annotations

import re
from datetime import date

from app.clock import long_date
from app.values import HistoryItem
from app.vocab import ACTIVITY_KINDS, STATUS_LABELS

FIELD_WORDS: dict[str, str] = {
    "status": "Status", "notes": "Notes", "notes_private": "Private note",
    "lines_to_take": "Lines to take", "tags": "Tags", "name": "Name", "title": "Title",
    "organisation": "Organisation", "country_code": "Country", "email": "Email",
    "phone": "Phone", "active": "Active", "successor_id": "Successor", "role": "Role",
    "focal_point_id": "Focal point", "kind": "Kind", "date": "Date", "venue": "Venue",
    "marking": "Marking", "purpose": "Purpose", "key_asks": "Key asks",
    "delegation": "Delegation", "logistics": "Logistics", "drafter": "Drafted by",
    "cleared_by": "Cleared by", "version": "Version", "reference": "Reference",
    "objective": "Objective", "points_to_make": "Points to make",
    "defensive_points": "Defensive points", "background": "Background", "outcome": "Outcome",
    "quoted_lines": "Lines quoted", "abbr": "Abbreviation", "expansion": "Expansion",
    "start_date": "Start", "end_date": "End", "place": "Place", "lead": "Lead",
    "programme": "Programme", "link": "Link",
    "created": "Added", "deleted": "Deleted", "restored": "Restored",
}
KIND_WORDS: dict[str, str] = {
    "action_line": "Action line", "focal_point": "Focal point", "assignment": "Focal point",
    "meeting": "Meeting", "agenda_item": "Agenda item", "activity": "Activity",
    "acronym": "Acronym", "database": "Database",
}
_DATES = frozenset({"date", "start_date", "end_date"})
PRIVATE_CHANGED = "(private note changed)"


def field_words(field: str) -> str:
    return FIELD_WORDS.get(field, field.replace("_", " ").capitalize())


def value_words(field: str, text: str | None) -> str:
    """A stored value as the user reads it ('' for nothing)."""
    if text is None or text == "":
        return ""
    if field == "status":
        return STATUS_LABELS.get(text, text)
    if field in _DATES:
        try:
            return long_date(date.fromisoformat(text[:10]))
        except ValueError:
            return text
    if field == "kind" and text in ACTIVITY_KINDS:
        return ACTIVITY_KINDS[text]
    return text


_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def dates_in_words(text: str) -> str:
    """The ISO dates in a recorded label ("SOM, 2027-03-05: T") as the user reads dates
    ("SOM, 5 March 2027: T")."""
    def spoken(found: re.Match[str]) -> str:
        try:
            return long_date(date(int(found[1]), int(found[2]), int(found[3])))
        except ValueError:
            return found[0]

    return _ISO_DATE.sub(spoken, text)


def subject(item: HistoryItem) -> str:
    """What changed: "Activity 3.5: ASEAN-EU dialogue on haze", "Meeting SOM, 5 March 2027: T",
    "1.3(b)" for an action line."""
    if item.kind == "action_line":
        return item.label
    kind = KIND_WORDS.get(item.kind, item.kind.replace('_', ' ').capitalize())
    return f"{kind} {dates_in_words(item.label)}"


def change_words(item: HistoryItem, include_private: bool = False) -> tuple[str, str, str]:
    """(field, before, after) in words; before/after '' when there is nothing to show (an
    addition, a deletion, a private note)."""
    field = field_words(item.field)
    if item.field in ("created", "deleted"):
        return field, "", ""
    if item.field == "restored":
        return field, "", item.new or ""
    if item.private and item.field == "notes":
        if include_private and (item.old or item.new):  # kept by an older version
            return field, item.old or "", item.new or ""
        return f"{field} {PRIVATE_CHANGED}", "", ""
    return field, value_words(item.field, item.old), value_words(item.field, item.new)
