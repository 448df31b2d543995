"""The action lines: their details, and the one path every change to one takes (the window's
edits, the command line, every import, the undo of an import): `desk.actions`."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import InputError, StaleEdit
from app.limits import TEXT_LENGTHS
from app.models import ActionLine, Part, Section, Tag, action_tags
from app.models.base import fetch
from app.store.session import Store
from app.store.tree_query import focal_points_by_action
from app.text_clean import check_length, clean_tags, gate
from app.values import ActionDetail, Change
from app.vocab import status_code

ACTION_FIELDS = ("status", "notes", "notes_private", "lines_to_take")  # and "tags"


class ActionLineManager:
    def __init__(self, store: Store, default_plan: Callable[[], int]) -> None:
        self._store = store
        self._default_plan = default_plan

    def get(self, action_id: int) -> ActionDetail:
        with self._store.read() as s:
            return self._details(s, [fetch(s, ActionLine, action_id, "action line")])[0]

    def details(self, plan_id: int | None = None) -> list[ActionDetail]:
        """Every action line of a plan in document order, in a few queries (backups)."""
        plan = self._default_plan() if plan_id is None else plan_id
        with self._store.read() as s:
            return self._details(s, list(s.scalars(
                select(ActionLine).where(ActionLine.plan_id == plan)
                .order_by(ActionLine.position))))

    def all_tags(self) -> list[str]:
        """The tags on at least one action line, by name."""
        with self._store.read() as s:
            used = select(action_tags.c.tag_id)
            return list(s.scalars(select(Tag.name).where(Tag.id.in_(used)).order_by(Tag.name)))

    def _details(self, s: Session, actions: Sequence[ActionLine]) -> list[ActionDetail]:
        part_ids = {a.part_id for a in actions}
        section_ids = {a.section_id for a in actions if a.section_id is not None}
        parts = {p.id: p for p in s.scalars(select(Part).where(Part.id.in_(part_ids)))}
        sections = {x.id: x for x in s.scalars(select(Section).where(
            Section.id.in_(section_ids)))}
        tags: dict[int, list[str]] = defaultdict(list)
        for aid, name in s.execute(select(action_tags.c.action_id, Tag.name)
                                   .join(Tag, Tag.id == action_tags.c.tag_id)
                                   .where(action_tags.c.action_id.in_([a.id for a in actions]))
                                   .order_by(Tag.name)):
            tags[aid].append(name)
        fps = focal_points_by_action(self._store.driver_connection(s), [a.id for a in actions])
        out = []
        for a in actions:
            part = parts[a.part_id]
            section = sections.get(a.section_id) if a.section_id is not None else None
            out.append(ActionDetail(
                a.id, a.plan_id, a.ref, a.letter, a.text, a.status, a.notes, a.notes_private,
                a.lines_to_take, tuple(tags[a.id]), a.updated_at, part.number, part.title,
                part.label, section.number if section else None, section.title if section else None,
                fps[a.id]))
        return out

    def update(self, action_id: int, *, status: str | None = None,
               notes: str | None = None, notes_private: bool | None = None,
               lines_to_take: str | None = None, tags: Sequence[str] | None = None,
               updated_at: datetime | None = None,
               expect: Mapping[str, Any] | None = None) -> Change:
        """Set the given fields of an action line (None leaves one as it is). Text is cleaned
        (and the change says where); `updated_at` is stamped by the store unless given (a
        restore).

        `expect` holds the values the edit was made on (the window's): if one of them has been
        changed elsewhere meanwhile, the edit is refused (StaleEdit, with both values)."""
        values: dict[str, Any] = {}
        warnings = []
        if status is not None:
            try:
                values["status"] = status_code(status)
            except ValueError as exc:
                raise InputError(str(exc)) from None
        for name, value in (("notes", notes), ("lines_to_take", lines_to_take)):
            if value is not None:
                values[name], warning = gate(value, name.replace("_", " "))
                if warning:
                    warnings.append(warning)
        if tags is not None:
            for tag in clean_tags(tags):
                check_length(tag, f"tag {tag[:40]!r}", TEXT_LENGTHS["tag"])
        if notes_private is not None:
            values["notes_private"] = notes_private
        with self._store.write() as s:
            with s.no_autoflush:  # an import's earlier lines are flushed once, at commit
                a = fetch(s, ActionLine, action_id, "action line")
            for name, old in (expect or {}).items():
                current = tuple(t.name for t in a.tags) if name == "tags" else getattr(a, name)
                if _normal(current) != _normal(old):
                    mine = values.get(name, tags if name == "tags" else "")
                    raise StaleEdit(f"the {name.replace('_', ' ')} of {a.ref}",
                                    _shown(current), _shown(mine))
            for name, value in values.items():
                setattr(a, name, value)
            if tags is not None:
                wanted = clean_tags(tags)
                existing = {t.name: t for t in s.scalars(select(Tag).where(Tag.name.in_(wanted)))}
                a.tags = [existing.get(n) or Tag(name=n) for n in wanted]
            if updated_at is not None:
                a.updated_at = updated_at
        return Change(action_ids=frozenset({action_id}), warnings=tuple(warnings))


def _normal(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return tuple(sorted(value, key=str.casefold))
    return value


def _shown(value: Any) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(value)
    return str(value)
