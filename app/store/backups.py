"""Automatic and manual backups of a SQLite database file, taken with SQLite's online backup API
(safe while the database is open) and checked with `integrity_check` before they are kept.

Backups live in one folder per database (under the user data folder), named so that a listing
says when each was taken and before what:

    poadesk-20261202-093000-daily.db
    poadesk-20261202-101500-before-import.db

The newest `keep` are kept (default 14); older ones are removed after each new one.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.atomic import replace_file
from app.errors import DatabaseError
from app.paths import MAX_NAME_STEM, file_key
from app.store.db import backup_to
from app.store.uri import sqlite_uri

DEFAULT_KEEP = 14
_NAME_RE = re.compile(r"^poadesk-(\d{8}-\d{6})(?:-(\d+))?-([a-z0-9-]+)\.db$")
REASONS = {
    "daily": "at the day's first start",
    "manual": "on request",
    "before-import": "before an import",
    "before-restore": "before a restore",
    "before-migration": "before an upgrade of the database",
    "damaged": "the damaged file, set aside before a restore",
    "file": "a backup file",
}


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    taken_at: datetime  # local time, from the name
    reason: str  # a key of REASONS
    size: int

    @property
    def why(self) -> str:
        """When it was taken, in words: 'before an import'."""
        return REASONS.get(self.reason, self.reason.replace("-", " "))


def folder_for(database: Path, data_dir: Path) -> Path:
    """The backup folder of one database file: data_dir/backups/<name>-<hash of its path>
    (every spelling of the file, links and case where the disk ignores it, gives one folder;
    the name is cut so the whole path stays well under Windows' 260 characters)."""
    key = file_key(database)
    digest = hashlib.sha1(key.encode("utf-8", "surrogateescape")).hexdigest()[:8]
    stem = Path(os.path.realpath(database.expanduser())).stem
    return data_dir / "backups" / f"{stem[:MAX_NAME_STEM]}-{digest}"


class Backups:
    """The backups of one database file."""

    def __init__(self, database: Path, folder: Path, keep: int = DEFAULT_KEEP) -> None:
        self.database = database
        self.folder = folder
        self.keep = max(1, keep)

    def list(self) -> list[BackupInfo]:
        """Newest first."""
        if not self.folder.is_dir():
            return []
        out = []
        for path in self.folder.iterdir():
            m = _NAME_RE.match(path.name)
            if m is None or not path.is_file():
                continue
            taken = datetime.strptime(m.group(1), "%Y%m%d-%H%M%S")
            stat = path.stat()
            out.append((taken, stat.st_mtime_ns, BackupInfo(path, taken, m.group(3),
                                                            stat.st_size)))
        return [info for *_key, info in sorted(out, key=lambda t: (t[0], t[1]), reverse=True)]

    def take(self, reason: str, *, now: datetime | None = None) -> BackupInfo:
        """A checked copy of the database now; then only the newest `keep` are kept."""
        when = now or datetime.now()
        stamp = when.strftime("%Y%m%d-%H%M%S")
        target = self.folder / f"poadesk-{stamp}-{reason}.db"
        n = 1
        while target.exists():
            n += 1
            target = self.folder / f"poadesk-{stamp}-{n}-{reason}.db"
        try:
            backup_to(self.database, target)
        except OSError as exc:
            raise DatabaseError(f"cannot write a backup in {self.folder}: "
                                f"{exc.strerror or exc}") from None
        self.prune()
        return BackupInfo(target, when.replace(microsecond=0), reason, target.stat().st_size)

    def daily(self, *, now: datetime | None = None) -> BackupInfo | None:
        """A backup if none was taken today (at start-up); None when there is one."""
        today = (now or datetime.now()).date()
        if any(b.taken_at.date() == today for b in self.list()):
            return None
        return self.take("daily", now=now)

    def prune(self) -> None:
        for old in self.list()[self.keep:]:
            old.path.unlink(missing_ok=True)

    def keep_damaged(self, *, now: datetime | None = None) -> Path | None:
        """Set aside a copy of the database file as it is (it cannot be read as a database)."""
        if not self.database.is_file():
            return None
        stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self.folder / f"poadesk-{stamp}-damaged.db"
        shutil.copyfile(self.database, target)
        return target

    def newest_good(self) -> BackupInfo | None:
        """The newest backup that passes `quick_check`."""
        for info in self.list():
            if info.reason != "damaged" and check_file(info.path, quick=True) == []:
                return info
        return None


def check_file(path: Path, *, quick: bool = False) -> list[str]:
    """Problems found in a database file, in plain words ([] when healthy): the full
    integrity check (or `quick_check`), the full-text index check and the foreign keys."""
    problems: list[str] = []
    try:
        conn = sqlite3.connect(sqlite_uri(path.resolve(), mode="ro"), uri=True)
    except (sqlite3.Error, OSError) as exc:
        return [f"cannot open {path}: {exc}"]
    try:
        pragma = "quick_check" if quick else "integrity_check"
        rows = [r[0] for r in conn.execute(f"PRAGMA {pragma}")]
        if rows != ["ok"]:
            problems += [f"the file is damaged: {r}" for r in rows[:20]]
        if quick:
            return problems
        has_fts = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'action_fts'").fetchone()
        if has_fts:
            problems += _check_search_index(path)
        for table, rowid, parent, _fk in conn.execute("PRAGMA foreign_key_check").fetchall()[:20]:
            problems.append(f"row {rowid} of {table} points to a missing row of {parent}")
    except sqlite3.DatabaseError as exc:
        problems.append(f"the file is damaged: {exc}")
    finally:
        conn.close()
    return problems


def _check_search_index(path: Path) -> list[str]:
    """FTS5's own check that the index matches the action lines (a command written as an
    INSERT, so on a read-write connection; it changes nothing)."""
    try:
        conn = sqlite3.connect(path)
    except sqlite3.Error as exc:
        return [f"cannot open {path} to check its search index: {exc}"]
    try:
        conn.execute("INSERT INTO action_fts(action_fts, rank) VALUES ('integrity-check', 1)")
        conn.rollback()
    except sqlite3.DatabaseError as exc:
        return [f"the search index does not match the action lines ({exc}); "
                "'poadesk check --repair' rebuilds it"]
    finally:
        conn.close()
    return []


def rebuild_search_index(path: Path) -> None:
    """Rebuild the full-text index from the action lines (after `check` found it off)."""
    conn = sqlite3.connect(path)
    try:
        with conn:
            conn.execute("INSERT INTO action_fts(action_fts) VALUES ('rebuild')")
    finally:
        conn.close()


def stage_restore(backup: Path, database: Path, seed: Path) -> Path:
    """A checked copy of `backup` beside `database`, migrated to the current schema and found
    to be a POA Desk database like `seed` (app.store.validate): its path, to be written to and
    then put in place with `swap_in`. Nothing of `database` is touched; DatabaseError (one
    line naming `backup`) if the file is unfit, and then no copy is left."""
    from app.store.db import check_sqlite_file, open_database
    from app.store.validate import database_problems

    database = Path(os.path.realpath(database))  # through a link: the file, not the link
    staged = database.with_name(f".{database.name}.restoring")
    refused = f"{backup} cannot be restored"
    try:
        if not backup.is_file() or backup.stat().st_size == 0:
            raise DatabaseError(f"{refused}: it is empty, not a backup; nothing was changed")
        check_sqlite_file(backup)
        problems = check_file(backup, quick=True)
        if problems:
            raise DatabaseError(f"{refused}: {problems[0]}; nothing was changed")
        remove_database_file(staged)
        try:
            backup_to(backup, staged)
        except DatabaseError as exc:
            verdict = str(exc).partition("(")[2].rpartition(")")[0] or str(exc)
            raise DatabaseError(f"{refused}: it fails SQLite's integrity check ({verdict}); "
                                "nothing was changed") from None
        engine = open_database(staged, before_migration=lambda: None)
        engine.dispose()
        problems = database_problems(staged, seed)
        if problems:
            raise DatabaseError(f"{refused}: {problems[0]}; nothing was changed")
    except DatabaseError as exc:
        remove_database_file(staged)
        message = str(exc).replace(str(staged), str(backup))
        if not message.startswith(refused):
            message = f"{refused}: {message}; nothing was changed"
        raise DatabaseError(message) from None
    except BaseException:
        remove_database_file(staged)
        raise
    return staged


def swap_in(staged: Path, database: Path) -> None:
    """Put the staged copy (self-contained: no WAL) in the place of `database`, which nobody
    has open; the WAL files of the old one go."""
    database = Path(os.path.realpath(database))
    try:
        conn = sqlite3.connect(sqlite_uri(staged), uri=True)
        try:  # fold its WAL in and leave it as one file, so the rename moves all of it
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.execute("PRAGMA journal_mode=DELETE")
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise DatabaseError(f"cannot finish the restore into {database}: {exc}; nothing was "
                            "changed") from None
    for suffix in ("-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    replace_file(staged, database)


def remove_database_file(path: Path) -> None:
    """A database file and its WAL files, gone (a staged copy that was not used)."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


LEFTOVER_AGE = 3600.0  # s: a copy this old is a killed process's, never one being written


def remove_leftovers(database: Path, folder: Path | None) -> list[Path]:
    """Hidden full copies of the database that a killed backup, restore or import left behind
    (private notes and all): removed when the database is opened, under the writers' lock (so
    no restore is running). `.poadesk-*.db` copies in the database's folder and its backup
    folder go once they are an hour old (a younger one may be another process's, at work)."""
    database = Path(os.path.realpath(database))
    removed = []
    staged = database.with_name(f".{database.name}.restoring")
    if staged.exists():
        remove_database_file(staged)
        removed.append(staged)
    now = datetime.now().timestamp()
    for place in {database.parent, *([folder] if folder is not None else [])}:
        try:
            found = list(place.glob(".poadesk-*.db"))
        except OSError:
            continue
        for path in found:
            try:
                if now - path.stat().st_mtime >= LEFTOVER_AGE:
                    remove_database_file(path)
                    removed.append(path)
            except OSError:
                continue
    return removed
