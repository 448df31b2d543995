"""Opening, creating, checking and migrating a POA Desk database.

SQLite specifics (pragmas, FTS5, the backup API) sit behind a dialect check so that the same
models run on PostgreSQL.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from app.errors import DatabaseError, describe_db_error
from app.store import schema_version
from app.store.schema_version import MIGRATIONS_DIR, SQLITE_MAGIC

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

# Tables that are not ORM models (FTS5 and its shadow tables): autogenerate leaves them alone.
UNMANAGED_TABLE_PREFIXES = ("action_fts",)


def include_object(obj: Any, name: str | None, type_: str, reflected: bool,
                   compare_to: Any) -> bool:
    return not (type_ == "table" and name is not None
                and name.startswith(UNMANAGED_TABLE_PREFIXES))


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    """Runs on every new connection, outside any transaction (else the pragmas do nothing)."""
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=3000")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA secure_delete=ON")
    finally:
        cursor.close()


def make_engine(url_or_path: str | Path) -> Engine:
    """An engine with the connection set-up this app relies on."""
    if isinstance(url_or_path, Path) or "://" not in str(url_or_path):
        url = f"sqlite:///{Path(url_or_path)}"
    else:
        url = str(url_or_path)
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_on_connect)
    return engine


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def database_label(engine: Engine, path: Path | None = None) -> str:
    """How messages name a database: its file, else its URL without the password."""
    if path is not None:
        return str(path)
    return engine.url.render_as_string(hide_password=True)


# Only advances: never hands out again an id that a deleted row had (undo may re-create it).
_ADVANCE_SEQUENCE_SQL = (
    "SELECT setval(pg_get_serial_sequence('{table}', 'id'), MAX(id)) FROM {table} "
    "HAVING MAX(id) > COALESCE(pg_sequence_last_value("
    "pg_get_serial_sequence('{table}', 'id')::regclass), 0)"
)


def advance_id_sequences(session: Session, *tables: str) -> None:
    """After inserting rows with explicit ids (undo/redo re-creates rows with their old ids):
    on PostgreSQL move each table's id sequence past its largest id, or the next insert
    without an id would be handed one already taken. SQLite needs nothing (max(id) + 1)."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for table in tables:
        if not table.isidentifier():
            raise ValueError(f"not a table name: {table!r}")
        session.execute(text(_ADVANCE_SEQUENCE_SQL.format(table=table)))


def _alembic_config(engine: Engine) -> Any:
    from alembic.config import Config  # lazy: alembic is not needed to start the window

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["engine"] = engine
    return cfg


def scanned_head_revision() -> str | None:
    """The head revision read from the migration files without alembic (app.store.schema_version);
    None when alembic has to decide."""
    return schema_version.scanned_head_revision(MIGRATIONS_DIR)


def head_revision() -> str:
    """The newest schema revision this version of POA Desk knows."""
    return scanned_head_revision() or alembic_head_revision()


def alembic_head_revision() -> str:
    from alembic.script import ScriptDirectory

    cfg = _alembic_config(make_engine(":memory:"))
    head = ScriptDirectory.from_config(cfg).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest version (a no-op when it is already there)."""
    from alembic import command

    command.upgrade(_alembic_config(engine), "head")


def check_sqlite_file(path: Path) -> None:
    """Refuse a file that is not a SQLite database, with a message naming it."""
    try:
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise DatabaseError(f"cannot read database {path}: {exc.strerror}") from None
    if header and header != SQLITE_MAGIC:
        raise DatabaseError(f"{path} is not a POA Desk database (not an SQLite file)")


def backup_to(source: Path, target: Path) -> None:
    """Copy a database with SQLite's online backup API (safe while it is open elsewhere), and
    check the copy with `PRAGMA integrity_check` before it takes the target's place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".poadesk-", suffix=".db", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        dst = sqlite3.connect(tmp)
        try:
            with dst:
                src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
            verdict = dst.execute("PRAGMA integrity_check").fetchone()[0]
            if verdict != "ok":
                raise DatabaseError(f"the copy of {source} failed its integrity check "
                                    f"({verdict}); {target} was not written")
        finally:
            src.close()
            dst.close()
        os.replace(tmp, target)
    except sqlite3.Error as exc:
        raise DatabaseError(f"cannot copy database {source} to {target}: {exc}") from None
    finally:
        tmp.unlink(missing_ok=True)


def open_database(path: Path, *, seed: Path | None = None,
                  before_migration: Callable[[], object] | None = None) -> Engine:
    """Open (creating from `seed` if missing), check and migrate the database at `path`.

    Before a migration `before_migration()` takes a backup (the gateway's backup shelf);
    without it a checked copy is kept beside the file (`<name>.before-<revision>.bak`)."""
    path = path.expanduser()
    if not path.exists():
        if seed is None or not seed.exists():
            raise DatabaseError(f"database {path} does not exist and no seed database was found")
        try:
            backup_to(seed, path)
        except OSError as exc:
            raise DatabaseError(f"cannot create database {path}: {exc.strerror}") from None
    if path.is_dir():
        raise DatabaseError(f"{path} is a folder, not a database file")
    check_sqlite_file(path)
    engine = make_engine(path)
    try:
        with engine.connect() as conn:
            result = conn.exec_driver_sql("PRAGMA quick_check").scalar()
        if result != "ok":
            raise DatabaseError(f"database {path} is damaged ({result}); 'poadesk restore latest' "
                                "brings back the newest good backup ('poadesk backups' lists "
                                "them)")
        _migrate_with_backup(engine, path, before_migration)
    except DatabaseError:
        engine.dispose()
        raise
    except (DBAPIError, SQLAlchemyError) as exc:
        engine.dispose()
        raise DatabaseError(describe_db_error(path, exc)) from None
    return engine


def _migrate_with_backup(engine: Engine, path: Path,
                         before: Callable[[], object] | None) -> None:
    current = current_revision(engine)
    head = head_revision()
    if current == head:
        return
    if current is None:
        with engine.connect() as conn:
            if inspect(conn).get_table_names():
                raise DatabaseError(f"{path} is an SQLite file but not a POA Desk database")
    else:
        from alembic.script import ScriptDirectory

        script = ScriptDirectory.from_config(_alembic_config(engine))
        if current not in {rev.revision for rev in script.walk_revisions()}:
            raise DatabaseError(
                f"database {path} was made by a newer version of POA Desk; please update"
            )
        if before is not None:
            before()
        else:
            backup_to(path, path.with_name(f"{path.name}.before-{head}.bak"))
    upgrade(engine)



def checkpoint(engine: Engine) -> None:
    """Fold the WAL back into the main file so it is self-contained (on close)."""
    if is_sqlite(engine):
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
