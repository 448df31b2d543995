"""Activities under action lines and whole sections, behind the Desk: `desk.activities`.

Every mutation is one short transaction and returns a `Change` (or a `Created`); each has an
inverse for undo: add -> remove (redo: `add(..., id=)` keeps the id), edit -> edit(old fields),
remove -> `restore(info)`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlalchemy import or_, select

from app.errors import InputError, NotFoundError
from app.models.activities import Activity
from app.models.base import fetch
from app.store.db import advance_id_sequences
from app.store.plan_index import PlanIndex, plan_of_target
from app.store.session import Store
from app.text_clean import clean_text
from app.values import Change, Created, Target
from app.vocab import activity_kind

from .values import ActivityFields, ActivityInfo

_LIMITS = {"title": 300, "place": 300, "lead": 120, "programme": 300, "link": 1000}


class ActivityManager:
    def __init__(self, store: Store, default_plan: Callable[[], int]) -> None:
        self._store = store
        self._default_plan = default_plan

    # -- reads ------------------------------------------------------------------------------

    def list(self, plan_id: int | None = None, *, target: Target | None = None,
             date_from: date | None = None, date_to: date | None = None,
             ) -> list[ActivityInfo]:
        """The activities of a plan (or of one action line, with its section's, or of one
        section), by date (undated last), in a period if given (an activity counts when it
        overlaps the period)."""
        plan = self._default_plan() if plan_id is None else plan_id
        with self._store.read() as s:
            index = PlanIndex(s, plan)
            query = select(Activity)
            if target is not None:
                info = index.for_target(target)
                if target.action_id is not None:
                    section = index.section_of(target.action_id)
                    cond = Activity.action_line_id == target.action_id
                    if section is not None:
                        cond = or_(cond, Activity.section_id == section)
                    query = query.where(cond)
                else:
                    query = query.where(or_(Activity.section_id == target.section_id,
                                            Activity.action_line_id.in_(info.action_ids)))
            if date_to is not None:
                query = query.where(or_(Activity.start_date.is_(None),
                                        Activity.start_date <= date_to))
            out = []
            for a in s.scalars(query):
                if date_from is not None and (a.start_date is None
                                              or (a.end_date or a.start_date) < date_from):
                    continue
                if date_to is not None and a.start_date is None:
                    continue
                got = self._info(index, a)
                if got is not None:
                    out.append(got)
        return sorted(out, key=lambda i: (i.fields.start_date is None,
                                          i.fields.start_date or date.min, i.id))

    def get(self, activity_id: int) -> ActivityInfo:
        with self._store.read() as s:
            a = fetch(s, Activity, activity_id, "activity")
            target = Target(a.action_line_id, a.section_id)
            info = self._info(PlanIndex(s, plan_of_target(s, target)), a)
            assert info is not None
            return info

    # -- edits ------------------------------------------------------------------------------

    def add(self, target: Target, fields: ActivityFields, *, id: int | None = None) -> Created:
        values, warnings = _clean(fields)
        with self._store.write() as s:
            lines = PlanIndex(s, plan_of_target(s, target)).for_target(target).action_ids
            if id is not None and s.get(Activity, id) is not None:
                raise InputError(f"activity id {id} is already taken")
            a = Activity(id=id, action_line_id=target.action_id, section_id=target.section_id,
                         **values)
            s.add(a)
            s.flush()
            if id is not None:  # PostgreSQL: the next activity without an id gets a free one
                advance_id_sequences(s, "activities")
            return Created((a.id,), Change(action_ids=lines, activities=True,
                                           warnings=warnings))

    def edit(self, activity_id: int, fields: ActivityFields) -> Change:
        """Replace the fields (undo: `edit(id, old.fields)`)."""
        values, warnings = _clean(fields)
        with self._store.write() as s:
            a = fetch(s, Activity, activity_id, "activity")
            for name, value in values.items():
                setattr(a, name, value)
            target = Target(a.action_line_id, a.section_id)
            lines = PlanIndex(s, plan_of_target(s, target)).for_target(target).action_ids
        return Change(action_ids=lines, activities=True, warnings=warnings)

    def remove(self, activity_id: int) -> ActivityInfo:
        """Remove an activity; what it was (undo: `restore(info)`)."""
        info = self.get(activity_id)
        with self._store.write() as s:
            s.delete(fetch(s, Activity, activity_id, "activity"))
        return info

    def restore(self, info: ActivityInfo) -> Created:
        return self.add(info.target, info.fields, id=info.id)

    # -- helpers ----------------------------------------------------------------------------

    @staticmethod
    def _info(index: PlanIndex, a: Activity) -> ActivityInfo | None:
        target = Target(a.action_line_id, a.section_id)
        try:
            ref = index.for_target(target).ref
        except NotFoundError:
            return None  # another plan's
        return ActivityInfo(a.id, target, index.plan_id, ref, ActivityFields(
            a.title, a.kind, a.start_date, a.end_date, a.place, a.lead, a.programme, a.link,
            a.notes), a.updated_at)


def _clean(fields: ActivityFields) -> tuple[dict[str, object], tuple[str, ...]]:
    values: dict[str, object] = {}
    warnings = []
    for name in ("title", "place", "lead", "programme", "link", "notes"):
        text, changed = clean_text(getattr(fields, name))
        text = text.strip() if name == "notes" else " ".join(text.split())
        if changed:
            warnings.append(f"activity {name}: removed control characters Word and Excel "
                            "reject")
        limit = _LIMITS.get(name)
        if limit is not None and len(text) > limit:
            raise InputError(f"the activity's {name} is too long ({len(text)} characters; at "
                             f"most {limit})")
        values[name] = text
    if not values["title"]:
        raise InputError("an activity needs a title")
    values["kind"] = activity_kind(fields.kind)
    if fields.end_date is not None and fields.start_date is None:
        raise InputError("an activity with an end date needs a start date")
    if fields.end_date is not None and fields.start_date is not None \
            and fields.end_date < fields.start_date:
        raise InputError(f"the activity ends ({fields.end_date}) before it starts "
                         f"({fields.start_date})")
    values["start_date"], values["end_date"] = fields.start_date, fields.end_date
    return values, tuple(warnings)

