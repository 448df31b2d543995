"""Read queries over focal points that build plain values (shared by the manager and JSON)."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from app.focal.checks import name_key
from app.focal.values import (
    ActionLineRef,
    AssignmentInfo,
    CoverageMatrix,
    CoverageRow,
    FocalPointInfo,
)
from app.models import ActionLine, Assignment, Country, FocalPoint, Part, Section
from app.store.plan_index import PlanIndex
from app.values import CountryInfo, Target


def focal_point_info(s: Session, fp: FocalPoint, count: int | None = None,
                     country_name: str | None = None) -> FocalPointInfo:
    if count is None:
        count = s.scalar(select(func.count()).select_from(Assignment)
                         .where(Assignment.focal_point_id == fp.id)) or 0
    return FocalPointInfo(fp.id, fp.name, fp.title, fp.organisation, fp.country_code,
                          country_name or fp.country.name, fp.email, fp.phone, fp.notes,
                          fp.active, fp.successor_id, fp.updated_at, count)


def assignment_infos(s: Session, *where: ColumnElement[bool]) -> list[AssignmentInfo]:
    """Assignments matching `where`, in plan order (a section before its action lines)."""
    rows = s.execute(
        select(Assignment, FocalPoint.name, FocalPoint.country_code, FocalPoint.active,
               ActionLine.plan_id, Part.plan_id)
        .join(FocalPoint, FocalPoint.id == Assignment.focal_point_id)
        .outerjoin(ActionLine, ActionLine.id == Assignment.action_line_id)
        .outerjoin(Section, Section.id == Assignment.section_id)
        .outerjoin(Part, Part.id == Section.part_id)
        .where(*where)
    )
    resolvers: dict[int, PlanIndex] = {}
    keyed = []
    for asg, name, code, active, action_plan, section_plan in rows:
        plan_id = action_plan if action_plan is not None else section_plan
        if plan_id not in resolvers:
            resolvers[plan_id] = PlanIndex(s, plan_id)
        resolver = resolvers[plan_id]
        target = Target(asg.action_line_id, asg.section_id)
        info = resolver.for_target(target)
        keyed.append(((plan_id, resolver.sort_key(target), name_key(name), asg.id),
                      AssignmentInfo(asg.id, asg.focal_point_id, name, code, asg.role, info,
                                     active)))
    return [info for _key, info in sorted(keyed, key=lambda pair: pair[0])]


def coverage_matrix(s: Session, plan_id: int,
                    covered: dict[int, set[str]]) -> CoverageMatrix:
    """Rows in plan order (a part's own action lines first), from action id -> country codes."""
    countries = tuple(CountryInfo(c.code, c.name, c.grouping)
                      for c in s.scalars(select(Country).order_by(Country.position)))
    groups: dict[tuple[int, int | None], list[ActionLineRef]] = defaultdict(list)
    for aid, ref, txt, part_id, section_id in s.execute(
            select(ActionLine.id, ActionLine.ref, ActionLine.text, ActionLine.part_id,
                   ActionLine.section_id)
            .where(ActionLine.plan_id == plan_id).order_by(ActionLine.position)):
        groups[(part_id, section_id)].append(ActionLineRef(aid, ref, txt))
    rows = []
    for part in s.scalars(select(Part).where(Part.plan_id == plan_id).order_by(Part.number)):
        owners: list[tuple[int | None, str | None, str]] = [(None, None, part.title)]
        owners += [(sec.id, sec.number, sec.title) for sec in part.sections]
        for section_id, number, title in owners:
            actions = tuple(groups.get((part.id, section_id), ()))
            if section_id is None and not actions:
                continue
            rows.append(CoverageRow(part.number, part.title, section_id, number, title, actions,
                                    tuple(frozenset(covered.get(a.id, ())) for a in actions),
                                    part.label))
    return CoverageMatrix(plan_id, countries, tuple(rows))
