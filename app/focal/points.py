"""The focal-point register, assignments, coverage and hand-over: `desk.focal`.

Every mutation is one short transaction and returns a `Change(focal_points=True, ...)` naming
the action lines whose focal points changed; each has an inverse call for undo:

    add -> delete (redo: restore(info) keeps the id)     update -> update(id, old.fields)
    deactivate <-> reactivate                            set_role -> set_role(id, old role)
    assign -> remove_assignment (redo: restore_assignment(removed.assignment) keeps the id)
    handover -> undo_handover(result) (redo: handover(..., new_id=result.successor_id))

Coverage counts active focal points only, directly or through a whole-section assignment.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.errors import InputError, NotFoundError
from app.focal.checks import CountryLookup
from app.focal.incoming import IncomingPerson
from app.focal.merge import MergePlan, apply_merge, plan_merge
from app.focal.queries import assignment_infos, coverage_matrix, focal_point_info
from app.focal.rules import clean_fields, find_duplicate, name_key, read_countries
from app.focal.values import (
    ActionLineRef,
    AssignmentInfo,
    CoverageMatrix,
    CoverageRow,
    FocalPointFields,
    FocalPointInfo,
    Handover,
    Removed,
)
from app.models import ActionLine, Assignment, Country, FocalPoint, Part
from app.models.base import fetch
from app.refs import ref_key, stored_ref_key
from app.store.db import advance_id_sequences
from app.store.plan_index import PlanIndex, plan_of_target
from app.store.session import Store
from app.store.tree_query import covering, read_coverage
from app.values import Change, Created, Target, TargetInfo
from app.vocab import role_code

RowT = TypeVar("RowT", FocalPoint, Assignment)


def _insert(s: Session, row: RowT, what: str) -> RowT:
    """Add `row` and give it its id. An explicit id (redo puts a row back with the id it had)
    must be free, and on PostgreSQL the id sequence is then moved past it."""
    explicit = row.id is not None
    if explicit and s.get(type(row), row.id) is not None:
        raise InputError(f"{what} id {row.id} is already taken")
    s.add(row)
    s.flush()
    if explicit:
        advance_id_sequences(s, row.__tablename__)
    return row


class FocalPointManager:
    """The register and its assignments, over one store (built once by the Desk)."""

    def __init__(self, store: Store, default_plan: Callable[[], int]) -> None:
        self._store = store
        self._default_plan = default_plan

    # -- reading ----------------------------------------------------------------------------

    def people(self, *, country: str | None = None, organisation: str | None = None,
               text: str | None = None, active: bool | None = None) -> list[FocalPointInfo]:
        """The register, by country (reference order) and name; filters combine.

        `country`: a code or display name; `organisation` and `text` match parts of words,
        without case (`text` looks in name, title, organisation, email, phone and notes).
        """
        with self._store.read() as s:
            query = (select(FocalPoint, Country.position, Country.name)
                     .join(Country, Country.code == FocalPoint.country_code))
            if country is not None:
                query = query.where(FocalPoint.country_code == read_countries(s).code(country))
            if active is not None:
                query = query.where(FocalPoint.active.is_(active))
            counts: dict[int, int] = {
                fp_id: n for fp_id, n in s.execute(
                    select(Assignment.focal_point_id, func.count())
                    .group_by(Assignment.focal_point_id))}
            words = text.casefold().split() if text else []
            found: list[tuple[int, str, FocalPointInfo]] = []
            for fp, position, country_name in s.execute(query):
                if organisation and organisation.casefold() not in fp.organisation.casefold():
                    continue
                hay = " ".join((fp.name, fp.title, fp.organisation, fp.email, fp.phone,
                                fp.notes)).casefold()
                if any(word not in hay for word in words):
                    continue
                found.append((position, name_key(fp.name),
                              focal_point_info(s, fp, counts.get(fp.id, 0), country_name)))
            return [info for *_key, info in sorted(found, key=lambda t: (t[0], t[1], t[2].id))]

    def get(self, focal_point_id: int) -> FocalPointInfo:
        with self._store.read() as s:
            return focal_point_info(s, self._fp(s, focal_point_id))

    def find(self, key: str) -> FocalPointInfo:
        """A focal point by id, email (without case) or, if unique, name; NotFoundError."""
        key = key.strip()
        if key.isdigit():
            return self.get(int(key))
        with self._store.read() as s:
            candidates = [fp for fp in s.scalars(select(FocalPoint).order_by(FocalPoint.id))
                          if (fp.email.casefold() == key.casefold() if "@" in key
                              else name_key(fp.name) == name_key(key))]
            active = [fp for fp in candidates if fp.active] or candidates
            if not active:
                raise NotFoundError(f"no focal point {key!r} (give an id, an email or a name)")
            if len(active) > 1:
                ids = ", ".join(str(fp.id) for fp in active)
                raise InputError(f"several focal points match {key!r}: use the id ({ids})")
            return focal_point_info(s, active[0])

    def assignments_of(self, focal_point_id: int) -> list[AssignmentInfo]:
        """Everything a focal point is assigned to, in plan order."""
        with self._store.read() as s:
            self._fp(s, focal_point_id)
            return assignment_infos(s, Assignment.focal_point_id == focal_point_id)

    def assignments(self, plan_id: int | None = None) -> list[AssignmentInfo]:
        """All assignments in a plan (default: the first plan), in plan order."""
        plan_id = self._plan(plan_id)
        with self._store.read() as s:
            return assignment_infos(s, or_(ActionLine.plan_id == plan_id,
                                           Part.plan_id == plan_id))

    def resolve_target(self, ref: str, plan_id: int | None = None) -> TargetInfo:
        """'1.3(b)', '1.3b' (an action line) or '2.1' (a whole section) of a plan."""
        plan_id = self._plan(plan_id)
        with self._store.read() as s:
            return PlanIndex(s, plan_id).resolve(ref)

    def country_code(self, value: str) -> str:
        """The code for a code or display name (without case); InputError if unknown."""
        with self._store.read() as s:
            return read_countries(s).code(value)

    def coverage(self, plan_id: int | None = None) -> CoverageMatrix:
        """Countries x sections: per cell, how many action lines have a focal point there."""
        plan_id = self._plan(plan_id)
        with self._store.read() as s:
            covered = read_coverage(self._store.driver_connection(s), plan_id)
            return coverage_matrix(s, plan_id, covered)

    def gaps(self, country: str, plan_id: int | None = None, *,
             section: str | None = None) -> list[tuple[CoverageRow, tuple[ActionLineRef, ...]]]:
        """Action lines with no active focal point of `country` (section assignments count).

        Per matrix row (a section, or part-level lines such as part 5), only rows with gaps;
        `section` ('2.1', or '5' for part 5's own lines) narrows it to one row.
        """
        code = self.country_code(country)
        matrix = self.coverage(plan_id)
        rows = matrix.rows
        if section is not None:  # in any notation: 'I.A', 'i.a', '1.1.', part 'II' or '2'
            key = ref_key(section) or stored_ref_key(section.strip())
            rows = tuple(r for r in rows if key == stored_ref_key(r.label) or (
                r.section_number is None and key == stored_ref_key(str(r.part_number))))
            if not rows:
                raise NotFoundError(f"no section {section.strip()!r} in this plan")
        return [(row, row.gaps(code)) for row in rows if row.gaps(code)]

    def country_lookup(self) -> CountryLookup:
        """Country codes and names of the reference data, to check many values at once."""
        with self._store.read() as s:
            return read_countries(s)

    # -- merging people from a file (app.interchange: the workbook and the JSON backup) -------

    def plan_merge(self, people: list[IncomingPerson], problems: list[str]) -> MergePlan:
        """Match incoming people with the register and work out the changes (app.focal.merge);
        problems are appended to `problems`. Nothing is written."""
        with self._store.read() as s:
            return plan_merge(s, people, problems)

    def apply_merge(self, plan: MergePlan) -> list[int]:
        """Make a planned merge; the focal point id of each incoming person."""
        with self._store.write() as s:
            return apply_merge(s, plan)

    def set_successor(self, focal_point_id: int, successor_id: int | None) -> Change:
        """Record who took over from a focal point (a backup's "successor")."""
        with self._store.write() as s:
            fp = self._fp(s, focal_point_id)
            if successor_id is not None:
                self._fp(s, successor_id)
            fp.successor_id = successor_id
            return self._change(s, [fp.id])

    # -- the register -----------------------------------------------------------------------

    def add(self, fields: FocalPointFields, *, active: bool = True,
            id: int | None = None) -> Created:
        """A new focal point (undo: `delete(created.id)`); `id` re-creates one (redo)."""
        with self._store.write() as s:
            clean = clean_fields(fields, read_countries(s))
            if active:
                self._refuse_duplicate(s, clean.name, clean.country_code, clean.email)
            fp = _insert(s, FocalPoint(id=id, **clean.values(), active=active),
                             "focal point")
            return Created((fp.id,), Change(focal_points=True, warnings=clean.warnings))

    def update(self, focal_point_id: int, fields: FocalPointFields) -> Change:
        """Replace the editable fields (undo: `update(id, old_info.fields)`)."""
        with self._store.write() as s:
            fp = self._fp(s, focal_point_id)
            clean = clean_fields(fields, read_countries(s))
            if fp.active:
                self._refuse_duplicate(s, clean.name, clean.country_code, clean.email, fp.id)
            for key, value in clean.values().items():
                setattr(fp, key, value)
            return self._change(s, [fp.id], clean.warnings)

    def deactivate(self, focal_point_id: int) -> Change:
        """Keep as history; no longer counts for coverage (undo: `reactivate`)."""
        return self._set_active(focal_point_id, False)

    def reactivate(self, focal_point_id: int) -> Change:
        return self._set_active(focal_point_id, True)

    def _set_active(self, focal_point_id: int, active: bool) -> Change:
        with self._store.write() as s:
            fp = self._fp(s, focal_point_id)
            if active and not fp.active:
                self._refuse_duplicate(s, fp.name, fp.country_code, fp.email, fp.id)
            fp.active = active
            return self._change(s, [fp.id])

    def delete(self, focal_point_id: int) -> Change:
        """Remove a focal point that has no assignments (the undo of `add`)."""
        with self._store.write() as s:
            fp = self._fp(s, focal_point_id)
            n = s.scalar(select(func.count()).select_from(Assignment)
                         .where(Assignment.focal_point_id == fp.id)) or 0
            if n:
                raise InputError(f"{fp.name} has {n} assignment(s): deactivate instead, or "
                                 "remove the assignments first")
            heir = s.scalar(select(FocalPoint.name).where(FocalPoint.successor_id == fp.id))
            if heir is not None:
                raise InputError(f"{fp.name} is the successor of {heir}: deactivate instead")
            s.delete(fp)
            return Change(focal_points=True)

    def restore(self, info: FocalPointInfo) -> Change:
        """Put a focal point back as `info` shows it, re-creating it with its id if deleted."""
        with self._store.write() as s:
            clean = clean_fields(info.fields, read_countries(s))
            if info.active:
                self._refuse_duplicate(s, clean.name, clean.country_code, clean.email, info.id)
            fp = s.get(FocalPoint, info.id)
            if fp is None:
                fp = FocalPoint(id=info.id)
                s.add(fp)
            for key, value in clean.values().items():
                setattr(fp, key, value)
            fp.active, fp.updated_at = info.active, info.updated_at
            if info.successor_id is None or s.get(FocalPoint, info.successor_id) is not None:
                fp.successor_id = info.successor_id
            s.flush()
            advance_id_sequences(s, FocalPoint.__tablename__)
            return self._change(s, [fp.id])

    # -- assignments ------------------------------------------------------------------------

    def assign(self, focal_point_id: int, target: Target, role: str = "lead", *,
               id: int | None = None) -> Created:
        """Assign to an action line or a whole section (undo: `remove_assignment`)."""
        role = role_code(role)
        with self._store.write() as s:
            fp = self._fp(s, focal_point_id)
            info = PlanIndex(s, plan_of_target(s, target)).for_target(target)
            same_target = (Assignment.action_line_id == target.action_id
                           if target.action_id is not None
                           else Assignment.section_id == target.section_id)
            existing = s.scalar(select(Assignment).where(Assignment.focal_point_id == fp.id,
                                                         same_target))
            if existing is not None:
                raise InputError(f"{fp.name} is already assigned to {info.ref} "
                                 f"(as {existing.role}); change the role instead")
            asg = _insert(s, Assignment(id=id, focal_point_id=fp.id,
                                        action_line_id=target.action_id,
                                        section_id=target.section_id, role=role), "assignment")
            return Created((asg.id,), Change(action_ids=info.action_ids, focal_points=True))

    def set_role(self, assignment_id: int, role: str) -> Change:
        """Change an assignment's role (undo: set the old role again)."""
        role = role_code(role)
        with self._store.write() as s:
            asg = self._assignment(s, assignment_id)
            asg.role = role
            (info,) = assignment_infos(s, Assignment.id == asg.id)
            return Change(action_ids=info.action_ids, focal_points=True)

    def remove_assignment(self, assignment_id: int) -> Removed:
        """Remove one assignment; the result re-creates it (`restore_assignment`)."""
        with self._store.write() as s:
            asg = self._assignment(s, assignment_id)
            (info,) = assignment_infos(s, Assignment.id == asg.id)
            s.delete(asg)
            return Removed(info, Change(action_ids=info.action_ids, focal_points=True))

    def restore_assignment(self, info: AssignmentInfo) -> Created:
        """Re-create a removed assignment with its id, focal point, target and role."""
        return self.assign(info.focal_point_id, info.target, info.role, id=info.id)

    # -- hand-over --------------------------------------------------------------------------

    def handover(self, old_id: int, successor: int | FocalPointFields, *,
                 new_id: int | None = None) -> Handover:
        """Move all of `old_id`'s assignments to a successor in one transaction.

        `successor`: an existing active focal point's id, or the fields of a new one (created
        with `new_id` if given, for redo). The old focal point stays as inactive history with
        `successor_id` set. An assignment the successor already has is dropped from the old
        one (kept in the result for undo).
        """
        with self._store.write() as s:
            old = self._fp(s, old_id)
            before = focal_point_info(s, old)
            created = not isinstance(successor, int)
            if isinstance(successor, int):
                succ = self._fp(s, successor)
                if succ.id == old.id:
                    raise InputError("a focal point cannot hand over to itself")
                if not succ.active:
                    raise InputError(f"the successor {succ.name} is inactive: reactivate them "
                                     "first")
            else:
                clean = clean_fields(successor, read_countries(s))
                self._refuse_duplicate(s, clean.name, clean.country_code, clean.email, old.id)
                old.active = False  # first: the successor may take over the office's email
                s.flush()  # (the database allows one active focal point per email)
                succ = _insert(s, FocalPoint(id=new_id, **clean.values(), active=True),
                                   "focal point")
            theirs = {(a.action_line_id, a.section_id) for a in s.scalars(
                select(Assignment).where(Assignment.focal_point_id == succ.id))}
            moved: list[int] = []
            dropped: list[AssignmentInfo] = []
            for info in assignment_infos(s, Assignment.focal_point_id == old.id):
                asg = s.get_one(Assignment, info.id)
                if (asg.action_line_id, asg.section_id) in theirs:
                    dropped.append(info)
                    s.delete(asg)
                else:
                    asg.focal_point_id = succ.id
                    moved.append(asg.id)
            old.active, old.successor_id = False, succ.id
            s.flush()
            change = self._change(s, [old.id, succ.id])
            return Handover(before, succ.id, created, tuple(moved), tuple(dropped), change)

    def undo_handover(self, done: Handover) -> Change:
        """Put everything `handover` did back, in one transaction."""
        with self._store.write() as s:
            old = self._fp(s, done.old.id)
            for assignment_id in done.moved:
                asg = s.get(Assignment, assignment_id)
                if asg is None or asg.focal_point_id != done.successor_id:
                    raise InputError("the hand-over cannot be undone: its assignments have "
                                     "changed since")
                asg.focal_point_id = old.id
            for info in done.dropped:
                s.add(Assignment(id=info.id if s.get(Assignment, info.id) is None else None,
                                 focal_point_id=old.id, action_line_id=info.target.action_id,
                                 section_id=info.target.section_id, role=info.role))
            if done.successor_created and done.old.active:
                # the new successor goes below; it steps down first, as the database allows
                # one active focal point per email (or name and country)
                self._fp(s, done.successor_id).active = False
                s.flush()
            old.active, old.successor_id = done.old.active, done.old.successor_id
            old.updated_at = done.old.updated_at
            s.flush()
            advance_id_sequences(s, Assignment.__tablename__)  # dropped ones: their old ids
            change = self._change(s, [old.id, done.successor_id])
            if done.successor_created:
                succ = self._fp(s, done.successor_id)
                if s.scalar(select(func.count()).select_from(Assignment)
                            .where(Assignment.focal_point_id == succ.id)):
                    raise InputError(f"the hand-over cannot be undone: {succ.name} has new "
                                     "assignments since")
                s.delete(succ)
            return change

    # -- helpers ----------------------------------------------------------------------------

    def _plan(self, plan_id: int | None) -> int:
        return self._default_plan() if plan_id is None else plan_id

    @staticmethod
    def _fp(s: Session, focal_point_id: int) -> FocalPoint:
        return fetch(s, FocalPoint, focal_point_id, "focal point")

    @staticmethod
    def _assignment(s: Session, assignment_id: int) -> Assignment:
        return fetch(s, Assignment, assignment_id, "assignment")

    @staticmethod
    def _refuse_duplicate(s: Session, name: str, code: str, email: str,
                          *exclude: int) -> None:
        message = find_duplicate(s, name, code, email, frozenset(exclude))
        if message:
            raise InputError(message)

    def _change(self, s: Session, focal_point_ids: Iterable[int],
                warnings: tuple[str, ...] = ()) -> Change:
        s.flush()
        covered = covering(self._store.driver_connection(s), focal_point_ids=focal_point_ids)
        return Change(action_ids=frozenset(c.action_id for c in covered), focal_points=True,
                      warnings=warnings)
