"""Opening, creating, checking and migrating a POA Desk database.

SQLite specifics (pragmas, FTS5, the backup API) sit behind a dialect check so that the same
models run on PostgreSQL.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import URL, Engine, create_engine, event, inspect, text
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from app.atomic import replace_file
from app.errors import DatabaseDamaged, DatabaseError, database_error
from app.paths import is_url, on_network_drive
from app.store import schema_version
from app.store.schema_version import MIGRATIONS_DIR, SQLITE_MAGIC
from app.store.uri import sqlite_uri

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

# Tables that are not ORM models (FTS5 and its shadow tables): autogenerate leaves them alone.
UNMANAGED_TABLE_PREFIXES = ("action_fts",)


def include_object(obj: Any, name: str | None, type_: str, reflected: bool,
                   compare_to: Any) -> bool:
    return not (type_ == "table" and name is not None
                and name.startswith(UNMANAGED_TABLE_PREFIXES))


CONNECT_TIMEOUT = 10  # seconds to wait for a database server to answer a new connection


def _sqlite_on_connect(dbapi_connection: Any, _record: Any, *, wal: bool = True) -> None:
    """Runs on every new connection, outside any transaction (else the pragmas do nothing).
    WAL on a local disk; on a network share (no shared memory there) the rollback journal."""
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=3000")
        cursor.execute(f"PRAGMA journal_mode={'WAL' if wal else 'DELETE'}")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA secure_delete=ON")
    finally:
        cursor.close()


def _sqlite_read_only_on_connect(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.execute("PRAGMA foreign_keys=ON")


def make_engine(url_or_path: str | Path, *, read_only: bool = False) -> Engine:
    """An engine with the connection set-up this app relies on. A path (or a string that is
    not a URL) names exactly that file: it never goes through URL parsing, so '?' or '%41'
    in a file name stay as they are. `read_only`: open an SQLite file without writing
    anything beside it (a database in a read-only folder)."""
    if is_url(url_or_path):
        url = str(url_or_path)
        # a server that does not answer is given up after CONNECT_TIMEOUT s, never a hang
        args = {"connect_timeout": CONNECT_TIMEOUT} if url.startswith("postgresql") else {}
        engine = create_engine(url, connect_args=args)
    else:
        path = Path(url_or_path)
        if str(path) == ":memory:":
            return _with_pragmas(create_engine("sqlite://"))
        uri = (sqlite_uri(path, mode="ro", immutable="1") if read_only
               else sqlite_uri(path))

        def connect() -> sqlite3.Connection:
            return sqlite3.connect(uri, uri=True, check_same_thread=False)

        engine = create_engine(URL.create("sqlite", database=str(path)), creator=connect)
        if read_only:
            event.listen(engine, "connect", _sqlite_read_only_on_connect)
            return engine
        return _with_pragmas(engine, wal=not on_network_drive(path))
    return _with_pragmas(engine)


def _with_pragmas(engine: Engine, *, wal: bool = True) -> Engine:
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", partial(_sqlite_on_connect, wal=wal))
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
        src = sqlite3.connect(sqlite_uri(source, mode="ro"), uri=True)
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
        replace_file(tmp, target)
    except sqlite3.Error as exc:
        raise DatabaseError(f"cannot copy database {source} to {target}: {exc}") from None
    finally:
        tmp.unlink(missing_ok=True)


def folder_is_writable(folder: Path) -> bool:
    """A real probe: a file made and removed there (on Windows `os.access` says yes for every
    folder, read-only share or not)."""
    try:
        with tempfile.TemporaryFile(dir=folder, prefix=".poadesk-probe-"):
            return True
    except OSError:
        return False


def open_database(path: Path, *, seed: Path | None = None,
                  before_migration: Callable[[], object] | None = None) -> Engine:
    """Open (creating from `seed` if missing or empty), check and migrate the database at
    `path`: exactly that file, which must be a regular file in an existing folder. In a
    read-only folder it is opened for reading only.

    Before a migration `before_migration()` takes a backup (the gateway's backup shelf);
    without it a checked copy is kept beside the file (`<name>.before-<revision>.bak`)."""
    path = path.expanduser()
    folder = path.parent
    try:
        info: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise DatabaseError(f"cannot open database {path}: {exc.strerror or exc}") from None
    if info is None and not folder.is_dir():
        raise DatabaseError(f"cannot open database {path}: the folder {folder} does not exist "
                            "(create it first, or check the path)")
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise DatabaseError(f"{path} is a folder, not a database file")
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise DatabaseError(f"{path} is not a regular file (a pipe or a device), not a "
                            "database file")
    if info is None or info.st_size == 0:  # new, or an empty file: the pristine plan
        if seed is None or not seed.exists():
            state = "is empty" if info is not None else "does not exist"
            raise DatabaseError(f"database {path} {state} and no seed database was found")
        try:
            backup_to(seed, path)
        except OSError as exc:
            raise DatabaseError(f"cannot create database {path}: {exc.strerror}") from None
    check_sqlite_file(path)
    read_only = not folder_is_writable(folder)
    engine = make_engine(path, read_only=read_only)
    try:
        with engine.connect() as conn:
            rows = [r[0] for r in conn.exec_driver_sql("PRAGMA quick_check")]
        if rows != ["ok"]:
            detail = " ".join(" ".join(str(r) for r in rows).split())
            detail = detail if len(detail) <= 120 else detail[:117] + "..."
            raise DatabaseDamaged(f"database {path} is damaged ({detail}); 'poadesk restore "
                                  "latest' brings back the newest good backup ('poadesk "
                                  "backups' lists them)")
        if read_only:
            if current_revision(engine) != head_revision():
                raise DatabaseError(f"database {path} is in a read-only folder and needs an "
                                    "upgrade; copy it to a folder you can write in")
        else:
            _migrate_with_backup(engine, path, before_migration)
    except DatabaseError:
        engine.dispose()
        raise
    except (DBAPIError, SQLAlchemyError) as exc:
        engine.dispose()
        raise database_error(path, exc) from None
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


def wipe_free_pages(engine: Engine) -> None:
    """After text was deleted for good (a purge of the history): the full-text index rebuilt
    from the current rows (its old segments still hold the words of earlier notes), then
    VACUUM, so no page of the file keeps the deleted text; the WAL folded in and emptied.
    SQLite only (a server's storage is its administrator's)."""
    if not is_sqlite(engine):
        return
    raw = engine.raw_connection()
    try:
        conn = raw.driver_connection
        assert conn is not None
        conn.commit()
        previous = conn.isolation_level
        conn.isolation_level = None  # VACUUM cannot run inside a transaction
        try:
            has_fts = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE name = 'action_fts'").fetchone()
            if has_fts:
                conn.execute("INSERT INTO action_fts(action_fts) VALUES ('rebuild')")
            conn.execute("VACUUM")
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.isolation_level = previous
    finally:
        raw.close()
