"""The plan tree read with plain SQL over a DB-API connection: no SQLAlchemy, no Qt.

The one implementation behind `Desk.plan_tree()` (which passes its session's driver connection)
and the window's fast start (a standard-library `sqlite3` connection opened before SQLAlchemy
is imported). Portable SQL only (SQLite and PostgreSQL); ids are interpolated as validated
integers, so no driver's parameter style is assumed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from app.errors import NotFoundError
from app.values import (
    ActionSummary,
    AssignedFocalPoint,
    PartNode,
    PlanInfo,
    PlanTree,
    SectionNode,
    display_title,
)

NO_PLAN = "the database holds no plan; run 'poadesk import plan FILE'"


def _int(value: int) -> int:
    """An id as an int for the SQL text; TypeError for anything that is not an integer."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"an id must be an integer, not {type(value).__name__}")
    return int(value)


def _rows(conn: Any, sql: str) -> list[tuple[Any, ...]]:
    cursor = conn.cursor()
    try:
        cursor.execute(sql)
        return [tuple(row) for row in cursor.fetchall()]
    finally:
        cursor.close()


def default_plan_id(conn: Any) -> int:
    """The first plan (by position, then id); NotFoundError if there is none."""
    rows = _rows(conn, "SELECT id FROM plans ORDER BY position, id LIMIT 1")
    if not rows:
        raise NotFoundError(NO_PLAN)
    return int(rows[0][0])


# The one rule of coverage: a focal point covers an action line when it is assigned to the
# action line itself or to its whole section. Every reader of "who covers what" goes through
# `covering()`: the tree's counts, the detail pane, briefs and the matrix, coverage and gaps.
_COVERING_COLUMNS = (
    "a.id, asg.id, asg.role, fp.id, fp.name, fp.title, fp.organisation, fp.email, fp.active, "
    "c.code, c.name, c.position")
_COVERING_JOINS = (
    "JOIN focal_points fp ON fp.id = asg.focal_point_id "
    "JOIN countries c ON c.code = fp.country_code")


@dataclass(frozen=True, slots=True)
class Covering:
    """One focal point covering one action line (through `assignment_id`)."""

    action_id: int
    focal_point: AssignedFocalPoint
    country_position: int


def _ids(values: Iterable[int]) -> str:
    return ", ".join(str(_int(v)) for v in values) or "NULL"


def covering(conn: Any, *, plan_id: int | None = None, action_ids: Iterable[int] | None = None,
             focal_point_ids: Iterable[int] | None = None,
             active_only: bool = False) -> list[Covering]:
    """Who covers which action line, directly or through a whole-section assignment, filtered
    by plan, action lines and focal points (filters combine); ordered by country, then name."""
    where = []
    if plan_id is not None:
        where.append(f"a.plan_id = {_int(plan_id)}")
    if action_ids is not None:
        where.append(f"a.id IN ({_ids(action_ids)})")
    if focal_point_ids is not None:
        where.append(f"fp.id IN ({_ids(focal_point_ids)})")
    if active_only:
        where.append("fp.active = TRUE")
    cond = f" WHERE {' AND '.join(where)}" if where else ""
    sql = (
        f"SELECT {_COVERING_COLUMNS}, 0 FROM action_lines a "
        f"JOIN assignments asg ON asg.action_line_id = a.id {_COVERING_JOINS}{cond} "
        "UNION ALL "
        f"SELECT {_COVERING_COLUMNS}, 1 FROM action_lines a "
        f"JOIN assignments asg ON asg.section_id = a.section_id {_COVERING_JOINS}{cond}"
    )
    out = []
    for (action_id, asg_id, role, fp_id, name, title, organisation, email, active, code,
         country, position, via_section) in _rows(conn, sql):
        out.append(Covering(action_id, AssignedFocalPoint(
            asg_id, fp_id, name, title, organisation, code, country, email, role,
            bool(via_section), bool(active)), position))
    out.sort(key=lambda c: (c.country_position, c.focal_point.name.casefold(),
                            c.focal_point.assignment_id))
    return out


def focal_points_by_action(conn: Any, action_ids: Iterable[int], *, active_only: bool = False,
                           ) -> dict[int, tuple[AssignedFocalPoint, ...]]:
    """action id -> its focal points (`covering`), by country then name; every id present."""
    ids = list(action_ids)
    out: dict[int, list[AssignedFocalPoint]] = {aid: [] for aid in ids}
    if ids:
        for c in covering(conn, action_ids=ids, active_only=active_only):
            out[c.action_id].append(c.focal_point)
    return {aid: tuple(fps) for aid, fps in out.items()}


def read_coverage(conn: Any, plan_id: int) -> dict[int, set[str]]:
    """action id -> country codes of the active focal points covering it (`covering`)."""
    out: dict[int, set[str]] = defaultdict(set)
    for c in covering(conn, plan_id=plan_id, active_only=True):
        out[c.action_id].add(c.focal_point.country_code)
    return out


def read_tags(conn: Any, plan_id: int) -> dict[int, tuple[str, ...]]:
    """action id -> its tag names, sorted by name."""
    out: dict[int, list[str]] = defaultdict(list)
    for action_id, name in _rows(conn, (
            "SELECT at.action_id, t.name FROM action_tags at "
            "JOIN tags t ON t.id = at.tag_id "
            "JOIN action_lines a ON a.id = at.action_id "
            f"WHERE a.plan_id = {_int(plan_id)} ORDER BY t.name")):
        out[action_id].append(name)
    return {k: tuple(v) for k, v in out.items()}


def read_plan_tree(conn: Any, plan_id: int | None = None) -> PlanTree:
    """The plan (the first one when `plan_id` is None) as pillars > sections > action lines,
    with each action line's coverage and tags. NotFoundError if there is no such plan."""
    plan = default_plan_id(conn) if plan_id is None else _int(plan_id)
    found = _rows(conn, f"SELECT id, title, source_name FROM plans WHERE id = {plan}")
    if not found:
        raise NotFoundError(f"no plan with id {plan}")
    _id, title, source_name = found[0]
    coverage = read_coverage(conn, plan)
    tags = read_tags(conn, plan)
    by_owner: dict[tuple[int, int | None], list[ActionSummary]] = defaultdict(list)
    for aid, ref, letter, txt, status, notes, part_id, section_id in _rows(conn, (
            "SELECT id, ref, letter, text, status, notes, part_id, section_id "
            f"FROM action_lines WHERE plan_id = {plan} ORDER BY position, id")):
        countries = tuple(sorted(coverage.get(aid, ())))
        by_owner[(part_id, section_id)].append(
            ActionSummary(aid, ref, letter, txt, status, bool(notes), len(countries),
                          countries, tags.get(aid, ())))
    sections: dict[int, list[SectionNode]] = defaultdict(list)
    for sid, part_id, number, sec_title in _rows(conn, (
            "SELECT s.id, s.part_id, s.number, s.title FROM sections s "
            f"JOIN parts p ON p.id = s.part_id WHERE p.plan_id = {plan} "
            "ORDER BY s.position, s.id")):
        sections[part_id].append(
            SectionNode(sid, number, sec_title, tuple(by_owner.get((part_id, sid), ()))))
    parts = tuple(
        PartNode(pid, number, part_title, display_title(part_title), tuple(sections[pid]),
                 tuple(by_owner.get((pid, None), ())), label or "")
        for pid, number, part_title, label in _rows(conn, (
            "SELECT id, number, title, label FROM parts "
            f"WHERE plan_id = {plan} ORDER BY number")))
    info = PlanInfo(plan, title, source_name, sum(len(v) for v in by_owner.values()))
    return PlanTree(info, parts)
