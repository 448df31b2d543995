"""Database errors are classified by the drivers' codes (sqlite3's `sqlite_errorname`,
PostgreSQL's SQLSTATE, psycopg's failed connection), never by their text, which PostgreSQL
translates: each kind comes from a real driver error here, and keeps its kind when its text is
in another language."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from app.errors import (
    DatabaseBusy,
    DatabaseDamaged,
    DatabaseError,
    DatabaseReadOnly,
    DatabaseUnopenable,
    DiskFull,
    LoginRefused,
    ServerUnreachable,
    database_error,
    describe_db_error,
    error_kind,
    first_line,
)
from tests.pg_schemas import PG_URL_VAR

CLOSED_PORT = "postgresql+psycopg://poadesk:poadesk@127.0.0.1:1/poadesk_test"


def _raised(action) -> BaseException:  # noqa: ANN001 - a callable that raises
    with pytest.raises(Exception) as info:  # noqa: PT011 - any driver error
        action()
    return info.value


def _table(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE t (x)")
    conn.close()


def busy(tmp_path: Path) -> BaseException:
    path = tmp_path / "busy.db"
    _table(path)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    other = sqlite3.connect(path, timeout=0)
    try:
        return _raised(lambda: other.execute("SELECT * FROM t").fetchall())
    finally:
        other.close()
        holder.execute("ROLLBACK")
        holder.close()


def read_only(tmp_path: Path) -> BaseException:
    path = tmp_path / "ro.db"
    _table(path)
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return _raised(lambda: conn.execute("INSERT INTO t VALUES (1)"))
    finally:
        conn.close()


def not_a_database(tmp_path: Path) -> BaseException:
    path = tmp_path / "notes.db"
    path.write_bytes(b"these are my notes, not a database " * 200)
    conn = sqlite3.connect(path)
    try:
        return _raised(lambda: conn.execute("SELECT * FROM sqlite_master").fetchall())
    finally:
        conn.close()


def full(tmp_path: Path) -> BaseException:
    path = tmp_path / "full.db"
    _table(path)
    conn = sqlite3.connect(path)
    try:
        conn.execute(f"PRAGMA max_page_count = {conn.execute('PRAGMA page_count').fetchone()[0]}")
        return _raised(lambda: conn.execute("INSERT INTO t VALUES (?)", ("x" * 100_000,)))
    finally:
        conn.close()


def cannot_open(tmp_path: Path) -> BaseException:
    return _raised(lambda: sqlite3.connect(tmp_path / "no such folder" / "x.db"))


@pytest.mark.parametrize(("make", "kind", "words"), [
    (busy, DatabaseBusy, "in use by another program"),
    (read_only, DatabaseReadOnly, "read-only"),
    (not_a_database, DatabaseDamaged, "poadesk restore latest"),
    (full, DiskFull, "disk is full"),
    (cannot_open, DatabaseUnopenable, "check that the folder exists"),
])
def test_each_sqlite_error_has_its_kind_and_line(tmp_path, make, kind, words):
    exc = make(tmp_path)
    assert isinstance(exc, sqlite3.Error) and exc.sqlite_errorname
    error = database_error("som.db", exc)
    assert type(error) is kind and isinstance(error, DatabaseError)
    assert words in str(error) and "\n" not in str(error)
    assert describe_db_error("som.db", exc) == str(error)


def test_the_text_is_not_read(tmp_path):
    """A message in another language keeps its kind; an English one without a code is no
    kind at all."""
    exc = busy(tmp_path)
    exc.args = ("la base de données est verrouillée",)
    assert error_kind(exc) is DatabaseBusy
    assert error_kind(sqlite3.OperationalError("database is locked")) is DatabaseError
    assert error_kind(OSError("database or disk is full")) is DatabaseError
    assert "som.db" in describe_db_error("som.db", OSError("database or disk is full"))


def test_a_wrapped_driver_error_is_classified_by_the_driver_error(tmp_path):
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import DBAPIError

    path = tmp_path / "notes.db"
    path.write_bytes(b"not a database " * 500)
    engine = create_engine(f"sqlite:///{path}")
    with pytest.raises(DBAPIError) as info, engine.connect() as conn:
        conn.execute(text("SELECT * FROM sqlite_master"))
    engine.dispose()
    assert type(database_error(path, info.value)) is DatabaseDamaged


def test_a_closed_port_is_the_server_out_of_reach():
    psycopg = pytest.importorskip("psycopg")
    exc = _raised(lambda: psycopg.connect(CLOSED_PORT.replace("+psycopg", ""),
                                          connect_timeout=5))
    assert error_kind(exc) is ServerUnreachable
    exc.args = ("la connexion au serveur a échoué",)  # translated: still the same kind
    assert error_kind(exc) is ServerUnreachable


def test_a_closed_port_through_the_gateway(tmp_path):
    pytest.importorskip("psycopg")
    from app.service import Desk

    with pytest.raises(ServerUnreachable) as info:
        Desk.open(CLOSED_PORT)
    assert "cannot reach the team database" in str(info.value)
    assert "poadesk:poadesk" not in str(info.value)  # no password in the message


@pytest.mark.skipif(not os.environ.get(PG_URL_VAR), reason=f"{PG_URL_VAR} is not set")
def test_a_wrong_password_is_refused_login():
    from sqlalchemy.engine import make_url

    from app.service import Desk

    url = make_url(os.environ[PG_URL_VAR]).set(password="not the password")
    with pytest.raises(LoginRefused) as info:
        Desk.open(url.render_as_string(hide_password=False))
    assert "refused the user name or password" in str(info.value)


def test_first_line():
    assert first_line(ValueError("one\ntwo")) == "one"
    assert first_line(ValueError("  \n")) == "ValueError"
    assert first_line(ValueError()) == "ValueError"
    assert first_line("a\nb") == "a"
