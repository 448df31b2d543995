"""Bulk reads for agendas: action lines, sections and focal points in a few queries, not one
per item (a brief of all 165 action lines must take well under a second)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from app.models import ActionLine, AgendaItem, Part, Plan, Section
from app.store.tree_query import focal_points_by_action
from app.values import display_title

from .plan_names import plan_labels
from .values import AgendaAction, AgendaItemView


def agenda_views(s: Session, items: Sequence[AgendaItem], *,
                 spans: bool | None = None) -> list[AgendaItemView]:
    """The views of `items` (one meeting's, in order), loaded in a handful of queries; each
    with its plan's title, and its plan's short name if the meeting's items come from more
    than one plan (`spans`; None: if `items` do)."""
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
    fps = focal_points_by_action(s.connection().connection.driver_connection, list(actions))

    def action_value(a: ActionLine) -> AgendaAction:
        return AgendaAction(a.id, a.ref, a.letter, a.text, a.status, a.notes, a.notes_private,
                            a.lines_to_take, fps.get(a.id, ()))

    plan_ids = {p.plan_id for p in parts.values()}
    titles: dict[int, str] = {}
    if plan_ids:
        titles = {pid: title for pid, title in s.execute(select(Plan.id, Plan.title))}
    labels = plan_labels(titles) if (len(plan_ids) > 1 if spans is None else spans) else {}
    views = []
    for item in items:
        if item.section_id is None and item.action_line_id is None:  # a free-text item
            views.append(AgendaItemView(
                item.id, item.meeting_id, item.position, "", False, None, None, 0, "", None,
                None, (), item.objective, item.points_to_make, item.defensive_points,
                item.background, item.outcome, None, item.title, item.quoted_lines))
            continue
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
            item.outcome, part.plan_id, item.title, item.quoted_lines,
            titles.get(part.plan_id, ""), labels.get(part.plan_id, ""), part.label,
        ))
    return views
