"""What a new agenda item starts from: the action line's standing lines to take, and the outcome
of the last earlier meeting that discussed it, offered as background."""

from __future__ import annotations

from datetime import date

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from app.models import ActionLine, AgendaItem, Meeting, Section

from .values import meeting_label

Target = tuple[str, int]  # ("action", action line id) or ("section", section id)


def target_of(item: AgendaItem) -> Target:
    if item.section_id is not None:
        return ("section", item.section_id)
    assert item.action_line_id is not None
    return ("action", item.action_line_id)


def target_ref(s: Session, target: Target) -> str:
    kind, target_id = target
    if kind == "section":
        return s.get_one(Section, target_id).number
    return s.get_one(ActionLine, target_id).ref


def _section_actions(s: Session, section_id: int) -> list[ActionLine]:
    return list(s.scalars(select(ActionLine).where(ActionLine.section_id == section_id)
                          .order_by(ActionLine.position)))


def standing_lines(s: Session, target: Target) -> str:
    """The action line's standing lines to take; for a section, each line's, by reference."""
    kind, target_id = target
    if kind == "action":
        return s.get_one(ActionLine, target_id).lines_to_take
    return "\n".join(f"{a.ref}: {a.lines_to_take}" for a in _section_actions(s, target_id)
                     if a.lines_to_take.strip())


def _earlier(other: Meeting, this: Meeting) -> bool:
    if this.date is not None:
        return other.date is not None and other.date < this.date
    return other.date is not None or other.id < this.id


def last_outcome(s: Session, meeting: Meeting, target: Target) -> str:
    """The outcome of the most recent earlier meeting's item on the same target, as
    'Outcome of SOM, 2026-03-05: ...' ('' if none). An action line's outcome may have been recorded
    on its whole section, and a section's on any of its action lines."""
    kind, target_id = target
    if kind == "action":
        section_id = s.get_one(ActionLine, target_id).section_id
        action_ids = [target_id]
    else:
        section_id = target_id
        action_ids = [a.id for a in _section_actions(s, target_id)]
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
    return "\n".join(f"Outcome of {label} ({target_ref(s, target_of(i))}): {i.outcome.strip()}"
                     for i in mine)
