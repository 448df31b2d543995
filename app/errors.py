"""Errors the user can act on. Each carries one clear line; the CLI and the window show it as is."""

from __future__ import annotations

import sys
from pathlib import Path


class PoaDeskError(Exception):
    """Base class: str(error) is a complete, one-line message for the user."""


class DatabaseError(PoaDeskError):
    """The database cannot be opened or written (missing, locked, damaged, too new)."""


class InputError(PoaDeskError):
    """A file or value given by the user cannot be used; nothing was changed."""


class NotFoundError(PoaDeskError):
    """A reference, id or name does not exist."""


class BadReference(NotFoundError, InputError):
    """A reference that is malformed or names nothing in the plan: the one error of the one
    resolver (app.store.plan_index), whichever caller typed it."""


class ImportRefused(InputError):
    """The file has problems; nothing was changed. `problems` names each one (row + what)."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.problems = tuple(problems)
        if len(problems) == 1:  # one line, as every other error
            super().__init__(f"{problems[0]}; nothing was imported")
            return
        super().__init__(f"{source}: nothing was imported, {len(problems)} problems:\n  "
                         + "\n  ".join(problems))


class ServerUnreachable(DatabaseError):
    """The database's server cannot be reached: the network, the server down or restarting."""


class LoginRefused(DatabaseError):
    """The server refused the user name or password."""


class DatabaseBusy(DatabaseError):
    """Another program holds the database (locked, busy) for longer than we wait."""


class DatabaseReadOnly(DatabaseError):
    """The database (its file, its folder, or the server's transaction) cannot be written."""


class DiskFull(DatabaseError):
    """The disk is full or failing: nothing was written."""


class DatabaseDamaged(DatabaseError):
    """The file is not a database, or its pages are damaged: a backup brings it back."""


class DatabaseUnopenable(DatabaseError):
    """The file cannot be opened at all (a missing folder, no permission)."""


# sqlite3.Error.sqlite_errorname (extended codes too: SQLITE_IOERR_WRITE, SQLITE_BUSY_SNAPSHOT)
_SQLITE_KINDS: tuple[tuple[str, type[DatabaseError]], ...] = (
    ("SQLITE_BUSY", DatabaseBusy), ("SQLITE_LOCKED", DatabaseBusy),
    ("SQLITE_READONLY", DatabaseReadOnly), ("SQLITE_FULL", DiskFull),
    ("SQLITE_IOERR", DiskFull), ("SQLITE_TOOBIG", DiskFull),
    ("SQLITE_CORRUPT", DatabaseDamaged), ("SQLITE_NOTADB", DatabaseDamaged),
    ("SQLITE_CANTOPEN", DatabaseUnopenable),
)
# PostgreSQL's SQLSTATE (psycopg's `sqlstate`): a whole class by its first two characters
_SQLSTATE_KINDS: dict[str, type[DatabaseError]] = {
    "08": ServerUnreachable,  # connection exception
    "57P01": ServerUnreachable, "57P02": ServerUnreachable,  # admin / crash shutdown
    "57P03": ServerUnreachable,  # cannot connect now (starting up)
    "28000": LoginRefused, "28P01": LoginRefused,  # invalid authorization, password
    "55P03": DatabaseBusy, "40P01": DatabaseBusy,  # lock not available, deadlock
    "25006": DatabaseReadOnly,  # read-only SQL transaction (a standby)
    "53": DiskFull,  # insufficient resources (53100: disk full)
    "XX001": DatabaseDamaged, "XX002": DatabaseDamaged,  # data, index corrupted
}


def first_line(exc: BaseException | str) -> str:
    """The first line of an error's text (drivers add DETAIL and HINT lines), else the name
    of its type."""
    text = str(exc).strip()
    if text:
        return text.splitlines()[0].strip()
    return type(exc).__name__ if isinstance(exc, BaseException) else ""


def error_kind(exc: BaseException) -> type[DatabaseError]:
    """Which DatabaseError a driver error is, from its code, never its (translated) text:
    `sqlite_errorname` for SQLite, SQLSTATE for PostgreSQL. A psycopg OperationalError without
    SQLSTATE is a connection that failed or was lost: refused at the login when the server had
    asked for a password (`needs_password`, `used_password` on a connection that never got a
    backend), else the server is out of reach. Anything else: DatabaseError itself."""
    orig = getattr(exc, "orig", None) or exc  # SQLAlchemy wraps the driver's error
    name = getattr(orig, "sqlite_errorname", None)
    if isinstance(name, str):
        return next((kind for prefix, kind in _SQLITE_KINDS if name.startswith(prefix)),
                    DatabaseError)
    state = getattr(orig, "sqlstate", None)
    if isinstance(state, str):
        return _SQLSTATE_KINDS.get(state) or _SQLSTATE_KINDS.get(state[:2]) or DatabaseError
    psycopg = sys.modules.get("psycopg")
    if psycopg is not None and isinstance(orig, psycopg.OperationalError):
        conn = getattr(orig, "pgconn", None)
        if (conn is not None and not conn.backend_pid
                and (conn.needs_password or conn.used_password)):
            return LoginRefused
        return ServerUnreachable
    return DatabaseError


def database_error(path: Path | str, exc: BaseException) -> DatabaseError:
    """The typed error, with its one line for the user, for a driver error on `path` (a file,
    or a server database's URL without its password)."""
    kind = error_kind(exc)
    msg = first_line(getattr(exc, "orig", None) or exc)
    if kind is LoginRefused:
        text = (f"the team database {path} refused the user name or password (a saved "
                f"password belongs in {password_file_words()})")
    elif kind is ServerUnreachable:
        text = (f"cannot reach the team database {path}: check the network or ask who runs the "
                "server; nothing was changed")
    elif kind is DatabaseBusy:
        text = f"database {path} is in use by another program; close it and try again"
    elif kind is DatabaseReadOnly:
        text = f"database {path} is read-only; POA Desk cannot save changes there"
    elif kind is DiskFull:
        text = (f"cannot write database {path}: the disk is full or failing ({msg}); "
                "free some space and try again: nothing was lost")
    elif kind is DatabaseDamaged:
        text = (f"database {path} is damaged ({msg}); 'poadesk restore latest' brings back the "
                "newest good backup ('poadesk backups' lists them)")
    elif kind is DatabaseUnopenable:
        text = f"cannot open database {path}: check that the folder exists and is writable"
    else:
        text = f"database error in {path}: {msg}"
    return kind(text)


def describe_db_error(path: Path | str, exc: BaseException) -> str:
    """One line for the user from a driver error (the text of `database_error`)."""
    return str(database_error(path, exc))


class StaleEdit(InputError):
    """An edit made on a value that was changed elsewhere meanwhile (another window, the
    command line, a colleague): refused, with both values, so nothing is overwritten."""

    def __init__(self, what: str, current: str, mine: str) -> None:
        self.current, self.mine = current, mine
        super().__init__(f"{what} was changed elsewhere while you edited it; nothing was saved. "
                         f"It now reads: {_quote(current)}; yours: {_quote(mine)}")


def _quote(text: str) -> str:
    one = " ".join(text.split())
    return f"“{one if len(one) <= 80 else one[:77] + '...'}”" if one else "(empty)"


def password_file_words() -> str:
    """Where PostgreSQL's client library looks for saved passwords, as this system has it:
    %APPDATA%\\postgresql\\pgpass.conf on Windows, ~/.pgpass elsewhere (or the file PGPASSFILE
    names, on every system)."""
    where = ("%APPDATA%\\postgresql\\pgpass.conf" if sys.platform == "win32" else "~/.pgpass")
    return f"{where} (or the file PGPASSFILE names)"
