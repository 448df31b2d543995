"""Bulk reads for agendas: action lines, sections and focal points in a few queries, not one
per item (a brief of all 165 action lines must take well under a second)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from app.models import ActionLine, AgendaItem, Assignment, Country, FocalPoint, Part, Section
from app.values import AssignedFocalPoint, display_title

from .values import AgendaAction, AgendaItemView


def focal_points_by_action(
    s: Session, actions: Iterable[tuple[int, int | None]], *, active_only: bool = False,
) -> dict[int, tuple[AssignedFocalPoint, ...]]:
    """action id -> its focal points (direct, and through a whole-section assignment), ordered
    by country then name. `actions` holds (action id, section id) pairs."""
    pairs = list(actions)
    action_ids = {aid for aid, _ in pairs}
    section_ids = {sid for _, sid in pairs if sid is not None}
    if not pairs:
        return {}
    # Columns, not ORM entities: a matrix of the whole plan reads hundreds of these.
    query = (
        select(Assignment.id, Assignment.action_line_id, Assignment.section_id,
               Assignment.role, FocalPoint.id, FocalPoint.name, FocalPoint.title,
               FocalPoint.organisation, FocalPoint.email, FocalPoint.active, Country.code,
               Country.name, Country.position)
        .join(FocalPoint, FocalPoint.id == Assignment.focal_point_id)
        .join(Country, Country.code == FocalPoint.country_code)
    )
    if active_only:
        query = query.where(FocalPoint.active.is_(True))
    direct: dict[int, list[tuple[tuple[int, str], AssignedFocalPoint]]] = defaultdict(list)
    by_section: dict[int, list[tuple[tuple[int, str], AssignedFocalPoint]]] = defaultdict(list)
    rows = list(s.execute(query.where(Assignment.action_line_id.in_(action_ids))))
    if section_ids:
        rows += list(s.execute(query.where(Assignment.section_id.in_(section_ids))))
    for (asg_id, action_id, section_id, role, fp_id, name, title, organisation, email, active,
         code, country, position) in rows:
        value = AssignedFocalPoint(asg_id, fp_id, name, title, organisation, code, country,
                                   email, role, section_id is not None, active)
        key = (position, name.casefold())
        if action_id is not None:
            direct[action_id].append((key, value))
        elif section_id is not None:
            by_section[section_id].append((key, value))
    out: dict[int, tuple[AssignedFocalPoint, ...]] = {}
    for aid, sid in pairs:
        found = direct.get(aid, []) + (by_section.get(sid, []) if sid is not None else [])
        out[aid] = tuple(v for _, v in sorted(found, key=lambda kv: kv[0]))
    return out


def agenda_views(s: Session, items: Sequence[AgendaItem]) -> list[AgendaItemView]:
    """The views of `items` (one meeting's, in order), loaded in a handful of queries."""
    action_ids = {i.action_line_id for i in items if i.action_line_id is not None}
    section_ids = {i.section_id for i in items if i.section_id is not None}
    actions: dict[int, ActionLine] = {}
    by_section: dict[int, list[ActionLine]] = defaultdict(list)
    if action_ids or section_ids:
        cond: ColumnElement[bool] = ActionLine.id.in_(action_ids)
        if section_ids:
            cond = or_(cond, ActionLine.section_id.in_(section_ids))
        for a in s.scalars(select(ActionLine).where(cond).order_by(ActionLine.position)):
            actions[a.id] = a
            if a.section_id in section_ids:
                by_section[a.section_id].append(a)
    sec_ids = section_ids | {a.section_id for a in actions.values() if a.section_id is not None}
    sections = {sec.id: sec for sec in s.scalars(select(Section).where(Section.id.in_(sec_ids)))}
    part_ids = {a.part_id for a in actions.values()} | {sec.part_id for sec in sections.values()}
    parts = {p.id: p for p in s.scalars(select(Part).where(Part.id.in_(part_ids)))}
    fps = focal_points_by_action(s, ((a.id, a.section_id) for a in actions.values()))

    def action_value(a: ActionLine) -> AgendaAction:
        return AgendaAction(a.id, a.ref, a.letter, a.text, a.status, a.notes, a.notes_private,
                            a.lines_to_take, fps.get(a.id, ()))

    views = []
    for item in items:
        if item.section_id is not None:
            sec: Section | None = sections[item.section_id]
            lines = by_section.get(item.section_id, [])
            ref = sec.number if sec else "?"
            part = parts[sec.part_id] if sec else None
        else:
            assert item.action_line_id is not None
            a = actions[item.action_line_id]
            lines = [a]
            ref = a.ref
            sec = sections.get(a.section_id) if a.section_id is not None else None
            part = parts[a.part_id]
        assert part is not None
        views.append(AgendaItemView(
            item.id, item.meeting_id, item.position, ref, item.section_id is not None,
            item.action_line_id, sec.id if sec else None,
            part.number, display_title(part.title), sec.number if sec else None,
            sec.title if sec else None, tuple(action_value(a) for a in lines),
            item.objective, item.points_to_make, item.defensive_points, item.background,
            item.outcome,
        ))
    return views
