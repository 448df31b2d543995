"""What a current POA Desk database file looks like, read with the standard library only.

Kept apart from app.store.db so that the window's fast start can check a file (the SQLite header and
the schema revision) before SQLAlchemy or alembic is imported.
"""

from __future__ import annotations

import re
from pathlib import Path

SQLITE_MAGIC = b"SQLite format 3\x00"
MIGRATIONS_DIR = Path(__file__).resolve().parents[1] / "migrations"

_REVISION_RE = re.compile(r"^revision\s*(?::[^=\n]*)?=\s*['\"]([^'\"]+)['\"]", re.M)
_DOWN_REVISION_RE = re.compile(
    r"^down_revision\s*(?::[^=\n]*)?=\s*(?:None|['\"]([^'\"]+)['\"])\s*$", re.M)


def scanned_head_revision(migrations_dir: Path = MIGRATIONS_DIR) -> str | None:
    """The head revision read from the migration files, without importing alembic (which costs
    a tenth of a second at start-up). None when the history is not a plain chain this reader
    understands (a merge, an unusual file): then alembic decides."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for script in sorted((migrations_dir / "versions").glob("*.py")):
        source = script.read_text(encoding="utf-8")
        revision, down = _REVISION_RE.search(source), _DOWN_REVISION_RE.search(source)
        if revision is None or down is None:
            return None
        revisions.add(revision.group(1))
        if down.group(1) is not None:
            parents.add(down.group(1))
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 and parents <= revisions else None


def has_sqlite_header(path: Path) -> bool:
    """True if `path` is a file that starts as an SQLite database does (False if unreadable)."""
    try:
        with path.open("rb") as fh:
            return fh.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except OSError:
        return False
