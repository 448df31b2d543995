"""The change history, written by the store in the same transaction as the change it records.

Every flush is inspected once (`record`, an `after_flush` hook of `Store`): each changed field
of an action line, a focal point, an assignment, a meeting or an agenda item becomes one row of
`history` (when, who, by which operation, old value, new value). Because it is the same
transaction, a killed process never leaves a change without its history or the reverse.

A deleted meeting is kept whole (kind, title, date, venue, marking, agenda) as JSON in its
"deleted" row, so it can be brought back after a restart. A private note's text never enters
the history: its rows say only that it changed (`private`), and when a note is made private the
rows that held its earlier text in clear are masked too.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import Table, insert, inspect, select, update
from sqlalchemy.orm import Session

from app.clock import now
from app.models import (
    ActionLine,
    Activity,
    AgendaItem,
    Assignment,
    FocalPoint,
    HistoryEntry,
    Meeting,
    Section,
    UserAcronym,
)
from app.text_clean import clean
from app.values import HistoryItem

# What is recorded of each kind of row: its fields, in the order a history shows them.
FIELDS: dict[type, tuple[str, ...]] = {
    ActionLine: ("status", "notes", "notes_private", "lines_to_take"),
    FocalPoint: ("name", "title", "organisation", "country_code", "email", "phone", "notes",
                 "active", "successor_id"),
    Assignment: ("role", "focal_point_id"),
    Meeting: ("kind", "title", "date", "venue", "marking", "purpose", "key_asks",
              "delegation", "logistics", "drafter", "cleared_by", "version", "reference"),
    AgendaItem: ("objective", "points_to_make", "defensive_points", "background", "outcome",
                 "title", "quoted_lines"),
    UserAcronym: ("abbr", "expansion"),
    Activity: ("title", "kind", "start_date", "end_date", "place", "lead", "programme", "link",
               "notes"),
}
KINDS: dict[type, str] = {ActionLine: "action_line", FocalPoint: "focal_point",
                          Assignment: "assignment", Meeting: "meeting",
                          AgendaItem: "agenda_item", Activity: "activity",
                          UserAcronym: "acronym"}
# a deleted meeting's fields kept in its snapshot besides kind, title, date, venue, marking
_MEETING_EXTRA = FIELDS[Meeting][5:]
_PENDING = "poadesk_history_pending"


@dataclass
class Who:
    """Who is changing things, and by which operation (set by the gateway)."""

    user: str = ""
    operation: str = "edit"


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def _label(session: Session, obj: Any) -> tuple[str, int | None]:
    """(label, action line id) of a row, for the history list."""
    if isinstance(obj, ActionLine):
        return obj.ref, obj.id
    if isinstance(obj, FocalPoint):
        return f"{obj.name} ({obj.country_code})", None
    if isinstance(obj, Assignment):
        fp = session.get(FocalPoint, obj.focal_point_id)
        who = f"{fp.name} ({fp.country_code})" if fp is not None else f"#{obj.focal_point_id}"
        return f"{who} on {_target_ref(session, obj)}", obj.action_line_id
    if isinstance(obj, Meeting):
        when = f", {obj.date.isoformat()}" if obj.date else ""
        return f"{obj.kind}{when}: {obj.title}", None
    if isinstance(obj, Activity):
        return f"{_target_ref(session, obj)}: {obj.title}", obj.action_line_id
    if isinstance(obj, AgendaItem):
        m = session.get(Meeting, obj.meeting_id)
        meeting = f"{m.kind}{', ' + m.date.isoformat() if m.date else ''}" if m else "meeting"
        return f"{meeting}, item {_target_ref(session, obj)}", obj.action_line_id
    if isinstance(obj, UserAcronym):
        return obj.abbr, None
    return type(obj).__name__, None


def _target_ref(session: Session, obj: Assignment | AgendaItem | Activity) -> str:
    if isinstance(obj, AgendaItem) and obj.action_line_id is None and obj.section_id is None:
        return obj.title  # a free-text item
    if obj.action_line_id is not None:
        a = session.get(ActionLine, obj.action_line_id)
        return a.ref if a is not None else "?"
    sec = session.get(Section, obj.section_id) if obj.section_id is not None else None
    return sec.number if sec is not None else "?"


def _snapshot(session: Session, m: Meeting) -> str:
    """A deleted meeting, whole, as JSON (the JSON backup's form of a meeting)."""
    items = []
    for item in sorted(m.items, key=lambda i: i.position):
        free = item.action_line_id is None and item.section_id is None
        items.append({"ref": None if free else _target_ref(session, item),
                      **{name: getattr(item, name) for name in FIELDS[AgendaItem]}})
    plan_id = None
    if m.items:
        first = m.items[0]
        if first.action_line_id is not None:
            a = session.get(ActionLine, first.action_line_id)
            plan_id = a.plan_id if a else None
        elif first.section_id is not None:
            sec = session.get(Section, first.section_id)
            plan_id = sec.part.plan_id if sec else None
    return json.dumps({"kind": m.kind, "title": m.title,
                       "date": m.date.isoformat() if m.date else None, "venue": m.venue,
                       "marking": m.marking, "plan_id": plan_id, "items": items,
                       **{name: getattr(m, name) for name in _MEETING_EXTRA}},
                      ensure_ascii=False)


def before_flush(session: Session, _context: Any, _instances: Any) -> None:
    """Snapshot what a flush deletes while its relationships can still be read."""
    pending: list[dict[str, Any]] = session.info.setdefault(_PENDING, [])
    for obj in session.deleted:
        kind = KINDS.get(type(obj))
        if kind is None:
            continue
        label, action_id = _label(session, obj)
        old = _snapshot(session, obj) if isinstance(obj, Meeting) else \
            _text(getattr(obj, "role", None) or getattr(obj, "name", None) or label)
        pending.append(_row(kind, obj.id, action_id, label, "deleted", old, None,
                            bool(getattr(obj, "notes_private", False))))


def after_flush(session: Session, _context: Any) -> None:
    """Write one history row per changed field of the rows this flush wrote."""
    who: Who = session.info.get("poadesk_who") or Who()
    rows: list[dict[str, Any]] = session.info.pop(_PENDING, [])
    masked: set[int] = set()
    for obj in (*session.new, *session.dirty):
        kind = KINDS.get(type(obj))
        if kind is None:
            continue
        label, action_id = _label(session, obj)
        state = inspect(obj)
        if obj in session.new:
            rows.append(_row(kind, obj.id, action_id, label, "created", None,
                             _text(getattr(obj, "role", None) or label), False))
            continue
        private = bool(getattr(obj, "notes_private", False))
        for name in FIELDS[type(obj)]:
            hist = state.attrs[name].history
            if not hist.has_changes():
                continue
            old = hist.deleted[0] if hist.deleted else None
            new = hist.added[0] if hist.added else None
            if old == new:
                continue
            was_private = private
            if name == "notes" and isinstance(obj, ActionLine):
                flag = state.attrs.notes_private.history
                was_private = private or bool(flag.deleted and flag.deleted[0])
            if was_private and name == "notes":  # a private note's text never enters it
                rows.append(_row(kind, obj.id, action_id, label, name, None, None, True))
                continue
            rows.append(_row(kind, obj.id, action_id, label, name, _text(old), _text(new),
                             False))
        if isinstance(obj, ActionLine) and private:
            flag = state.attrs.notes_private.history
            if flag.deleted and not flag.deleted[0]:  # just made private: what the history
                masked.add(obj.id)                   # held of it in clear goes too
        if isinstance(obj, ActionLine):
            tags = state.attrs.tags.history
            if tags.added or tags.deleted:
                after = sorted(t.name for t in obj.tags)
                before = sorted({t.name for t in (*tags.unchanged, *tags.deleted)})
                if before != after:
                    rows.append(_row(kind, obj.id, action_id, label, "tags",
                                     ", ".join(before), ", ".join(after), False))
    table = cast(Table, HistoryEntry.__table__)
    if masked:
        session.connection().execute(
            update(table).where(table.c.kind == "action_line", table.c.field == "notes",
                                table.c.entity_id.in_(masked))
            .values(old=None, new=None, private=True))
    if not rows:
        return
    stamp = now()
    for row in rows:
        row.update(at=stamp, **_by(who))
    session.connection().execute(insert(table), rows)


def _by(who: Who) -> dict[str, str]:
    """Who and which operation, as the history holds them: through the text gate (a file
    name or POADESK_USER that is not UTF-8 holds lone surrogates no database can store)."""
    return {"who": clean(who.user)[:120], "operation": clean(who.operation)[:300]}


def _row(kind: str, entity_id: int, action_id: int | None, label: str, field: str,
         old: str | None, new: str | None, private: bool) -> dict[str, Any]:
    return {"kind": kind, "entity_id": entity_id, "action_line_id": action_id,
            "label": label[:300], "field": field, "old": old, "new": new,
            "private": private}


def note(session: Session, who: Who, label: str, field: str, new: str, *,
         kind: str = "database", entity_id: int = 0) -> None:
    """A row for something the flush hook does not see: a restore of the whole database, a
    deleted meeting brought back (`kind`, `entity_id`: what it is about)."""
    row = _row(kind, entity_id, None, clean(label), field, None, clean(new), False)
    row.update(at=now(), **_by(who))
    session.connection().execute(insert(cast(Table, HistoryEntry.__table__)), [row])


def forget_pending(session: Session, *_args: Any) -> None:
    session.info.pop(_PENDING, None)


def entries(session: Session, *, action_id: int | None = None, since: datetime | None = None,
            kinds: Iterable[str] | None = None, limit: int | None = None) -> list[HistoryEntry]:
    """History rows, newest first, filtered by action line, time and kind."""
    query = select(HistoryEntry)
    if action_id is not None:
        query = query.where(HistoryEntry.action_line_id == action_id)
    if since is not None:
        query = query.where(HistoryEntry.at >= since)
    if kinds is not None:
        query = query.where(HistoryEntry.kind.in_(list(kinds)))
    query = query.order_by(HistoryEntry.at.desc(), HistoryEntry.id.desc())
    if limit:
        query = query.limit(limit)
    return list(session.scalars(query))


def items(session: Session, *, action_id: int | None = None, since: datetime | None = None,
          kinds: Iterable[str] | None = None, limit: int | None = None) -> list[HistoryItem]:
    """`entries` as plain values (what the gateway hands out)."""
    return [HistoryItem(e.id, e.at, e.who, e.operation, e.kind, e.entity_id, e.action_line_id,
                        e.label, e.field, e.old, e.new, e.private)
            for e in entries(session, action_id=action_id, since=since, kinds=kinds,
                             limit=limit)]
