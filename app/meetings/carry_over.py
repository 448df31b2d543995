"""What a new agenda item starts from: the action line's standing lines to take, and the outcome
of the last earlier meeting that discussed it, offered as background."""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from app.models import ActionLine, AgendaItem, Meeting, Section
from app.values import Target

from .values import meeting_label

_BULLET = re.compile(r"^\s*[-*\u2022\u2013\u25aa]\s+")


def target_of(item: AgendaItem) -> Target | None:
    """The item's action line or section; None for a free-text item."""
    if item.action_line_id is None and item.section_id is None:
        return None
    return Target(item.action_line_id, item.section_id)


def target_ref(s: Session, target: Target) -> str:
    if target.section_id is not None:
        return s.get_one(Section, target.section_id).number
    return s.get_one(ActionLine, target.action_id).ref


def _section_actions(s: Session, section_id: int) -> list[ActionLine]:
    return list(s.scalars(select(ActionLine).where(ActionLine.section_id == section_id)
                          .order_by(ActionLine.position)))


def standing_lines(s: Session, target: Target) -> str:
    """The action line's standing lines to take; for a section, each line's, by reference."""
    if target.action_id is not None:
        return s.get_one(ActionLine, target.action_id).lines_to_take
    assert target.section_id is not None
    # every line keeps its reference ("3.5(i): ..."), a bullet's mark dropped
    return "\n".join(f"{a.ref}: {_BULLET.sub('', line, count=1).strip()}"
                     for a in _section_actions(s, target.section_id)
                     for line in a.lines_to_take.split("\n") if line.strip())


def _earlier(other: Meeting, this: Meeting) -> bool:
    if this.date is not None:
        return other.date is not None and other.date < this.date
    return other.date is not None or other.id < this.id


def last_outcome(s: Session, meeting: Meeting, target: Target) -> str:
    """The outcome of the most recent earlier meeting's item on the same target, as
    'Outcome of SOM, 2026-03-05: ...' ('' if none). An action line's outcome may have been recorded
    on its whole section, and a section's on any of its action lines."""
    section_id: int | None
    if target.action_id is not None:
        section_id = s.get_one(ActionLine, target.action_id).section_id
        action_ids = [target.action_id]
    else:
        assert target.section_id is not None
        section_id = target.section_id
        action_ids = [a.id for a in _section_actions(s, section_id)]
    cond: ColumnElement[bool] = AgendaItem.action_line_id.in_(action_ids)
    if section_id is not None:
        cond = or_(cond, AgendaItem.section_id == section_id)
    rows = s.execute(select(AgendaItem, Meeting).join(Meeting, Meeting.id == AgendaItem.meeting_id)
                     .where(cond, AgendaItem.outcome != "", Meeting.id != meeting.id)
                     .order_by(AgendaItem.position))
    found = [(i, m) for i, m in rows if i.outcome.strip() and _earlier(m, meeting)]
    if not found:
        return ""
    latest = max((m for _, m in found), key=lambda m: (m.date or date.min, m.id))
    mine = [i for i, m in found if m.id == latest.id]
    label = meeting_label(latest.kind, latest.date, latest.title)
    if len(mine) == 1:
        return f"Outcome of {label}: {mine[0].outcome.strip()}"
    return "\n".join(f"Outcome of {label} ({_item_ref(s, i)}): {i.outcome.strip()}"
                     for i in mine)


def _item_ref(s: Session, item: AgendaItem) -> str:
    target = target_of(item)
    return target_ref(s, target) if target is not None else item.title
