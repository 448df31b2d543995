"""Backups of an open database (`Desk.backup`, `Desk.copy_to`) and, while it is closed, the
list of its backups and the restore of one (app.access hands these to the window and the
command line)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from app import paths
from app.errors import InputError, NotFoundError
from app.store.backups import (
    DEFAULT_KEEP,
    BackupInfo,
    Backups,
    check_file,
    folder_for,
    remove_database_file,
    stage_restore,
    swap_in,
)
from app.store.db import backup_to, open_database
from app.store.history import note
from app.store.lock import DatabaseLock, WriterLock
from app.store.session import Store
from app.user import default_user


def take_backup(store: Store, shelf: Backups | None, reason: str) -> BackupInfo | None:
    """A checked backup of the database now, in its backup folder (None on a server)."""
    if shelf is None:
        return None
    store.checkpoint()  # the backup API copies the WAL's pages too; this is tidier
    return shelf.take(reason)


def copy_file(store: Store, target: Path) -> Path:
    """A checked copy of the database file at `target` (`poadesk backup FILE`)."""
    if store.path is None:
        raise InputError("this database is on a server: back it up with pg_dump")
    store.checkpoint()
    backup_to(store.path, target.expanduser())
    return target


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
    return next((b for b in listed if paths.same_file(b.path, path)),
                BackupInfo(path, datetime.fromtimestamp(path.stat().st_mtime), "file",
                           path.stat().st_size))


RESTORE_WAIT = 5.0  # seconds a restore waits for a running command to finish writing


def restore_backup(backup: BackupInfo, shelf: Backups) -> BackupInfo | Path | None:
    """Put a backup in the place of the database, which is backed up (or, when damaged, set
    aside) first and must not be open in a window; recorded in the history. What was kept of
    the state before is returned."""
    database = shelf.database
    writers = WriterLock(database)
    with DatabaseLock(database, "a restore"):
        # no window and no command may be writing into the file that is about to be replaced
        writers.acquire(exclusive=True, wait=RESTORE_WAIT)
        try:
            return _restore(backup, shelf)
        finally:
            writers.release()


def _restore(backup: BackupInfo, shelf: Backups) -> BackupInfo | Path | None:
    """The restore itself, under both locks: the backup is copied, migrated and checked
    beside the database (nothing changes if it is unfit), the history's "restored" entry is
    written into that copy, the state before is backed up, then the copy takes its place."""
    database = shelf.database
    staged = stage_restore(backup.path, database, paths.seed_database())
    try:
        store = Store(open_database(staged), staged)
        store.who.user = default_user()
        try:
            with store.operation(f"restore of {backup.path.name}"), store.write() as s:
                note(s, store.who, "database", "restored",
                     f"{backup.path.name} (taken {backup.taken_at:%Y-%m-%d %H:%M}, {backup.why})")
        finally:
            store.close()
        before: BackupInfo | Path | None = None
        if database.is_file():
            if check_file(database, quick=True) == []:
                before = shelf.take("before-restore")
            else:
                before = shelf.keep_damaged()
        swap_in(staged, database)
    finally:
        remove_database_file(staged)
    return before
