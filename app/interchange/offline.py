"""Bring my changes back: an offline copy's own changes merged into the team database.

An offline copy (`Desk.copy_offline`) remembers where its own history begins. Merging back
reads that history: for every field of an action line changed on the trip, what it was when
the copy was taken (the base), what it is in the copy now, and what it is on the team database
now. Unchanged on the team database: the trip's value is applied. Changed there too, to
something else: a conflict, shown with both values and left as it is on the team database
(unless the window's user takes the trip's). Activities added on the trip are added; activities
edited or removed on the trip are edited or removed when the team database still has them as
they were. Changes to focal points and meetings made offline are listed, not carried back: make
them on the team database.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.errors import InputError, StaleEdit
from app.values import Change, HistoryItem
from app.vocab import status_label

if TYPE_CHECKING:
    from app.service import Desk

_LINE_FIELDS = ("status", "notes", "notes_private", "lines_to_take", "tags")
_ACTIVITY_FIELDS = ("created", "deleted", "title", "kind", "start_date", "end_date", "place",
                    "lead", "programme", "link", "notes")


@dataclass(frozen=True, slots=True)
class MergeItem:
    """One change made on the trip, as it would land on the team database."""

    kind: str  # "action_line" or "activity"
    entity_id: int
    label: str  # "1.3(b)", or "3.5: Haze workshop"
    field: str  # a field, or "created" / "deleted" for an activity
    base: str  # when the copy was taken
    offline: str  # in the copy now
    server: str  # on the team database now
    conflict: bool = False
    private: bool = False  # a private note: its text is never shown or printed

    def shown(self, value: str) -> str:
        if self.private:
            return "(private note)" if value else ""
        if self.field == "status":
            try:
                return status_label(value)
            except KeyError:
                return value
        return value


@dataclass(frozen=True, slots=True)
class MergePreview:
    copy: str
    items: tuple[MergeItem, ...]
    not_carried: tuple[str, ...]  # changes of other kinds, named

    @property
    def conflicts(self) -> tuple[MergeItem, ...]:
        return tuple(i for i in self.items if i.conflict)


def preview_merge(server: Desk, copy_path: Path) -> MergePreview:
    """What merging the copy back would do; nothing is written. The copy is checked first:
    a POA Desk database like any other (nothing forged in its schema or values), taken from
    this very database (its identity), so nothing is applied by row id to the wrong one."""
    problems = check_copy_file(copy_path)
    if problems:
        raise InputError(f"{copy_path.name} cannot be merged back: {problems[0]}; nothing "
                         "was merged")
    copy = type(server).open(copy_path, daily_backup=False)  # the gateway, not imported here
    try:
        origin = copy.offline_origin()
        if origin is None:
            raise InputError(f"{copy_path.name} is not an offline copy (take one with File > "
                             "Take a Copy Offline, or poadesk --db URL copy-offline COPY.db)")
        start, info = origin
        if "identity" not in info and "token" in info:  # a copy an earlier version took
            if not _shares_history(server, copy, info["token"]):
                raise InputError(f"{copy_path.name} was copied from another database "
                                 f"({str(info.get('source', '?'))[:120]}), not from "
                                 f"{server.label}: nothing was merged")
        elif info.get("identity") != server.offline.identity():
            raise InputError(f"{copy_path.name} was copied from another database "
                             f"({str(info.get('source', '?'))[:120]}), not from {server.label}: "
                             "nothing was merged")
        token = info.get("token")
        if isinstance(token, bool) or not isinstance(token, int):
            raise InputError(f"{copy_path.name}: its record of when it was copied is not "
                             "readable; nothing was merged")
        own = [h for h in reversed(copy.history(limit=1_000_000)) if h.id > start]
        return _plan(server, copy, copy_path.name, own, token)
    finally:
        copy.close()


def _shares_history(server: Desk, copy: Desk, token: object) -> bool:
    """A copy without an identity (taken before POA Desk kept one): it comes from this
    database when the newest history row it had when it was taken is this database's too."""
    if isinstance(token, bool) or not isinstance(token, int):
        return False
    before = [h for h in copy.history(limit=1_000_000) if h.id <= token]
    if not before:
        return True  # nothing had happened yet: nothing to tell them apart, nor to lose
    last = max(before, key=lambda h: h.id)
    theirs = [h for h in server.history(limit=1_000_000) if h.id == last.id]
    return bool(theirs) and (theirs[0].at, theirs[0].field, theirs[0].entity_id,
                             theirs[0].label) == (last.at, last.field, last.entity_id, last.label)


def check_copy_file(copy_path: Path) -> list[str]:
    """What is wrong with an offline copy's file before it is opened: [] when it is a POA
    Desk database at this version, whole, with nothing forged (app.store.validate via the
    gateway's check)."""
    from app.access import validate_database_file

    return validate_database_file(copy_path)


def _plan(server: Desk, copy: Desk, name: str, own: list[HistoryItem],
          token: int) -> MergePreview:
    base: dict[tuple[str, int, str], str] = {}
    labels: dict[tuple[str, int, str], str] = {}
    not_carried: list[str] = []
    for h in own:
        if (h.kind == "action_line" and h.field not in _LINE_FIELDS) or (
                h.kind == "activity" and h.field not in _ACTIVITY_FIELDS):
            continue  # not a field POA Desk records (an altered copy): nothing to carry
        if h.kind in ("action_line", "activity"):
            key = (h.kind, h.entity_id, h.field)
            base.setdefault(key, h.old or "")
            labels[key] = h.label
        elif h.kind != "database":
            not_carried.append(f"{h.label}: {h.field.replace('_', ' ')} (made offline; make "
                               "it on the team database)")
    items: list[MergeItem] = []
    for (kind, entity, field), was in base.items():
        label = labels[(kind, entity, field)]
        if kind == "action_line":
            if field not in _LINE_FIELDS:
                continue
            offline = _field(copy, entity, field)
            server_now = _field(server, entity, field)
            if offline in (was, server_now):
                continue
            private = field == "notes" and (copy.action(entity).notes_private
                                             or server.action(entity).notes_private)
            items.append(MergeItem(kind, entity, label, field, was, offline, server_now,
                                   conflict=server_now != was, private=private))
        else:
            items.extend(_activity(server, copy, entity, field, label, was, token))
    return MergePreview(name, tuple(_dedupe(items)), tuple(dict.fromkeys(not_carried)))


def _field(desk: Desk, action_id: int, field: str) -> str:
    d = desk.action(action_id)
    value = getattr(d, field)
    if field == "tags":
        return ", ".join(value)
    if field == "notes_private":
        return "yes" if value else "no"
    return str(value)


def _activity(server: Desk, copy: Desk, entity: int, field: str, label: str,
              was: str, token: int) -> list[MergeItem]:
    try:
        mine = copy.activities.get(entity)
    except Exception:  # noqa: BLE001 - NotFoundError: removed on the trip
        mine = None
    try:
        theirs = server.activities.get(entity)
    except Exception:  # noqa: BLE001 - NotFoundError: not (or no longer) on the server
        theirs = None
    if field == "created":
        if mine is None or (theirs is not None and theirs.fields == mine.fields):
            return []
        return [MergeItem("activity", entity, label, "created", "", mine.fields.title, "")]
    if field == "deleted":
        if theirs is None:
            return []
        # removed on the trip: carried only when the team database has not changed it since
        # the copy was taken; else a conflict, left as it is there
        edited = any(h.kind == "activity" and h.entity_id == entity
                     for h in server.history(since=None, limit=100_000) if h.id > token)
        return [MergeItem("activity", entity, label, "deleted", theirs.fields.title, "",
                          theirs.fields.title, conflict=edited)]
    if mine is None or theirs is None:
        return []
    offline = str(getattr(mine.fields, field) or "")
    server_now = str(getattr(theirs.fields, field) or "")
    if offline in (was, server_now):
        return []
    return [MergeItem("activity", entity, label, field, was, offline, server_now,
                      conflict=server_now != was)]


def _dedupe(items: list[MergeItem]) -> list[MergeItem]:
    """An activity created on the trip is carried whole: its field edits are part of it."""
    created = {i.entity_id for i in items if i.kind == "activity" and i.field == "created"}
    return [i for i in items if not (i.kind == "activity" and i.entity_id in created
                                     and i.field != "created")]


def apply_merge(server: Desk, copy_path: Path, preview: MergePreview,
                accept: Callable[[MergeItem], bool] | None = None) -> Change:
    """Carry the previewed changes to the team database in one transaction (one operation in
    its history: "merge back from COPY.db"). Conflicts stay as they are on the team database
    unless `accept` takes the trip's value. A value changed on the team database since the
    preview refuses the whole merge (preview again)."""
    chosen = [i for i in preview.items
              if (accept(i) if accept is not None else not i.conflict)]
    if not chosen:
        return Change()
    copy = type(server).open(copy_path, daily_backup=False)
    ids: set[int] = set()
    try:
        with server.transaction(f"merge back from {preview.copy}", backup="before-import"):
            for item in chosen:
                try:
                    _carry(server, copy, item)
                except StaleEdit as exc:
                    raise InputError(f"{item.label} changed on the team database while the "
                                     f"merge was being looked at ({exc}); nothing was merged: "
                                     "preview it again") from None
                if item.kind == "action_line":
                    ids.add(item.entity_id)
    finally:
        copy.close()
    return Change(action_ids=frozenset(ids), activities=True)


def _carry(server: Desk, copy: Desk, item: MergeItem) -> None:
    if item.kind == "action_line":
        value: Any = item.offline
        expect: Any = item.server
        if item.field == "tags":
            value = [t.strip() for t in item.offline.split(",") if t.strip()]
            expect = tuple(t.strip() for t in item.server.split(",") if t.strip())
        elif item.field == "notes_private":
            value, expect = item.offline == "yes", item.server == "yes"
        server.update_action(item.entity_id, **{item.field: value},
                             expect={item.field: expect})
        return
    if item.field == "created":
        info = copy.activities.get(item.entity_id)
        try:
            server.activities.get(item.entity_id)
        except Exception:  # noqa: BLE001 - NotFoundError: the id is free there too
            server.activities.add(info.target, info.fields, id=item.entity_id)
        else:  # someone else's activity took that id meanwhile: this one gets a new id
            server.activities.add(info.target, info.fields)
    elif item.field == "deleted":
        server.activities.remove(item.entity_id)
    else:
        info = copy.activities.get(item.entity_id)
        server.activities.edit(item.entity_id, info.fields)
