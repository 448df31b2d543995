"""What the window and the command line use beside the Desk, and before it is open.

The gateway to an open database is `app.service.Desk`. A few things happen around a database
that is not (yet) open through a Desk: the one-writer lock is taken before it opens, the
window paints the plan tree from the file before SQLAlchemy is loaded (the fast first paint,
app.ui.main), backups are listed and restored while the database is closed, the pristine
`plan.db` is built and a file is checked without opening it as a Desk. The window and the
command line reach those through this module only, never through `app.store` itself
(the import-linter contract "window and command line only through the gateway").

Importing this module stays light (the standard library's sqlite3, no SQLAlchemy): the window
imports it before its first paint. What needs SQLAlchemy is imported inside the function.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from app.store.fast_open import read_current_plan_tree
from app.store.lock import DatabaseInUse, DatabaseLock

if TYPE_CHECKING:  # app.store.backups loads SQLAlchemy: for annotations only here
    from app.store.backups import BackupInfo as BackupInfo
    from app.store.backups import Backups as Backups
    from app.values import PlanTree

__all__ = [
    "DatabaseInUse", "DatabaseLock", "backups_of", "build_seed",
    "check_file", "choose_backup", "fast_plan_tree", "rebuild_search_index", "restore_backup",
    "validate_database_file",
]


def fast_plan_tree(path: Path) -> PlanTree | None:
    """The plan tree read with sqlite3 alone, or None when the file is not an up-to-date POA
    Desk database (then the Desk opens it the full way)."""
    return read_current_plan_tree(path)


def backups_of(path: Path | None = None, keep: int | None = None) -> Backups:
    """The backups of a database file (default: the working database); `keep`: how many the
    pruning keeps (default: the standard number)."""
    from app.safety.backups import backups_of as shelf_of

    return shelf_of(path) if keep is None else shelf_of(path, keep)


def choose_backup(shelf: Backups, which: str) -> BackupInfo:
    """'latest', a number from `poadesk backups` (1 = the newest), or a backup file's path."""
    from app.safety.backups import choose_backup as choose

    return choose(shelf, which)


def restore_backup(backup: BackupInfo, shelf: Backups) -> BackupInfo | Path | None:
    """Put a backup in the place of the (closed) database; what was kept of the state before."""
    from app.safety.backups import restore_backup as restore

    return restore(backup, shelf)


def check_file(path: Path, *, quick: bool = False) -> list[str]:
    """What is wrong with a database file, in plain words ([] when healthy)."""
    from app.store.backups import check_file as check

    return check(path, quick=quick)


def rebuild_search_index(path: Path) -> None:
    """Rebuild the full-text index of a database file (what `check --repair` mends)."""
    from app.store.backups import rebuild_search_index as rebuild

    rebuild(path)


def validate_database_file(path: Path) -> list[str]:
    """What makes a database file (an offline copy brought back) unfit to be read as POA
    Desk's: not SQLite, damaged, another version, or forged (app.store.validate); [] if fit."""
    from app.store.backups import check_file
    from app.store.schema_version import has_sqlite_header, scanned_head_revision
    from app.store.validate import database_problems, schema_revision

    if not path.is_file() or path.stat().st_size == 0 or not has_sqlite_header(path):
        return ["it is not a POA Desk database file"]
    problems = check_file(path, quick=True)
    if problems:
        return problems
    revision = schema_revision(path)
    if revision is None or revision != scanned_head_revision():
        return ["it was made by another version of POA Desk (take a new copy)"]
    from app import paths

    return database_problems(path, paths.seed_database())


def build_seed(target: Path | None = None) -> Path:
    """Build the pristine plan.db from resources/ (developers: `poadesk build-seed`)."""
    from app.store.seed import build_seed as build

    return build(target)
