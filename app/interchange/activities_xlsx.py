"""Activities from a workbook: one row per activity, references as text
(`poadesk import activities FILE.xlsx [--dry-run]`, File > Import Activities...).

Columns, by their header (without case or punctuation), in any order: Ref (an action line
1.3(b) or a whole section 2.1), Title, Kind (meeting, workshop or training, project or
programme, visit, statement or document, other; blank: other), Start and End (dates, or text
as YYYY-MM-DD or 5 March 2026), Place, Lead, Programme, Link, Notes; others are ignored and
listed. A row with the same line or section, title and start as an activity already recorded
updates it; any other adds one. Nothing is removed.

Refused whole, naming sheet, row and column, nothing changed: not a workbook; no sheet with Ref
and Title columns; an unknown reference or a number where a reference is expected (Excel turns
1.10 into 1.1); an unknown kind; a date that is not one; an end before the start; a formula; a
text too long.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.activities.values import ActivityFields, ActivityInfo
from app.clock import long_date, parse_date
from app.errors import ImportRefused, InputError
from app.interchange.workbook import reading, visible_sheets
from app.limits import MAX_WORKBOOK_ROWS
from app.text_clean import clean_text
from app.values import Change, Target
from app.vocab import activity_kind

if TYPE_CHECKING:
    from app.service import Desk

COLUMNS = {"ref": "Ref", "title": "Title", "kind": "Kind", "start_date": "Start",
           "end_date": "End", "place": "Place", "lead": "Lead", "programme": "Programme",
           "link": "Link", "notes": "Notes"}
_ALIASES = {"reference": "ref", "date": "start_date", "startdate": "start_date",
            "enddate": "end_date", "programmeorfunding": "programme", "program": "programme",
            "funding": "programme", "type": "kind", "activity": "title", "leadside": "lead"}
_KEY = re.compile(r"[^a-z]")
_LIMITS = {"title": 300, "kind": 60, "place": 300, "lead": 120, "programme": 300, "link": 1000,
           "notes": 100_000}
HEADER_SCAN = 10


def _key(text: str) -> str:
    return _KEY.sub("", text.casefold())


_HEADERS = {_key(label): name for name, label in COLUMNS.items()} | _ALIASES


@dataclass(frozen=True, slots=True)
class IncomingActivity:
    where: str  # "row 7"
    ref: str
    target: Target
    fields: ActivityFields
    existing: ActivityInfo | None  # the activity it updates, or None: a new one

    @property
    def label(self) -> str:
        when = long_date(self.fields.start_date) if self.fields.start_date else "undated"
        return f"{self.ref}: {self.fields.title} ({when})"

    @property
    def changed(self) -> bool:
        return self.existing is None or self.existing.fields != self.fields


@dataclass(frozen=True, slots=True)
class ActivitiesPreview:
    source: str
    items: tuple[IncomingActivity, ...]  # only rows that add or change something
    ignored: tuple[str, ...] = ()
    rows: int = 0

    def summary(self) -> str:
        new = sum(1 for i in self.items if i.existing is None)
        return (f"add {new} activit{'y' if new == 1 else 'ies'}, update "
                f"{len(self.items) - new} ({self.rows} rows read from {self.source})")


def preview_activities(desk: Desk, path: Path, *,
                       plan_id: int | None = None) -> ActivitiesPreview:
    """Read the workbook and say what it would add or change; nothing is written."""
    rows, ignored, sheet = _read(path)
    index = desk.plan.index(plan_id)
    existing = {(a.target, a.fields.title, a.fields.start_date): a
                for a in desk.activities.list(index.plan_id)}
    problems: list[str] = []
    items: list[IncomingActivity] = []
    for number, cells in rows:
        where = f"{sheet}, row {number}"
        try:
            item = _row(index, cells, where, existing)
        except InputError as exc:
            problems.append(str(exc))
            continue
        if item.changed:
            items.append(item)
    if problems:
        raise ImportRefused(path.name, problems)
    return ActivitiesPreview(path.name, tuple(items), tuple(ignored), len(rows))


def apply_activities(desk: Desk, preview: ActivitiesPreview,
                     accept: Callable[[IncomingActivity], bool] | None = None) -> Change:
    """Add and update the previewed activities in one transaction (a backup first; one
    operation in the history)."""
    chosen = [i for i in preview.items if accept is None or accept(i)]
    if not chosen:
        return Change()
    ids: set[int] = set()
    with desk.transaction(f"activities import from {preview.source}", backup="before-import"):
        for item in chosen:
            if item.existing is None:
                change = desk.activities.add(item.target, item.fields).change
            else:
                change = desk.activities.edit(item.existing.id, item.fields)
            ids |= change.action_ids
    return Change(action_ids=frozenset(ids), activities=True)


Cell = tuple[Any, str, str]  # value, openpyxl data type, column letter


def _row(index: Any, cells: dict[str, Cell],
         where: str, existing: dict[Any, ActivityInfo]) -> IncomingActivity:
    def at(name: str) -> str:
        return f"{where}, column {cells[name][2]}" if name in cells else where

    ref_value, ref_kind, _col = cells.get("ref", (None, "n", "A"))
    if ref_kind == "f":
        raise InputError(f"{at('ref')}: a formula where a reference is expected")
    if ref_value is None or ref_value == "":
        raise InputError(f"{at('ref')}: the reference is missing (an action line like 1.3(b) "
                         "or a section like 2.1)")
    if not isinstance(ref_value, str):
        raise InputError(f"{at('ref')}: the number {ref_value!r} where a reference is expected "
                         "(Excel turns 1.10 into 1.1): type references as text")
    try:
        info = index.resolve(ref_value)
    except InputError as exc:
        raise InputError(f"{at('ref')}: {exc}") from None
    texts = {name: _text(cells, name, at(name)) for name in
             ("title", "kind", "place", "lead", "programme", "link", "notes")}
    if not texts["title"]:
        raise InputError(f"{at('title')}: the title is missing")
    try:
        kind = activity_kind(texts["kind"] or "other")
    except InputError as exc:
        raise InputError(f"{at('kind')}: {exc}") from None
    start = _date(cells, "start_date", at("start_date"))
    end = _date(cells, "end_date", at("end_date"))
    if end is not None and (start is None or end < start):
        raise InputError(f"{at('end_date')}: the activity ends before it starts (or has no "
                         "start)")
    fields = ActivityFields(texts["title"], kind, start, end, texts["place"], texts["lead"],
                            texts["programme"], texts["link"], texts["notes"])
    found = existing.get((info.target, fields.title, start))
    return IncomingActivity(where, info.ref, info.target, fields, found)


def _text(cells: dict[str, Cell], name: str, where: str) -> str:
    if name not in cells:
        return ""
    value, kind, _col = cells[name]
    if kind == "f":
        raise InputError(f"{where}: a formula where text is expected")
    text = "" if value is None else str(value)
    text = clean_text(text)[0]
    text = text.strip() if name == "notes" else " ".join(text.split())
    if len(text) > _LIMITS[name]:
        raise InputError(f"{where}: too long ({len(text):,} characters; at most "
                         f"{_LIMITS[name]:,})")
    return text


def _date(cells: dict[str, Cell], name: str, where: str) -> date | None:
    if name not in cells:
        return None
    value, kind, _col = cells[name]
    if kind == "f":
        raise InputError(f"{where}: a formula where a date is expected")
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            return parse_date(text)
        except InputError:
            pass
        try:
            return datetime.strptime(text, "%d %B %Y").date()
        except ValueError:
            pass
    raise InputError(f"{where}: {value!r} is not a date (YYYY-MM-DD or 5 March 2026)")


def _read(path: Path) -> tuple[list[tuple[int, dict[str, Cell]]], list[str], str]:
    from openpyxl.utils import get_column_letter

    with reading(path) as wb:
        for ws in visible_sheets(wb):
            rows = ws.iter_rows()
            for number, row in enumerate(rows, start=1):
                if number > HEADER_SCAN:
                    break
                headers = [str(c.value).strip() if c.value is not None else "" for c in row]
                columns = {_HEADERS[_key(h)]: i for i, h in enumerate(headers)
                           if _key(h) in _HEADERS}
                if "ref" not in columns or "title" not in columns:
                    continue
                ignored = [h for h in headers if h and _key(h) not in _HEADERS]
                out = []
                for n, cells in enumerate(rows, start=number + 1):
                    if n - number > MAX_WORKBOOK_ROWS:
                        raise InputError(f"{path.name}: more than {MAX_WORKBOOK_ROWS:,} rows")
                    got = {f: (cells[i].value, cells[i].data_type, get_column_letter(i + 1))
                           for f, i in columns.items() if i < len(cells)}
                    if any(v not in (None, "") for v, _t, _c in got.values()):
                        out.append((n, got))
                return out, ignored, f"sheet {ws.title!r}"
    raise InputError(f"{path.name}: no sheet has a header row with Ref and Title columns (one "
                     "row per activity: Ref, Title, Kind, Start, End, Place, Lead, Programme, "
                     "Link, Notes)")
