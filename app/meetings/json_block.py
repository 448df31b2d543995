"""The "meetings" block of the JSON backup (`poadesk export json` / `import json`).

    "meetings": [{"kind", "title", "date": "2026-03-05" | null, "venue", "marking",
                  "plan": "<plan title>",
                  "items": [{"ref": "1.1(a)" | "3.5", "objective", "points_to_make",
                             "defensive_points", "background", "outcome"}]}]

On import a meeting with the same kind, title and date is replaced (fields and whole agenda);
any other is added. Each meeting of the database is replaced by one of the file at most (the
oldest first), so meetings that share kind, title and date stay as many as they were.
Everything is checked first, in the caller's transaction: one bad item and nothing changes.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.json_io import Checker
from app.models import ActionLine, AgendaItem, Meeting, Part, Plan, Section

from .values import ITEM_FIELDS

BLOCK = "meetings"


def export_meetings(session: Session, _include_private: bool) -> list[dict[str, Any]]:
    out = []
    meetings = session.scalars(select(Meeting).order_by(Meeting.date.is_(None), Meeting.date,
                                                        Meeting.id))
    for m in meetings:
        items = []
        plan_title = ""
        for item in m.items:
            if item.section_id is not None:
                sec = session.get_one(Section, item.section_id)
                ref, plan_id = sec.number, sec.part.plan_id
            else:
                assert item.action_line_id is not None
                action = session.get_one(ActionLine, item.action_line_id)
                ref, plan_id = action.ref, action.plan_id
            plan_title = plan_title or session.get_one(Plan, plan_id).title
            items.append({"ref": ref, **{name: getattr(item, name) for name in ITEM_FIELDS}})
        out.append({"kind": m.kind, "title": m.title,
                    "date": m.date.isoformat() if m.date else None, "venue": m.venue,
                    "marking": m.marking, "plan": plan_title, "items": items})
    return out


def import_meetings(session: Session, block: Any) -> None:
    check = Checker()
    matched: set[int] = set()
    for index, raw in enumerate(check.list_(block, '"meetings"'), start=1):
        check.where = [f"meeting {index}"]
        d = check.obj(raw, "a meeting")
        kind, title = check.str_(d, "kind").strip(), check.str_(d, "title").strip()
        if not kind or not title:
            raise check.fail('a meeting needs a "kind" and a "title"')
        check.where = [f"meeting {title!r}"]
        when = _date(check, d.get("date"))
        plan = _plan(session, check, check.str_(d, "plan", ""))
        targets = [_target(session, check, plan, check.obj(x, "an agenda item"))
                   for x in check.list_(d.get("items", []), '"items"')]
        seen = [(a, s) for a, s, _ in targets]
        if len(set(seen)) != len(seen):
            raise check.fail("an action line or section is on the agenda twice")
        # each meeting of the database stands for one meeting of the file: two with the same
        # kind, title and date in the file are two meetings, not one replaced by the other
        m = next((found for found in session.scalars(
            select(Meeting).where(Meeting.kind == kind, Meeting.title == title,
                                  Meeting.date.is_(None) if when is None
                                  else Meeting.date == when).order_by(Meeting.id))
            if found.id not in matched), None)
        if m is None:
            m = Meeting(kind=kind, title=title, date=when)
            session.add(m)
            session.flush()
        matched.add(m.id)
        m.venue = check.str_(d, "venue", "").strip()
        m.marking = check.str_(d, "marking", "").strip()
        m.items.clear()
        session.flush()
        for position, (action_id, section_id, fields) in enumerate(targets):
            m.items.append(AgendaItem(position=position, action_line_id=action_id,
                                      section_id=section_id, **fields))
    session.flush()


def _date(check: Checker, value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise check.fail(f'"date" must be YYYY-MM-DD or null, not {value!r}')


def _plan(session: Session, check: Checker, title: str) -> Plan:
    query = select(Plan).where(Plan.title == title) if title else \
        select(Plan).order_by(Plan.position, Plan.id).limit(1)
    plan = session.scalar(query)
    if plan is None:
        raise check.fail(f"unknown plan {title!r}" if title else "the database holds no plan")
    return plan


def _target(session: Session, check: Checker, plan: Plan,
            d: dict[str, Any]) -> tuple[int | None, int | None, dict[str, str]]:
    from app.service import normalize_ref

    ref = check.str_(d, "ref")
    canonical = normalize_ref(ref)
    fields = {name: check.str_(d, name, "") for name in ITEM_FIELDS}
    if canonical and "(" in canonical:
        action_id = session.scalar(select(ActionLine.id).where(
            ActionLine.plan_id == plan.id, ActionLine.ref == canonical))
        if action_id is not None:
            return action_id, None, fields
    elif canonical:
        section_id = session.scalar(select(Section.id).join(Part).where(
            Part.plan_id == plan.id, Section.number == canonical))
        if section_id is not None:
            return None, section_id, fields
    raise check.fail(f"agenda item {ref!r} is not an action line or section of the plan")
