"""Opening databases: first run, pragmas, migrations, and every kind of bad file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from app import paths
from app.errors import DatabaseError
from app.service import Desk
from app.store.db import current_revision, head_revision, open_database
from tests.conftest import engine_of

# Database files, pragmas, locks, the backup API (PostgreSQL: test_postgresql_specific.py).
pytestmark = pytest.mark.sqlite_only


def test_first_run_creates_the_working_db_from_the_seed(seed_db, monkeypatch, tmp_path):
    monkeypatch.setattr(paths, "seed_database", lambda: seed_db)
    target = paths.default_database()
    assert str(target).startswith(str(tmp_path.parent)) or "home" in str(target)
    assert not target.exists()
    desk = Desk.open()
    try:
        assert desk.path == target and target.exists()
        assert desk.plan_tree().plan.action_count == 165
    finally:
        desk.close()


def test_env_var_chooses_the_database(monkeypatch, tmp_path):
    monkeypatch.setenv("POADESK_DB", str(tmp_path / "elsewhere.db"))
    assert paths.default_database() == tmp_path / "elsewhere.db"


def test_connection_pragmas(desk):
    with engine_of(desk).connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL


def test_seed_is_never_written(seed_db, tmp_path):
    before = seed_db.read_bytes()
    desk = Desk(open_database(tmp_path / "user.db", seed=seed_db), tmp_path / "user.db")
    desk.set_status(desk.resolve_ref("1.1(a)"), "Achieved")
    desk.close()
    assert seed_db.read_bytes() == before


def test_schema_is_at_head(desk):
    assert current_revision(engine_of(desk)) == head_revision()


def test_not_a_database(tmp_path):
    bad = tmp_path / "notes.db"
    bad.write_text("these are my notes, not a database")
    with pytest.raises(DatabaseError, match="not a POA Desk database"):
        open_database(bad)
    assert bad.read_text() == "these are my notes, not a database"


def test_foreign_sqlite_database(tmp_path):
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE things (x)")
    with pytest.raises(DatabaseError, match="not a POA Desk database"):
        open_database(other)


def test_damaged_database(db_path):
    data = bytearray(db_path.read_bytes())
    for offset in range(4096 * 3, len(data) - 4096, 4096):  # wreck pages, keep the header
        data[offset:offset + 64] = b"\xde\xad" * 32
    db_path.write_bytes(bytes(data))
    with pytest.raises(DatabaseError, match="damaged"):
        open_database(db_path)


def test_newer_database(db_path):
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    with pytest.raises(DatabaseError, match="newer version of POA Desk"):
        open_database(db_path)


def test_locked_database_gives_a_clear_message(desk, db_path):
    blocker = sqlite3.connect(db_path, timeout=0.1)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        aid = desk.resolve_ref("1.1(a)") if False else 1
        with pytest.raises(DatabaseError, match="in use by another program"):
            desk.set_status(aid, "Achieved")
    finally:
        blocker.rollback()
        blocker.close()
    assert desk.action(1).status == "not_assessed"


def test_missing_folder_for_the_database(tmp_path, seed_db):
    """A folder the user named is never made (a typo would scatter databases): one line."""
    with pytest.raises(DatabaseError, match="the folder .*deeper does not exist"):
        open_database(tmp_path / "new" / "deeper" / "x.db", seed=seed_db)
    assert not (tmp_path / "new").exists()


def test_missing_database_without_seed(tmp_path):
    with pytest.raises(DatabaseError, match="does not exist"):
        open_database(tmp_path / "nope.db", seed=Path("/nonexistent/plan.db"))


def test_head_revision_is_read_without_alembic():
    """The start-up path compares revisions without importing alembic (a tenth of a second);
    what it reads from the migration files must be what alembic says."""
    from app.store.db import alembic_head_revision, scanned_head_revision

    assert scanned_head_revision() == alembic_head_revision()


def test_opening_an_up_to_date_database_does_not_import_alembic(db_path):
    import subprocess
    import sys

    code = (
        "import sys, pathlib\n"
        "from app.service import Desk\n"
        f"d = Desk.open(pathlib.Path({str(db_path)!r})); d.plan_tree(); d.close()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'alembic'))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_scanned_head_falls_back_to_alembic_on_a_merge(tmp_path, monkeypatch):
    from app.store import db

    versions = tmp_path / "versions"
    versions.mkdir()
    (versions / "a.py").write_text("revision = 'a'\ndown_revision = None\n")
    (versions / "b.py").write_text("revision = 'b'\ndown_revision = 'a'\n")
    monkeypatch.setattr(db, "MIGRATIONS_DIR", tmp_path)
    assert db.scanned_head_revision() == "b"
    (versions / "c.py").write_text("revision = 'c'\ndown_revision = ('a', 'b')\n")
    assert db.scanned_head_revision() is None  # a merge: alembic decides


def test_backup_copy_is_checked_before_it_replaces_the_target(db_path, tmp_path):
    """The backup API copies pages as they are: a damaged source gives a damaged copy, which
    `integrity_check` catches before it takes the target's place."""
    from app.store.db import backup_to

    data = bytearray(db_path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    with sqlite3.connect(db_path) as conn:  # the action lines' pages: cell contents, not schema
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'action_lines'"
                            ).fetchone()[0]
        last = conn.execute("PRAGMA page_count").fetchone()[0]
    for number in range(root + 1, min(root + 40, last)):
        end = number * page
        data[end - 40:end] = b"\xde\xad" * 20
    db_path.write_bytes(bytes(data))
    target = tmp_path / "copy.db"
    target.write_bytes(b"the previous copy")
    # refused by the copy's integrity check, or earlier, when SQLite reads the damaged pages
    with pytest.raises(DatabaseError, match="failed its integrity check|cannot copy database"):
        backup_to(db_path, target)
    assert target.read_bytes() == b"the previous copy"
    assert not list(tmp_path.glob(".poadesk-*"))


def test_a_read_that_fails_in_the_driver_is_one_line(desk, db_path):
    """Reads, like writes, turn driver errors into one clear line (the CLI prints it as is)."""
    import sqlite3 as sqlite

    with sqlite.connect(db_path) as conn:  # a table the gateway reads disappears underneath
        conn.execute("ALTER TABLE countries RENAME TO countries_gone")
    with pytest.raises(DatabaseError, match="database error in .*no such table: countries"):
        desk.countries()
