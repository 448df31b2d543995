"""Merge focal points and assignments from a file (workbook or JSON) into the register.

The readers turn their file into `IncomingPerson` records (validated, targets resolved) and
problems; `plan_merge` matches each record with the register and works out the changes;
`apply_merge` makes them, in the caller's transaction. Rules:

- A record matches an existing focal point by email (without case), or else by name (without
  case or extra spaces) and country; among several candidates the one with the same active
  state is preferred. Two records may not match the same focal point.
- A matched focal point gets the record's fields; a field the record leaves out (None: a
  blank cell) keeps its stored value. Unmatched records are added (active unless they say not).
- Assignments the focal point lacks are added; one it has with another role gets the file's
  role. Nothing is ever removed.
- After the merge no two active focal points may share an email, or a name and country.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.focal.incoming import OPTIONAL, IncomingAssignment, IncomingPerson, MergeResult
from app.focal.rules import name_key
from app.models import Assignment, FocalPoint
from app.store.tree_query import covering
from app.values import Change, Target


@dataclass
class _PersonOp:
    incoming: IncomingPerson
    fp_id: int | None  # None: add
    values: dict[str, object]  # the columns to set
    add: list[IncomingAssignment] = field(default_factory=list)
    roles: list[tuple[int, str]] = field(default_factory=list)  # (assignment id, role)


@dataclass
class MergePlan:
    result: MergeResult
    ops: list[_PersonOp]


def plan_merge(s: Session, people: list[IncomingPerson], problems: list[str]) -> MergePlan:
    """Match and compare; appends to `problems` (the caller refuses the file if any)."""
    existing = list(s.scalars(select(FocalPoint).order_by(FocalPoint.id)))
    by_email: dict[str, list[FocalPoint]] = defaultdict(list)
    by_name: dict[tuple[str, str], list[FocalPoint]] = defaultdict(list)
    for row in existing:
        if row.email:
            by_email[row.email.casefold()].append(row)
        by_name[(name_key(row.name), row.country_code)].append(row)
    claimed: dict[int, IncomingPerson] = {}
    held: dict[int, dict[tuple[int | None, int | None], tuple[int, str]]] = defaultdict(dict)
    for asg in s.scalars(select(Assignment)):
        held[asg.focal_point_id][(asg.action_line_id, asg.section_id)] = (asg.id, asg.role)

    ops: list[_PersonOp] = []
    lines: list[str] = []
    counts = {"people": 0, "updated": 0, "assignments": 0, "roles": 0}
    action_ids: set[int] = set()
    updated: list[int] = []
    for person in people:
        fp = _match(person, by_email, by_name, claimed, problems)
        op = _PersonOp(person, fp.id if fp else None, {})
        if fp is None:
            op.values = {"name": person.name, "country_code": person.country_code,
                         **{k: getattr(person, k) or "" for k in OPTIONAL},
                         "active": person.active is not False}
            counts["people"] += 1
            email = f" <{person.email}>" if person.email else ""
            lines.append(f"add focal point {person.label}{email}  [{person.where}]")
        else:
            claimed[fp.id] = person
            diffs = _differences(fp, person, op.values)
            if diffs:
                counts["updated"] += 1
                updated.append(fp.id)
                lines.append(f"update focal point {fp.id} {fp.name} ({fp.country_code}): "
                             f"{'; '.join(diffs)}  [{person.where}]")
        mine = held.get(fp.id, {}) if fp else {}
        seen: dict[tuple[int | None, int | None], IncomingAssignment] = {}
        for item in person.assignments:
            key = (item.target.target.action_id, item.target.target.section_id)
            if key in seen:
                if seen[key].role != item.role:
                    problems.append(f"{item.where}: {person.label} is given two roles on "
                                    f"{item.target.ref} ({seen[key].role} in "
                                    f"{seen[key].where}, {item.role} here)")
                continue
            seen[key] = item
            if key not in mine:
                op.add.append(item)
                counts["assignments"] += 1
                action_ids |= item.target.action_ids
                lines.append(f"add assignment: {person.label} -> {item.target.ref} as "
                             f"{item.role}  [{item.where}]")
            elif mine[key][1] != item.role:
                op.roles.append((mine[key][0], item.role))
                counts["roles"] += 1
                action_ids |= item.target.action_ids
                lines.append(f"change role: {person.label} on {item.target.ref}: "
                             f"{mine[key][1]} -> {item.role}  [{item.where}]")
        ops.append(op)
    _check_duplicates(existing, ops, problems)
    # their names or state show on these lines
    conn = s.connection().connection.driver_connection
    action_ids |= {c.action_id for c in covering(conn, focal_point_ids=updated)}
    result = MergeResult(counts["people"], counts["updated"], counts["assignments"],
                         counts["roles"], tuple(lines),
                         ids=tuple(op.fp_id for op in ops),
                         change=Change(action_ids=frozenset(action_ids), focal_points=True))
    return MergePlan(result, ops)


def _match(person: IncomingPerson, by_email: dict[str, list[FocalPoint]],
           by_name: dict[tuple[str, str], list[FocalPoint]],
           claimed: dict[int, IncomingPerson], problems: list[str]) -> FocalPoint | None:
    groups = []
    if person.email:
        groups.append(by_email.get(person.email.casefold(), []))
    groups.append(by_name.get((name_key(person.name), person.country_code), []))
    wanted = person.active is not False
    for index, candidates in enumerate(groups):
        if index == 0 and len(groups) == 2 and wanted:
            # an inactive focal point of another name with this email is the mailbox's
            # history (handed over), not this person
            candidates = [fp for fp in candidates
                          if fp.active or name_key(fp.name) == name_key(person.name)]
        free = [fp for fp in candidates if fp.id not in claimed]
        if free:
            return min(free, key=lambda fp: (fp.active != wanted,
                                             name_key(fp.name) != name_key(person.name),
                                             -fp.id))
        if candidates:
            other = claimed[candidates[0].id]
            problems.append(f"{person.where}: {person.label} and {other.label} in "
                            f"{other.where} are both focal point {candidates[0].id} "
                            f"({candidates[0].name}); make them one person or tell them apart")
            return None
    return None


def _show(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    text = str(value)
    return repr(text if len(text) <= 40 else text[:37] + "...")


def _differences(fp: FocalPoint, person: IncomingPerson, values: dict[str, object]) -> list[str]:
    wanted: dict[str, object] = {"name": person.name, "country_code": person.country_code}
    wanted.update({k: getattr(person, k) for k in OPTIONAL if getattr(person, k) is not None})
    if person.active is not None:
        wanted["active"] = person.active
    diffs = []
    for key, value in wanted.items():
        old = getattr(fp, key)
        same = (old.casefold() == str(value).casefold() if key == "email" else old == value)
        if not same:
            values[key] = value
            label = "country" if key == "country_code" else key
            diffs.append(f"{label} {_show(old)} -> {_show(value)}")
    return diffs


def _check_duplicates(existing: list[FocalPoint], ops: list[_PersonOp],
                      problems: list[str]) -> None:
    """No two active focal points may share an email, or a name and country, afterwards."""
    final: dict[object, tuple[str, dict[str, object]]] = {}
    for fp in existing:
        final[fp.id] = (f"focal point {fp.id} ({fp.name}) in the register",
                        {"name": fp.name, "country_code": fp.country_code, "email": fp.email,
                         "active": fp.active})
    for index, op in enumerate(ops):
        key: object = op.fp_id if op.fp_id is not None else ("new", index)
        base = dict(final[op.fp_id][1]) if op.fp_id is not None else {}
        where = op.incoming.where
        if op.fp_id is not None and "name" in op.values:  # found by email, another name
            where += f" (found as focal point {op.fp_id}, {base['name']}, by its email)"
        base.update(op.values)
        final[key] = (where, base)
    touched = {op.fp_id if op.fp_id is not None else ("new", i) for i, op in enumerate(ops)}
    seen: dict[object, object] = {}
    for key, (_where, v) in final.items():
        if not v.get("active", True):
            continue
        email = str(v.get("email") or "").casefold()
        for ident, what in (((email,), f"the email {v.get('email')}"),
                            ((name_key(str(v["name"])), v["country_code"]),
                             f"the name {v['name']} ({v['country_code']})")):
            if ident == ("",):
                continue
            first = seen.setdefault(ident, key)
            if first != key and (key in touched or first in touched):
                here, there = (key, first) if key in touched else (first, key)
                problems.append(f"{final[here][0]}: duplicate focal point: {what} is also in "
                                f"{final[there][0]}")


def apply_merge(s: Session, plan: MergePlan) -> list[int]:
    """Make the planned changes in the caller's transaction; the focal point id per record."""
    ids: list[int] = []
    for op in plan.ops:
        when = op.incoming.updated_at  # None: the store stamps the time of the change
        if op.fp_id is None:
            fp = FocalPoint(**op.values, updated_at=when)
            s.add(fp)
            s.flush()
        else:
            fp = s.get_one(FocalPoint, op.fp_id)
            for key, value in op.values.items():
                setattr(fp, key, value)
            if op.values and when is not None:
                fp.updated_at = when
        ids.append(fp.id)
        for item in op.add:
            target: Target = item.target.target
            s.add(Assignment(focal_point_id=fp.id, action_line_id=target.action_id,
                             section_id=target.section_id, role=item.role))
        for assignment_id, role in op.roles:
            s.get_one(Assignment, assignment_id).role = role
    s.flush()
    return ids
