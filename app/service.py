"""The gateway: one `Desk` per open database. The UI, the CLI, the exports and the imports ask
it; it hands back plain frozen values (app.values) and never an ORM object or a session.

Every mutation is one short transaction, committed at once, and returns a `Change` (or a
`Created` holding one). `Desk.transaction()` groups several into one all-or-nothing step (an
import). Every write passes through `app.store.session.Store`, where the rules every write
obeys (the `updated_at` stamp, the history, one-line errors) live once.

The Desk keeps the lifecycle (open, close, label, path), transactions and operations; the rest
is done by managers it builds once and gives the store (and the default plan), never itself:

    desk.plan            the plans, their trees and the one reference resolver (app.plans)
    desk.actions         action lines and the one path every change to one takes
    desk.reference_data  the glossaries, the countries and institutions
    desk.finder          search by words or reference (app.store.search)
    desk.focal           focal points and assignments (app.focal)
    desk.meetings        meetings, agendas, deleted meetings (app.meetings)
    desk.activities      activities (app.activities)
    desk.matrix_exports  the record of each matrix sent out (what came back is checked on it)
    desk.log             the history, read back (app.safety)
    desk.offline         an offline copy of a team database
    desk.import_undo     the undo of an import, from the history

The methods below the managers are thin: the names the window, the command line and the
exports have always called.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from app import paths
from app.activities.manager import ActivityManager
from app.errors import DatabaseError
from app.focal.points import FocalPointManager
from app.meetings.manager import MeetingManager
from app.plan_parser import ParsedPlan
from app.plans.actions import ActionLineManager
from app.plans.manager import PlanManager
from app.plans.matrix_exports import MatrixExports
from app.plans.reference_data import ReferenceData
from app.safety.backups import backups_of, choose_backup, copy_file, restore_backup, take_backup
from app.safety.history import HistoryLog
from app.safety.import_undo import ImportUndo
from app.safety.offline import OfflineCopies
from app.store.backups import DEFAULT_KEEP, BackupInfo, Backups, folder_for, remove_leftovers
from app.store.db import open_database
from app.store.lock import WriterLock
from app.store.search import ActionSearch
from app.store.seed import open_server_database
from app.store.session import Store
from app.user import default_user
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

# what callers imported from here before the managers took these jobs
__all__ = ["Desk", "backups_of", "choose_backup", "default_user", "restore_backup"]


class Desk:
    """One open POA Desk database (cf. Anki's Collection)."""

    def __init__(self, engine: Engine, path: Path | None = None, *, user: str | None = None,
                 backups: Backups | None = None, writer: WriterLock | None = None) -> None:
        self._writer = writer  # the shared writers' lock on the file, released by close()
        store = self._store = Store(engine, path)
        store.who.user = user if user is not None else default_user()
        self.backups = backups
        self.warnings: list[str] = []  # said once when the database was opened
        self.plan = PlanManager(store)
        default_plan = self.plan.default_id
        self.actions = ActionLineManager(store, default_plan)
        self.reference_data = ReferenceData(store, default_plan)
        self.finder = ActionSearch(store, default_plan)
        self.focal = FocalPointManager(store, default_plan)
        self.meetings = MeetingManager(store, default_plan)
        self.activities = ActivityManager(store, default_plan)
        self.matrix_exports = MatrixExports(store)  # what each matrix sent out showed
        self.log = HistoryLog(store)
        self.offline = OfflineCopies(store, self.log)
        self.import_undo = ImportUndo(store, self.log, self.actions, self.activities)

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
                paths.check_server_url(location)
                return cls(open_server_database(location), None, user=user)
            location = Path(location)
        path = paths.check_database_file(location.expanduser())
        shelf = Backups(path, folder_for(path, paths.user_data_dir()), keep_backups)
        writer = WriterLock(path)  # every writer, window or command: a restore waits for it
        writer.acquire()
        try:
            engine = open_database(path, seed=paths.seed_database(),
                                   before_migration=lambda: shelf.take("before-migration"))
        except BaseException:
            writer.release()
            raise
        desk = cls(engine, path, user=user, backups=shelf, writer=writer)
        remove_leftovers(path, shelf.folder)
        if daily_backup:
            try:
                shelf.daily()
            except DatabaseError as exc:  # a full disk or a read-only data folder
                desk.warnings.append(f"no backup was taken today: {exc}")
        return desk

    @property
    def _engine(self) -> Engine:
        return self._store.engine

    @property
    def path(self) -> Path | None:
        return self._store.path

    @property
    def label(self) -> str:
        """How messages name this database: its file, else its URL without the password."""
        return self._store.label

    def close(self) -> None:
        try:
            self._store.close()
        finally:
            if self._writer is not None:
                self._writer.release()

    @contextmanager
    def transaction(self, operation: str | None = None, *,
                    backup: str | None = None) -> Iterator[None]:
        """Every edit made inside is one transaction: all of them are kept, or none.

        `operation` names it in the history ("import from som.json"); `backup` (a reason such
        as "before-import") takes a backup of the database first."""
        if backup is not None:
            self.backup(backup)
        with self._store.operation(operation), self._store.transaction():
            yield

    def operation(self, name: str | None) -> AbstractContextManager[None]:
        """The edits made inside are recorded in the history as `name` (default "edit")."""
        return self._store.operation(name)

    def backup(self, reason: str = "manual") -> BackupInfo | None:
        """A checked backup of the database now, in its backup folder (None on a server)."""
        return take_backup(self._store, self.backups, reason)

    def copy_to(self, target: Path) -> Path:
        """A checked copy of the database file at `target` (`poadesk backup FILE`)."""
        return copy_file(self._store, target)

    # -- thin delegates: the history, offline copies, undo of an import (app.safety) ----------

    def history(self, action_id: int | None = None, *, since: datetime | None = None,
                limit: int | None = None, kinds: Sequence[str] | None = None
                ) -> list[HistoryItem]:
        return self.log.entries(action_id, since=since, limit=limit, kinds=kinds)

    def change_token(self) -> int:
        return self.log.change_token()

    def changes_after(self, token: int) -> tuple[int, Change]:
        return self.log.changes_after(token)

    def copy_offline(self, target: Path) -> Path:
        return self.offline.copy(target)

    def offline_origin(self) -> tuple[int, dict[str, Any]] | None:
        return self.offline.origin()

    def last_import(self, prefix: str = "") -> str | None:
        return self.import_undo.last_import(prefix)

    def revert_operation(self, operation: str) -> Change:
        return self.import_undo.revert(operation)

    def deleted_meetings(self) -> list[HistoryItem]:
        return self.meetings.deleted()

    def restore_meeting(self, history_id: int) -> Created:
        return self.meetings.restore_deleted(history_id)

    # -- thin delegates: plans, references, action lines, search (app.plans, app.store) -------

    def plans(self) -> list[PlanInfo]:
        return self.plan.all()

    def default_plan_id(self) -> int:
        return self.plan.default_id()

    def plan_tree(self, plan_id: int | None = None) -> PlanTree:
        return self.plan.tree(plan_id)

    def add_plan(self, parsed: ParsedPlan, source_name: str, *,
                 allow_unplaced: bool = False) -> PlanInfo:
        return self.plan.add(parsed, source_name, allow_unplaced=allow_unplaced)

    def resolve(self, ref: str, plan_id: int | None = None) -> TargetInfo:
        return self.plan.resolve(ref, plan_id)

    def resolve_ref(self, ref: str, plan_id: int | None = None) -> int:
        return self.plan.resolve_ref(ref, plan_id)

    def action(self, action_id: int) -> ActionDetail:
        return self.actions.get(action_id)

    def action_details(self, plan_id: int | None = None) -> list[ActionDetail]:
        return self.actions.details(plan_id)

    def update_action(self, action_id: int, *, status: str | None = None,
                      notes: str | None = None, notes_private: bool | None = None,
                      lines_to_take: str | None = None, tags: Sequence[str] | None = None,
                      updated_at: datetime | None = None,
                      expect: Mapping[str, Any] | None = None) -> Change:
        return self.actions.update(action_id, status=status, notes=notes,
                                   notes_private=notes_private, lines_to_take=lines_to_take,
                                   tags=tags, updated_at=updated_at, expect=expect)

    def set_status(self, action_id: int, status: str) -> Change:
        return self.actions.update(action_id, status=status)

    def set_notes(self, action_id: int, notes: str, private: bool | None = None) -> Change:
        return self.actions.update(action_id, notes=notes, notes_private=private)

    def set_lines_to_take(self, action_id: int, lines: str) -> Change:
        return self.actions.update(action_id, lines_to_take=lines)

    def set_tags(self, action_id: int, names: Sequence[str]) -> Change:
        return self.actions.update(action_id, tags=names)

    def all_tags(self) -> list[str]:
        return self.actions.all_tags()

    def search(self, query: str, plan_id: int | None = None, *, snippets: bool = False,
               limit: int | None = None) -> list[SearchHit]:
        return self.finder.search(query, plan_id, snippets=snippets, limit=limit)

    def search_ids(self, query: str, plan_id: int | None = None, *,
                   every_plan: bool = False) -> set[int]:
        return self.finder.ids(query, plan_id, every_plan=every_plan)

    # -- thin delegates: the glossaries and the countries -------------------------------------

    def acronyms(self, plan_id: int | None = None) -> list[AcronymInfo]:
        return self.reference_data.acronyms(plan_id)

    def user_acronyms(self) -> list[AcronymInfo]:
        return self.reference_data.user_acronyms()

    def set_user_acronym(self, abbr: str, expansion: str) -> Change:
        return self.reference_data.set_user_acronym(abbr, expansion)

    def remove_user_acronym(self, abbr: str) -> Change:
        return self.reference_data.remove_user_acronym(abbr)

    def countries(self) -> list[CountryInfo]:
        return self.reference_data.countries()
