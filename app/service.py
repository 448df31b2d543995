"""The gateway: one `Desk` per open database. The UI, the CLI, the exports and the imports ask
it; it hands back plain frozen values (app.values) and never an ORM object or a session.

Every mutation is one short transaction, committed at once, and returns a `Change` (or a
`Created` holding one). `Desk.transaction()` groups several into one all-or-nothing step (an
import). Every write passes through `app.store.session.Store`, where the rules every write
obeys (the `updated_at` stamp, one-line errors) live once.

The managers are built once, here: `desk.focal` (app.focal.points) and `desk.meetings`
(app.meetings.manager). They get the store and the default plan, never the Desk itself.
"""

from __future__ import annotations

import getpass
import json
import os
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, Engine, delete, func, or_, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import InstrumentedAttribute, Session

from app import paths
from app.activities.manager import ActivityManager
from app.errors import DatabaseError, InputError, NotFoundError, StaleEdit
from app.focal.points import FocalPointManager
from app.limits import TEXT_LENGTHS
from app.meetings.manager import MeetingManager
from app.models import (
    Acronym,
    ActionLine,
    Country,
    HistoryEntry,
    Part,
    Plan,
    Section,
    Tag,
    UserAcronym,
    action_tags,
)
from app.models.base import fetch
from app.plan_parser import ParsedPlan
from app.refs import is_action_ref, normalize_ref
from app.store.backups import (
    DEFAULT_KEEP,
    BackupInfo,
    Backups,
    check_file,
    folder_for,
    restore_file,
)
from app.store.copy import copy_database
from app.store.db import backup_to, checkpoint, open_database
from app.store.history import entries as history_entries
from app.store.history import note as note_history
from app.store.lock import DatabaseLock
from app.store.plan_index import PlanIndex
from app.store.seed import add_plan, open_server_database
from app.store.session import Store
from app.store.tree_query import focal_points_by_action, read_plan_tree
from app.text_clean import check_length, clean, clean_tags, gate
from app.values import (
    AcronymInfo,
    ActionDetail,
    Change,
    CountryInfo,
    Created,
    HistoryItem,
    PlanInfo,
    PlanTree,
    SearchHit,
    TargetInfo,
)
from app.vocab import status_code

_WORD_RE = re.compile(r"\w+", re.UNICODE)
OFFLINE_MARK = "copied offline"  # the history row that starts an offline copy's own changes
_ACTION_FIELDS = ("status", "notes", "notes_private", "lines_to_take")


def _fold_table() -> tuple[str, str]:
    """Latin letters with diacritics (Latin-1 to Latin Extended Additional, where Vietnamese
    lives) and their plain lower-case letters: what FTS5's remove_diacritics folds."""
    accented: list[str] = []
    plain: list[str] = []
    for code in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00)):
        char = chr(code).lower()
        base = unicodedata.normalize("NFD", char)[:1]
        if (len(char) == 1 and char not in accented and base.isascii() and base.isalpha()
                and char != base):
            accented.append(char)
            plain.append(base)
    for char, base in (("đ", "d"), ("ł", "l"), ("ø", "o"), ("ß", "s"), ("æ", "a"),
                       ("œ", "o")):
        if char not in accented:
            accented.append(char)
            plain.append(base)
    return "".join(accented), "".join(plain)


_FOLD_FROM, _FOLD_TO = _fold_table()
_FOLD = str.maketrans(_FOLD_FROM, _FOLD_TO)


def _word_match(column: InstrumentedAttribute[str], word: str, dialect: str) -> ColumnElement[bool]:
    """Outside SQLite (no FTS5): `column` has a word starting with `word`, without case or
    diacritics, as the full-text index matches `"word"*`. PostgreSQL: a regular expression
    (`\\m`, the start of a word; `word` is letters, digits and '_' only: nothing to escape)
    over the column lowered and folded by `translate`; elsewhere ILIKE."""
    folded = word.lower().translate(_FOLD)
    if dialect == "postgresql":
        plain = func.translate(func.lower(column), _FOLD_FROM, _FOLD_TO)
        return plain.regexp_match(r"\m" + folded)
    return column.icontains(word, autoescape=True)


class Desk:
    """One open POA Desk database (cf. Anki's Collection)."""

    def __init__(self, engine: Engine, path: Path | None = None, *, user: str | None = None,
                 backups: Backups | None = None) -> None:
        self._store = Store(engine, path)
        self._store.who.user = user if user is not None else default_user()
        self.backups = backups
        self.warnings: list[str] = []  # said once when the database was opened
        self.focal = FocalPointManager(self._store, self.default_plan_id)
        self.meetings = MeetingManager(self._store, self.default_plan_id)
        self.activities = ActivityManager(self._store, self.default_plan_id)

    @classmethod
    def open(cls, path: Path | str | None = None, *, user: str | None = None,
             keep_backups: int = DEFAULT_KEEP, daily_backup: bool = True) -> Desk:
        """Open the working database (created from the pristine plan.db on first use).

        Backups (app.store.backups) go to the user data folder: one before a migration, and
        one on the day's first opening (`daily_backup`); the newest `keep_backups` are kept.
        """
        location = path or paths.working_database(create_folder=True)
        if isinstance(location, str):
            if paths.is_url(location):  # a server database (PostgreSQL)
                return cls(open_server_database(location), None, user=user)
            location = Path(location)
        path = location.expanduser()
        shelf = Backups(path, folder_for(path, paths.user_data_dir()), keep_backups)
        engine = open_database(path, seed=paths.seed_database(),
                               before_migration=lambda: shelf.take("before-migration"))
        desk = cls(engine, path, user=user, backups=shelf)
        if daily_backup:
            try:
                shelf.daily()
            except DatabaseError as exc:  # a full disk or a read-only data folder
                desk.warnings.append(f"no backup was taken today: {exc}")
        return desk

    @property
    def engine(self) -> Engine:
        return self._store.engine

    @property
    def path(self) -> Path | None:
        return self._store.path

    @property
    def label(self) -> str:
        """How messages name this database: its file, else its URL without the password."""
        return self._store.label

    def close(self) -> None:
        with suppress(DBAPIError):  # another process holds it; the WAL is still consistent
            checkpoint(self.engine)
        self.engine.dispose()

    @contextmanager
    def transaction(self, operation: str | None = None, *,
                    backup: str | None = None) -> Iterator[None]:
        """Every edit made inside is one transaction: all of them are kept, or none.

        `operation` names it in the history ("import from som.json"); `backup` (a reason such
        as "before-import") takes a backup of the database first."""
        if backup is not None:
            self.backup(backup)
        with self.operation(operation), self._store.transaction():
            yield

    @contextmanager
    def operation(self, name: str | None) -> Iterator[None]:
        """The edits made inside are recorded in the history as `name` (default "edit")."""
        who = self._store.who
        saved = who.operation
        if name:
            who.operation = name
        try:
            yield
        finally:
            who.operation = saved

    # -- backups and history ----------------------------------------------------------------

    def backup(self, reason: str = "manual") -> BackupInfo | None:
        """A checked backup of the database now, in its backup folder (None on a server)."""
        if self.backups is None:
            return None
        with suppress(DBAPIError):
            checkpoint(self.engine)  # the backup API copies the WAL's pages too; this is tidier
        return self.backups.take(reason)

    def copy_to(self, target: Path) -> Path:
        """A checked copy of the database file at `target` (`poadesk backup FILE`)."""
        if self.path is None:
            raise InputError("this database is on a server: back it up with pg_dump")
        with suppress(DBAPIError):
            checkpoint(self.engine)
        backup_to(self.path, target.expanduser())
        return target

    def history(self, action_id: int | None = None, *, since: datetime | None = None,
                limit: int | None = None) -> list[HistoryItem]:
        """Recorded changes, newest first: of one action line (its fields, and assignments and
        agenda items on it), or of everything since a time."""
        with self._store.read() as s:
            return [HistoryItem(e.id, e.at, e.who, e.operation, e.kind, e.entity_id,
                                e.action_line_id, e.label, e.field, e.old, e.new, e.private)
                    for e in history_entries(s, action_id=action_id, since=since,
                                             limit=limit)]

    def change_token(self) -> int:
        """A number that grows with every change anyone records in this database (this window,
        the command line, a colleague): poll it to see changes made underneath."""
        with self._store.read() as s:
            return int(s.scalar(select(func.max(HistoryEntry.id))) or 0)

    def changes_after(self, token: int) -> tuple[int, Change]:
        """What changed after `token` (from `change_token`), as one Change, and the new token."""
        with self._store.read() as s:
            rows = s.execute(select(HistoryEntry.id, HistoryEntry.kind,
                                    HistoryEntry.action_line_id)
                             .where(HistoryEntry.id > token)).all()
        if not rows:
            return token, Change()
        kinds = {kind for _id, kind, _a in rows}
        change = Change(action_ids=frozenset(a for _i, _k, a in rows if a is not None),
                        plan_structure="database" in kinds,
                        focal_points=bool(kinds & {"focal_point", "assignment"}),
                        meetings=bool(kinds & {"meeting", "agenda_item"}),
                        activities="activity" in kinds)
        return max(i for i, _k, _a in rows), change

    def copy_offline(self, target: Path) -> Path:
        """A local SQLite copy of this database (the team's, for a trip), row for row; the copy
        remembers where it came from and how far the history had got, so that its own changes
        can be merged back (app.interchange.offline)."""
        target = target.expanduser()
        token = self.change_token()
        copy_database(self.engine, target)
        copy = Desk(open_database(target), target, user=self._store.who.user)
        try:
            with copy.operation("copy offline"):
                copy.note_in_history("database", OFFLINE_MARK,
                                     json.dumps({"source": self.label, "token": token}))
        finally:
            copy.close()
        return target

    def offline_origin(self) -> tuple[int, dict[str, Any]] | None:
        """For an offline copy: the history id where its own changes begin, and where it came
        from ({"source", "token"}); None for a database that is not such a copy."""
        with self._store.read() as s:
            row = s.execute(select(HistoryEntry.id, HistoryEntry.new)
                            .where(HistoryEntry.kind == "database",
                                   HistoryEntry.field == OFFLINE_MARK)
                            .order_by(HistoryEntry.id.desc()).limit(1)).first()
        if row is None:
            return None
        return int(row[0]), json.loads(row[1] or "{}")

    def last_import(self, prefix: str = "") -> str | None:
        """The operation name of the newest import in the history ("matrix import from x.xlsx",
        "import from som.json"), optionally one starting with `prefix`; None if there is none."""
        for item in self.history(limit=5000):
            if ("import from" in item.operation and item.operation.startswith(prefix)
                    and not item.operation.startswith("undo of ")):
                return item.operation
        return None

    def revert_operation(self, operation: str) -> Change:
        """Undo the newest run of `operation` (an import) on action lines, from the history,
        also after a restart: each field it set goes back to what it was, unless it has been
        changed since (then nothing is undone: StaleEdit names the line)."""
        run: list[HistoryItem] = []
        for item in self.history(limit=100_000):  # newest first: its rows are contiguous
            if item.operation == operation:
                run.append(item)
            elif run:
                break
        if not run:
            raise NotFoundError(f"no {operation!r} in the history")
        ids: set[int] = set()
        with self.transaction(f"undo of {operation}"):
            for item in run:  # newest first: the last change to a field is undone first
                if item.kind == "activity":
                    self._revert_activity(item)
                    if item.action_id is not None:
                        ids.add(item.action_id)
                    continue
                if item.kind != "action_line" or item.action_id is None:
                    continue
                if item.field not in (*_ACTION_FIELDS, "tags"):
                    continue
                old, new = _history_value(item.field, item.old), _history_value(item.field,
                                                                                item.new)
                self.update_action(item.action_id, **{item.field: old},
                                   expect={item.field: new})
                ids.add(item.action_id)
        return Change(action_ids=frozenset(ids))

    def _revert_activity(self, item: HistoryItem) -> None:
        """Undo one history row of an activity: an added one goes, a changed field goes back
        (unless it was changed again since: StaleEdit)."""
        from dataclasses import replace

        if item.field == "created":
            with suppress(NotFoundError):
                self.activities.remove(item.entity_id)
            return
        if item.field == "deleted":
            return  # an import never removes an activity
        try:
            now = self.activities.get(item.entity_id)
        except NotFoundError:
            return  # already gone (its "created" row comes next)
        current = getattr(now.fields, item.field)
        shown = current.isoformat() if isinstance(current, date) else str(current or "")
        if shown != (item.new or ""):
            raise StaleEdit(f"the {item.field.replace('_', ' ')} of activity {item.label}",
                            shown, item.old or "")
        old: Any = item.old or ""
        if item.field in ("start_date", "end_date"):
            old = date.fromisoformat(item.old) if item.old else None
        self.activities.edit(item.entity_id, replace(now.fields, **{item.field: old}))

    def note_in_history(self, label: str, field: str, new: str) -> None:
        """Record something that happened to the whole database (a restore)."""
        with self._store.write() as s:
            note_history(s, self._store.who, label, field, new)

    def purge_history(self, before: datetime) -> int:
        """Forget the history recorded before `before` (deleted notes with it): the count."""
        with self._store.write() as s:
            result = s.execute(delete(HistoryEntry).where(HistoryEntry.at < before))
            return int(getattr(result, "rowcount", 0) or 0)

    def deleted_meetings(self) -> list[HistoryItem]:
        """Meetings deleted (newest first) and not brought back since, each restorable with
        `restore_meeting`."""
        items = self.history()
        back = {h.new for h in items if h.kind == "meeting" and h.field == "undeleted"}
        return [h for h in items if h.kind == "meeting" and h.field == "deleted"
                and str(h.id) not in back]

    def restore_meeting(self, history_id: int) -> Created:
        """Bring a deleted meeting back from its history (also after a restart)."""
        entry = next((h for h in self.deleted_meetings() if h.id == history_id), None)
        if entry is None or not entry.old:
            raise NotFoundError(f"no deleted meeting in the history with number {history_id}")
        data = json.loads(entry.old)
        index = self.index(data.get("plan_id"))
        items = [(index.resolve(item["ref"]).target if item.get("ref") is not None else None,
                  {k: v for k, v in item.items() if k != "ref"}) for item in data["items"]]
        when = date.fromisoformat(data["date"]) if data.get("date") else None
        extra = {k: v for k, v in data.items()
                 if k not in ("kind", "title", "date", "venue", "marking", "plan_id", "items")}
        with self.transaction(f"restore of deleted meeting {entry.label}"):
            meeting_id = self.meetings.put(data["kind"], data["title"], when, data["venue"],
                                           data["marking"], items,
                                           skip=frozenset(m.id for m in self.meetings.all()),
                                           extra=extra)
            with self._store.write() as s:  # so that it is no longer listed as deleted
                note_history(s, self._store.who, entry.label, "undeleted", str(entry.id),
                             kind="meeting", entity_id=meeting_id)
        return Created((meeting_id,), Change(meetings=True))

    # -- plans and the tree -----------------------------------------------------------------

    def plans(self) -> list[PlanInfo]:
        with self._store.read() as s:
            counts: dict[int, int] = {
                plan_id: n for plan_id, n in s.execute(
                    select(ActionLine.plan_id, func.count()).group_by(ActionLine.plan_id))
            }
            return [
                PlanInfo(p.id, p.title, p.source_name, counts.get(p.id, 0), p.preamble)
                for p in s.scalars(select(Plan).order_by(Plan.position, Plan.id))
            ]

    def default_plan_id(self) -> int:
        with self._store.read() as s:
            plan_id = s.scalar(select(Plan.id).order_by(Plan.position, Plan.id).limit(1))
        if plan_id is None:
            raise NotFoundError("the database holds no plan; run 'poadesk import plan FILE'")
        return plan_id

    def _plan_id(self, plan_id: int | None) -> int:
        return self.default_plan_id() if plan_id is None else plan_id

    def plan_tree(self, plan_id: int | None = None) -> PlanTree:
        """The plan as pillars > sections > action lines (app.store.tree_query: the same plain
        SQL the window's fast start reads before SQLAlchemy is loaded)."""
        with self._store.read() as s:
            return read_plan_tree(self._store.driver_connection(s), plan_id)

    def add_plan(self, parsed: ParsedPlan, source_name: str) -> PlanInfo:
        """Add a parsed plan (app.interchange.plan_text reads one from a file)."""
        with self._store.write() as s:
            plan = add_plan(s, parsed, source_name=source_name)
            return PlanInfo(plan.id, plan.title, plan.source_name,
                            sum(1 for _ in parsed.action_lines()), plan.preamble)

    # -- references: the one resolver -------------------------------------------------------

    def index(self, plan_id: int | None = None) -> PlanIndex:
        """The references and section numbers of a plan (default: the first), as plain
        dictionaries: resolve many references without a query each."""
        plan_id = self._plan_id(plan_id)
        with self._store.read() as s:
            fetch(s, Plan, plan_id, "plan")
            return PlanIndex(s, plan_id)

    def resolve(self, ref: str, plan_id: int | None = None) -> TargetInfo:
        """An action line ('1.3(b)', '1.3b', '5(a)') or a section ('2.1'); BadReference."""
        return self.index(plan_id).resolve(ref)

    def resolve_ref(self, ref: str, plan_id: int | None = None) -> int:
        """The id of the action line `ref`; BadReference if it names none."""
        info = self.index(plan_id).resolve_action(ref)
        assert info.target.action_id is not None
        return info.target.action_id

    # -- action lines -----------------------------------------------------------------------

    def action(self, action_id: int) -> ActionDetail:
        with self._store.read() as s:
            return self._details(s, [fetch(s, ActionLine, action_id, "action line")])[0]

    def action_details(self, plan_id: int | None = None) -> list[ActionDetail]:
        """Every action line of a plan in document order, in a few queries (backups)."""
        plan_id = self._plan_id(plan_id)
        with self._store.read() as s:
            return self._details(s, list(s.scalars(
                select(ActionLine).where(ActionLine.plan_id == plan_id)
                .order_by(ActionLine.position))))

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
                section.number if section else None, section.title if section else None,
                fps[a.id]))
        return out

    # -- edits: one path for every change to an action line ---------------------------------

    def update_action(self, action_id: int, *, status: str | None = None,
                      notes: str | None = None, notes_private: bool | None = None,
                      lines_to_take: str | None = None, tags: Sequence[str] | None = None,
                      updated_at: datetime | None = None,
                      expect: Mapping[str, Any] | None = None) -> Change:
        """Set the given fields of an action line (None leaves one as it is): the window's
        edits, the command line and every import pass here. Text is cleaned (and the change
        says where); `updated_at` is stamped by the store unless given (a restore).

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

    def set_status(self, action_id: int, status: str) -> Change:
        return self.update_action(action_id, status=status)

    def set_notes(self, action_id: int, notes: str, private: bool | None = None) -> Change:
        return self.update_action(action_id, notes=notes, notes_private=private)

    def set_notes_private(self, action_id: int, private: bool) -> Change:
        return self.update_action(action_id, notes_private=private)

    def set_lines_to_take(self, action_id: int, lines: str) -> Change:
        return self.update_action(action_id, lines_to_take=lines)

    def set_tags(self, action_id: int, names: Sequence[str]) -> Change:
        return self.update_action(action_id, tags=names)

    def all_tags(self) -> list[str]:
        with self._store.read() as s:
            used = select(action_tags.c.tag_id)
            return list(s.scalars(select(Tag.name).where(Tag.id.in_(used)).order_by(Tag.name)))

    # -- search -----------------------------------------------------------------------------

    def search(self, query: str, plan_id: int | None = None, *, snippets: bool = False,
               limit: int | None = None) -> list[SearchHit]:
        """Action lines matching `query` (words as prefixes, all required), best first.

        A reference ('1.3(b)', or '1.3' for a whole section) matches by reference first.
        """
        plan_id = self._plan_id(plan_id)
        hits: list[SearchHit] = []
        seen: set[int] = set()
        with self._store.read() as s:
            cond = _ref_condition(query)
            if cond is not None:
                for aid, r, t in s.execute(select(ActionLine.id, ActionLine.ref, ActionLine.text)
                                           .where(ActionLine.plan_id == plan_id, cond)
                                           .order_by(ActionLine.position)):
                    hits.append(SearchHit(aid, r, t))
                    seen.add(aid)
            for hit in self._text_search(s, query, plan_id, snippets):
                if hit.action_id not in seen:
                    hits.append(hit)
                    seen.add(hit.action_id)
        return hits[:limit] if limit else hits

    def search_ids(self, query: str, plan_id: int | None = None) -> set[int]:
        """The ids matching `query`, unranked: what a filter-as-you-type needs, fast.

        The same set as `search()` finds, without ranking, texts or snippets (one id column
        per row: at 100 times the plan's size a one-letter query stays a few milliseconds).
        """
        plan_id = self._plan_id(plan_id)
        ids: set[int] = set()
        with self._store.read() as s:
            cond = _ref_condition(query)
            if cond is not None:
                ids.update(s.scalars(select(ActionLine.id)
                                     .where(ActionLine.plan_id == plan_id, cond)))
            words = _WORD_RE.findall(query)
            if not words:
                return ids
            if self._store.dialect == "sqlite":
                match = " ".join(f'"{w}"*' for w in words)
                rows = s.execute(text(  # CROSS JOIN: the full-text index is the outer loop
                    "SELECT a.id FROM action_fts CROSS JOIN action_lines a "
                    "ON a.id = action_fts.rowid "
                    "WHERE action_fts MATCH :match AND a.plan_id = :plan"),
                    {"match": match, "plan": plan_id})
                ids.update(aid for (aid,) in rows)
            else:
                ids.update(hit.action_id for hit in self._text_search(s, query, plan_id, False))
        return ids

    def _text_search(self, s: Session, query: str, plan_id: int,
                     snippets: bool) -> list[SearchHit]:
        words = _WORD_RE.findall(query)
        if not words:
            return []
        if self._store.dialect == "sqlite":
            match = " ".join(f'"{w}"*' for w in words)
            # a private note is never shown in a snippet: its line's snippet is of the text
            snippet = ("CASE WHEN a.notes_private THEN snippet(action_fts, 1, '[', ']', ' … ', 12)"
                       " ELSE snippet(action_fts, -1, '[', ']', ' … ', 12) END"
                       if snippets else "''")
            sql = text(
                f"SELECT a.id, a.ref, a.text, {snippet} FROM action_fts "
                "JOIN action_lines a ON a.id = action_fts.rowid "
                "WHERE action_fts MATCH :match AND a.plan_id = :plan "
                "ORDER BY bm25(action_fts, 5.0, 1.0, 1.0, 1.0), a.position"
            )
            rows = s.execute(sql, {"match": match, "plan": plan_id})
            return [SearchHit(aid, r, t, snip) for aid, r, t, snip in rows]
        conds = [or_(*(_word_match(column, w, self._store.dialect) for column in (
            ActionLine.ref, ActionLine.text, ActionLine.notes, ActionLine.lines_to_take)))
            for w in words]
        rows2 = s.execute(select(ActionLine.id, ActionLine.ref, ActionLine.text)
                          .where(ActionLine.plan_id == plan_id, *conds)
                          .order_by(ActionLine.position))
        return [SearchHit(aid, r, t) for aid, r, t in rows2]

    # -- reference data ---------------------------------------------------------------------

    def acronyms(self, plan_id: int | None = None) -> list[AcronymInfo]:
        plan_id = self._plan_id(plan_id)
        with self._store.read() as s:
            rows = s.execute(select(Acronym.abbr, Acronym.expansion)
                             .where(Acronym.plan_id == plan_id)
                             .order_by(func.lower(Acronym.abbr)))
            return [AcronymInfo(a, e) for a, e in rows]

    def set_acronym(self, plan_id: int, abbr: str, expansion: str) -> Change:
        """Add an acronym to a plan's glossary, or change its expansion."""
        abbr = check_length(clean(abbr), f"acronym {abbr[:40]!r}", TEXT_LENGTHS["acronym"])
        expansion = check_length(clean(expansion), f"the expansion of {abbr}",
                                 TEXT_LENGTHS["acronym expansion"])
        with self._store.write() as s:
            row = s.scalar(select(Acronym).where(Acronym.plan_id == plan_id,
                                                 Acronym.abbr == abbr))
            if row is None:
                s.add(Acronym(plan_id=plan_id, abbr=abbr, expansion=expansion))
            else:
                row.expansion = expansion
        return Change(plan_structure=True)

    def user_acronyms(self) -> list[AcronymInfo]:
        """The user's own glossary (EUDR, ASEC...): it joins every plan's in a brief."""
        with self._store.read() as s:
            rows = s.execute(select(UserAcronym.abbr, UserAcronym.expansion)
                             .order_by(func.lower(UserAcronym.abbr), UserAcronym.abbr))
            return [AcronymInfo(a, e) for a, e in rows]

    def set_user_acronym(self, abbr: str, expansion: str) -> Change:
        """Add an abbreviation to the user's glossary, or change its expansion."""
        abbr = " ".join(clean(abbr).split())
        expansion = " ".join(clean(expansion).split())
        if not abbr or not expansion:
            raise InputError("an acronym needs the abbreviation and its expansion, e.g. "
                             "poadesk acronyms add EUDR \"EU Deforestation Regulation\"")
        abbr = check_length(abbr, f"acronym {abbr[:40]!r}", TEXT_LENGTHS["acronym"])
        expansion = check_length(expansion, f"the expansion of {abbr}",
                                 TEXT_LENGTHS["acronym expansion"])
        with self._store.write() as s:
            row = s.scalar(select(UserAcronym).where(UserAcronym.abbr == abbr))
            if row is None:
                s.add(UserAcronym(abbr=abbr, expansion=expansion))
            else:
                row.expansion = expansion
        return Change(plan_structure=True)

    def remove_user_acronym(self, abbr: str) -> Change:
        """Take an abbreviation out of the user's glossary (NotFoundError if not there)."""
        key = " ".join(abbr.split())
        with self._store.write() as s:
            row = s.scalar(select(UserAcronym).where(UserAcronym.abbr == key))
            if row is None:
                raise NotFoundError(f"{key} is not in your glossary (see 'poadesk acronyms "
                                    "--mine')")
            s.delete(row)
        return Change(plan_structure=True)

    def countries(self) -> list[CountryInfo]:
        with self._store.read() as s:
            return [CountryInfo(c.code, c.name, c.grouping)
                    for c in s.scalars(select(Country).order_by(Country.position))]


def _history_value(field: str, text: str | None) -> Any:
    """A history row's text as the field's value again."""
    if field == "notes_private":
        return text == "yes"
    if field == "tags":
        return tuple(t.strip() for t in (text or "").split(",") if t.strip())
    return text or ""


def _normal(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return tuple(sorted(value, key=str.casefold))
    return value


def _shown(value: Any) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(value)
    return str(value)


def default_user() -> str:
    """Who the history names: $POADESK_USER, else the account's name."""
    name = os.environ.get("POADESK_USER", "").strip()
    if name:
        return name
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return os.environ.get("USER", "")


def _ref_condition(query: str) -> ColumnElement[bool] | None:
    """A query that is a reference matches by reference: an action line, or a whole section."""
    ref = normalize_ref(query)
    if ref is None:
        return None
    return ActionLine.ref == ref if is_action_ref(ref) else ActionLine.ref.startswith(ref + "(")


# -- restoring a backup: the database is not open while it is replaced ------------------------

def backups_of(path: Path | None = None, keep: int = DEFAULT_KEEP) -> Backups:
    """The backups of a database file (default: the working database)."""
    path = (path or paths.default_database()).expanduser()
    return Backups(path, folder_for(path, paths.user_data_dir()), keep)


def choose_backup(shelf: Backups, which: str) -> BackupInfo:
    """'latest' (the newest good one), a number from `poadesk backups` (1 = the newest), or a
    backup file's path."""
    listed = shelf.list()
    if which == "latest":
        good = shelf.newest_good()
        if good is None:
            raise NotFoundError(f"no good backup of {shelf.database} in {shelf.folder}")
        return good
    if which.isdigit():
        n = int(which)
        if not 1 <= n <= len(listed):
            raise NotFoundError(f"no backup number {which}: 'poadesk backups' lists "
                                f"{len(listed)}")
        return listed[n - 1]
    path = Path(which).expanduser()
    if not path.is_file():
        raise NotFoundError(f"no backup {which!r} (give 'latest', a number from "
                            "'poadesk backups', or a file)")
    return next((b for b in listed if b.path.resolve() == path.resolve()),
                BackupInfo(path, datetime.fromtimestamp(path.stat().st_mtime), "file",
                           path.stat().st_size))


def restore_backup(backup: BackupInfo, shelf: Backups) -> BackupInfo | Path | None:
    """Put a backup in the place of the database, which is backed up (or, when damaged, set
    aside) first and must not be open in a window; recorded in the history. What was kept of
    the state before is returned."""
    database = shelf.database
    with DatabaseLock(database, "a restore"):
        before: BackupInfo | Path | None = None
        if database.is_file():
            if check_file(database, quick=True) == []:
                before = shelf.take("before-restore")
            else:
                before = shelf.keep_damaged()
        restore_file(backup.path, database)
        desk = Desk.open(database, daily_backup=False)
        try:
            with desk.operation(f"restore of {backup.path.name}"):
                desk.note_in_history("database", "restored",
                                     f"{backup.path.name} (taken {backup.taken_at:%Y-%m-%d %H:%M}"
                                     f", {backup.why})")
        finally:
            desk.close()
    return before
