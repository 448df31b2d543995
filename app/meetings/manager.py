"""Meetings and their agendas, behind the Desk: `desk.meetings`.

Every edit is one short transaction and returns a `Change(meetings=True)` (or a `Created` with
the new ids); reads return plain frozen values. Positions in the agenda are 0-based here; the
command line shows them from 1.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import InputError, NotFoundError
from app.models import AgendaItem, Meeting, Plan
from app.models.base import fetch
from app.refs import split_agenda
from app.store.history import note
from app.store.plan_index import PlanIndex
from app.store.session import Store
from app.values import KEEP, Change, Created, HistoryItem, Keep, Target, TargetInfo

from .agenda_text import AgendaPick, resolve_agenda
from .carry_over import last_outcome, target_of
from .deleted import deleted_meetings, last_deletion, read_deleted
from .loading import agenda_views
from .plan_names import PlanNamedResolver, plan_labels
from .rows import (
    EXTRA_FIELDS,
    agenda_plans,
    check_quoted,
    insert_items,
    item_from_view,
    item_values,
    meeting_values,
    renumber,
    view_target,
)
from .values import AgendaItemView, MeetingDetail, MeetingInfo


class MeetingManager:
    def __init__(self, store: Store, default_plan: Callable[[], int]) -> None:
        self._store = store
        self._default_plan = default_plan

    # -- reads ------------------------------------------------------------------------------

    def all(self) -> list[MeetingInfo]:
        """Every meeting, by date (undated ones last), then in the order they were made."""
        with self._store.read() as s:
            counts: dict[int, int] = {
                mid: n for mid, n in s.execute(select(AgendaItem.meeting_id, func.count())
                                               .group_by(AgendaItem.meeting_id))
            }
            meetings = s.scalars(select(Meeting).order_by(Meeting.date.is_(None), Meeting.date,
                                                          Meeting.id))
            return [MeetingInfo(m.id, m.kind, m.title, m.date, m.venue, m.marking,
                                counts.get(m.id, 0)) for m in meetings]

    def get(self, meeting_id: int) -> MeetingDetail:
        with self._store.read() as s:
            m = self._meeting(s, meeting_id)
            items = agenda_views(s, m.items)
            return MeetingDetail(m.id, m.kind, m.title, m.date, m.venue, m.marking, tuple(items),
                                 **{name: getattr(m, name) for name in EXTRA_FIELDS})

    def item(self, item_id: int) -> AgendaItemView:
        with self._store.read() as s:
            item = self._item(s, item_id)
            return agenda_views(s, [item], spans=len(agenda_plans(s, item.meeting)) > 1)[0]

    def find_item(self, meeting_id: int, ref: str, plan_id: int | None = None) -> int:
        """The id of the item for `ref` ('1.3(b)', or '3.5' for a whole section), in plan
        `plan_id`; by default the plan of the agenda's items if they are all from one plan,
        else the first plan. A free-text item is found by its title ('Any other business',
        without case) or any item by its place: '#6'."""
        text = " ".join(ref.split())
        with self._store.read() as s:
            m = self._meeting(s, meeting_id)
            if text.startswith("#") and text[1:].isdigit():
                place = int(text[1:])
                if not 1 <= place <= len(m.items):
                    raise NotFoundError(f"meeting {meeting_id} has no item {text} (its agenda "
                                        f"has {len(m.items)})")
                return m.items[place - 1].id
            free = [i.id for i in m.items if target_of(i) is None
                    and " ".join(i.title.split()).casefold() == text.casefold()]
        if free:
            return free[0]
        if plan_id is None:
            plan_id = self.agenda_plan(meeting_id)
        reader = self.resolver(plan_id)
        info = reader.resolve(ref)
        with self._store.read() as s:
            m = self._meeting(s, meeting_id)
            for item in m.items:
                if target_of(item) == info.target:
                    return item.id
        named = reader.split(ref)[0]
        shown = info.ref if named is None else f"{reader.labels[named]} {info.ref}"
        raise NotFoundError(f"{shown} is not on the agenda of meeting {meeting_id}")

    def agenda_plan(self, meeting_id: int) -> int | None:
        """The plan of the agenda's items if they all come from one plan, else None."""
        with self._store.read() as s:
            plans = agenda_plans(s, self._meeting(s, meeting_id))
        return plans.pop() if len(plans) == 1 else None

    def offered_background(self, item_id: int) -> str:
        """The outcome of the most recent earlier meeting's item on the same action line or
        section, as background: 'Outcome of SOM, 2026-03-05: ...' ('' if there is none)."""
        with self._store.read() as s:
            item = self._item(s, item_id)
            target = target_of(item)
            return last_outcome(s, item.meeting, target) if target is not None else ""

    # -- meetings ---------------------------------------------------------------------------

    def create(self, kind: str, title: str, date: date | None = None, venue: str = "",
               marking: str = "", refs: str | Sequence[str] = "",
               plan_id: int | None = None, **extra: str) -> Created:
        """A new meeting (with its agenda, if given: `refs` as `split_agenda` reads it,
        '1.3b, 3.5, "Any other business"'); its id is `.id`. `extra`: the top page and
        document control (purpose, key_asks, delegation, logistics, drafter, cleared_by,
        version, reference)."""
        warnings: list[str] = []
        values = meeting_values(warnings, kind=kind, title=title, venue=venue, marking=marking,
                                 **extra)
        picks = self._agenda(refs, plan_id)
        with self._store.write() as s:
            m = Meeting(date=date, **values)
            s.add(m)
            s.flush()
            insert_items(s, m, picks, None, warnings)
            meeting_id = m.id
        return Created((meeting_id,), Change(meetings=True, warnings=tuple(warnings)))

    def edit_meeting(self, meeting_id: int, *, kind: str | None = None,
                     title: str | None = None, date: date | None | Keep = KEEP,
                     venue: str | None = None, marking: str | None = None,
                     **extra: str | None) -> Change:
        """Change the given fields (None, or KEEP for the date, leaves one as it is);
        `extra` as for `create`."""
        warnings: list[str] = []
        given = {k: v for k, v in (("kind", kind), ("title", title), ("venue", venue),
                                   ("marking", marking), *extra.items()) if v is not None}
        values: dict[str, Any] = meeting_values(warnings, **given)
        if not isinstance(date, Keep):
            values["date"] = date
        with self._store.write() as s:
            m = self._meeting(s, meeting_id)
            for name, value in values.items():
                setattr(m, name, value)
        return Change(meetings=True, warnings=tuple(warnings))

    def delete(self, meeting_id: int) -> Change:
        with self._store.write() as s:
            s.delete(self._meeting(s, meeting_id))
        return Change(meetings=True)

    def restore(self, detail: MeetingDetail, *, deleted_id: int | None = None) -> Created:
        """Make a meeting again from a `get()` snapshot (undo of delete); a new id.
        `deleted_id`: the id it had when it was deleted (default the snapshot's): a meeting that
        exists again is no longer listed as deleted (`deleted()`)."""
        with self._store.write() as s:
            gone = last_deletion(s, detail.id if deleted_id is None else deleted_id)
            m = Meeting(kind=detail.kind, title=detail.title, date=detail.date,
                        venue=detail.venue, marking=detail.marking, **detail.extra())
            s.add(m)
            s.flush()
            for view in detail.items:
                s.add(item_from_view(m.id, view, view.position))
            meeting_id = m.id
            if gone is not None:
                note(s, self._store.who, gone.label, "undeleted", str(gone.id),
                     kind="meeting", entity_id=meeting_id)
        return Created((meeting_id,), Change(meetings=True))

    def put(self, kind: str, title: str, when: date | None, venue: str, marking: str,
            items: Sequence[tuple[Target | None, dict[str, str]]], *,
            skip: frozenset[int] = frozenset(), extra: dict[str, str] | None = None) -> int:
        """Replace the oldest meeting with this kind, title and date whose id is not in `skip`
        (its fields and whole agenda), or add one; its id (the JSON backup's merge). An item
        without a target is a free-text item (its fields then hold its "title")."""
        warnings: list[str] = []
        values = meeting_values(warnings, kind=kind, title=title, venue=venue, marking=marking,
                                 **{name: (extra or {}).get(name, "") for name in EXTRA_FIELDS})
        with self._store.write() as s:
            same_date = Meeting.date.is_(None) if when is None else Meeting.date == when
            m = next((found for found in s.scalars(
                select(Meeting).where(Meeting.kind == values["kind"],
                                      Meeting.title == values["title"], same_date)
                .order_by(Meeting.id)) if found.id not in skip), None)
            if m is None:
                m = Meeting(kind=values["kind"], title=values["title"], date=when)
                s.add(m)
                s.flush()
            for name in ("venue", "marking", *EXTRA_FIELDS):
                setattr(m, name, values[name])
            m.items.clear()
            s.flush()
            for position, (target, fields) in enumerate(items):
                cleaned = item_values(warnings, fields)
                if target is None and not cleaned.get("title", "").strip():
                    raise InputError("a free-text agenda item needs a title")
                m.items.append(AgendaItem(
                    position=position, action_line_id=target.action_id if target else None,
                    section_id=target.section_id if target else None, **cleaned))
            s.flush()
            return m.id

    def deleted(self) -> list[HistoryItem]:
        """Meetings deleted (newest first) and not brought back since, each restorable with
        `restore_deleted`."""
        with self._store.read() as s:
            return deleted_meetings(s)

    def restore_deleted(self, history_id: int) -> Created:
        """Bring a deleted meeting back from its history (also after a restart)."""
        with self._store.read() as s:
            m = read_deleted(s, history_id, self._default_plan)
        store = self._store
        with store.operation(f"restore of deleted meeting {m.entry.label}"), store.transaction():
            meeting_id = self.put(m.kind, m.title, m.date, m.venue, m.marking, m.items,
                                  skip=frozenset(x.id for x in self.all()), extra=m.extra)
            with store.write() as s:  # so that it is no longer listed as deleted
                note(s, store.who, m.entry.label, "undeleted", str(m.entry.id),
                     kind="meeting", entity_id=meeting_id)
        return Created((meeting_id,), Change(meetings=True))

    # -- the agenda -------------------------------------------------------------------------

    def add_free_item(self, meeting_id: int, title: str, *,
                      position: int | None = None) -> Created:
        """Add an item that is no action line or section ("Adoption of the agenda", "Any
        other business", "Date of the next meeting") at `position` (default: the end)."""
        warnings: list[str] = []
        cleaned = item_values(warnings, {"title": title})
        if not cleaned["title"]:
            raise InputError("a free-text agenda item needs a title, e.g. \"Any other "
                             "business\"")
        with self._store.write() as s:
            m = self._meeting(s, meeting_id)
            if any(target_of(i) is None and i.title.casefold() == cleaned["title"].casefold()
                   for i in m.items):
                raise InputError(f"already on the agenda of this meeting: {cleaned['title']}")
            at = len(m.items) if position is None else min(max(position, 0), len(m.items))
            item = AgendaItem(meeting_id=m.id, position=at, title=cleaned["title"])
            m.items.insert(at, item)
            renumber(m.items)
            s.flush()
            item_id = item.id
        return Created((item_id,), Change(meetings=True, warnings=tuple(warnings)))

    def add_items(self, meeting_id: int, refs: str | Sequence[str], *,
                  position: int | None = None, plan_id: int | None = None) -> Created:
        """Add action lines, whole sections and items of one's own ('1.1(a),2.1(c),3.5,
        "Any other business"', as `split_agenda` reads it) at `position` (default: the end).
        New items start from the lines to take and the last outcome."""
        if not split_agenda(refs):
            raise InputError("no reference given (e.g. 1.1(a),2.1(c) or a section: 3.5)")
        picks = self._agenda(refs, plan_id)
        warnings: list[str] = []
        with self._store.write() as s:
            m = self._meeting(s, meeting_id)
            ids = insert_items(s, m, picks, position, warnings)
        return Created(tuple(ids), Change(meetings=True, warnings=tuple(warnings)))

    def remove_item(self, item_id: int) -> Change:
        with self._store.write() as s:
            item = self._item(s, item_id)
            m = item.meeting
            m.items.remove(item)
            renumber(m.items)
        return Change(meetings=True)

    def restore_item(self, view: AgendaItemView) -> Created:
        """Put back an item from its view (undo of remove), at its old position."""
        with self._store.write() as s:
            m = self._meeting(s, view.meeting_id)
            target = view_target(view)
            if target is not None and any(target_of(i) == target for i in m.items):
                raise InputError(f"{view.ref} is already on the agenda of this meeting")
            item = item_from_view(m.id, view, view.position)
            m.items.insert(min(max(view.position, 0), len(m.items)), item)
            renumber(m.items)
            s.flush()
            item_id = item.id
        return Created((item_id,), Change(meetings=True))

    def move_item(self, item_id: int, position: int) -> Change:
        """Move an item to `position` (0-based) in its agenda (drag and drop)."""
        with self._store.write() as s:
            item = self._item(s, item_id)
            items = list(item.meeting.items)
            if not 0 <= position < len(items):
                raise InputError(f"position {position + 1} is outside the agenda "
                                 f"(1 to {len(items)})")
            items.remove(item)
            items.insert(position, item)
            renumber(items)
        return Change(meetings=True)

    def reorder(self, meeting_id: int, item_ids: Sequence[int]) -> Change:
        """Set the whole order at once: `item_ids` must be exactly the meeting's items."""
        with self._store.write() as s:
            m = self._meeting(s, meeting_id)
            by_id = {i.id: i for i in m.items}
            if sorted(item_ids) != sorted(by_id):
                raise InputError("the new order must list every item of the agenda once")
            renumber([by_id[i] for i in item_ids])
        return Change(meetings=True)

    def edit_item(self, item_id: int, *, objective: str | None = None,
                  points_to_make: str | None = None, defensive_points: str | None = None,
                  background: str | None = None, outcome: str | None = None,
                  title: str | None = None, quoted_lines: str | None = None) -> Change:
        """Set the given fields of an item (None leaves one as it is)."""
        given = {"objective": objective, "points_to_make": points_to_make,
                 "defensive_points": defensive_points, "background": background,
                 "outcome": outcome, "title": title, "quoted_lines": quoted_lines}
        return self.set_item_fields(item_id, {k: v for k, v in given.items() if v is not None})

    def set_item_fields(self, item_id: int, values: dict[str, str]) -> Change:
        """Like `edit_item`, by field name (see ITEM_FIELDS and ITEM_EXTRA_FIELDS): what an
        editable view needs."""
        warnings: list[str] = []
        cleaned = item_values(warnings, values)
        with self._store.write() as s:
            item = self._item(s, item_id)
            if "title" in cleaned and not cleaned["title"] and target_of(item) is None:
                raise InputError("a free-text agenda item needs a title")
            if "quoted_lines" in cleaned and cleaned["quoted_lines"]:
                cleaned["quoted_lines"] = check_quoted(s, item, cleaned["quoted_lines"])
            for name, value in cleaned.items():
                setattr(item, name, value)
        return Change(meetings=True, warnings=tuple(warnings))

    # -- helpers ----------------------------------------------------------------------------

    @staticmethod
    def _meeting(s: Session, meeting_id: int) -> Meeting:
        return fetch(s, Meeting, meeting_id, "meeting")

    @staticmethod
    def _item(s: Session, item_id: int) -> AgendaItem:
        return fetch(s, AgendaItem, item_id, "agenda item")

    def resolver(self, plan_id: int | None = None) -> PlanNamedResolver:
        """What reads a typed agenda's references: in plan `plan_id` (default: the first),
        or in the plan whose short name comes first ('Example Partnership 1.1b', as the
        agenda of a meeting across plans shows it: app.meetings.plan_names)."""
        plan = self._default_plan() if plan_id is None else plan_id
        with self._store.read() as s:
            fetch(s, Plan, plan, "plan")
            index = PlanIndex(s, plan)
            titles = {pid: title for pid, title in s.execute(select(Plan.id, Plan.title))}
        return PlanNamedResolver(index, plan_labels(titles), self._index)

    def _index(self, plan_id: int) -> PlanIndex:
        with self._store.read() as s:
            return PlanIndex(s, plan_id)

    def _agenda(self, refs: str | Sequence[str], plan_id: int | None) -> list[AgendaPick]:
        """A typed agenda's items (no plan needed for none, or only items of one's own,
        unless `plan_id` is given: an unknown one is refused)."""
        entries = split_agenda(refs)
        if plan_id is None and all(e.free for e in entries):
            return resolve_agenda(refs, _NoPlan()) if entries else []
        return resolve_agenda(refs, self.resolver(plan_id))


class _NoPlan:
    """The resolver of an agenda without references (never asked)."""

    def resolve(self, typed: str) -> TargetInfo:  # pragma: no cover - free items only
        raise InputError(f"no plan to read {typed!r} in")
