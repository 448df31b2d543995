"""The plan tree of an up-to-date database read with the standard library alone.

The window's fast start: the tree is on screen before SQLAlchemy is even imported; the full
`Desk.open()` (quick_check, migrations, the engine) follows right after the first paint. Nothing
here writes (only SELECTs are run), and anything unusual means "open it the full way".
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from app.errors import PoaDeskError
from app.store.schema_version import has_sqlite_header, scanned_head_revision
from app.store.tree_query import read_plan_tree
from app.store.uri import sqlite_uri
from app.values import PlanTree


def read_current_plan_tree(path: Path) -> PlanTree | None:
    """The first plan's tree if `path` is an SQLite file at this version's schema revision.

    None when anything is off (missing, not SQLite, an older or newer schema, damaged, no plan):
    then the caller opens it with `Desk.open()`, which creates, migrates or explains.
    """
    try:
        path = path.expanduser()
        if not path.is_file() or not has_sqlite_header(path):
            return None
    except (OSError, RuntimeError):  # unreadable folder, no home directory for "~"
        return None
    head = scanned_head_revision()
    if head is None:
        return None
    try:
        # mode=rw: never creates the file; as the last connection to close it also removes
        # the WAL files it found (a read-only one would leave them behind)
        conn = sqlite3.connect(sqlite_uri(path.resolve(), mode="rw"), uri=True)
    except (sqlite3.Error, OSError, ValueError):
        return None
    try:
        if conn.execute("SELECT version_num FROM alembic_version").fetchall() != [(head,)]:
            return None
        return read_plan_tree(conn)
    except (sqlite3.Error, PoaDeskError):
        return None
    finally:
        conn.close()
