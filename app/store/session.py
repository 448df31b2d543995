"""The one place where sessions are opened, and so where every write passes.

`Store.write()` is one short transaction, committed at once; inside a `Store.transaction()`
(an import, a restore) every write joins the one open transaction, so the gateway's ordinary
methods make up an all-or-nothing operation. Reads inside it see what it has written so far.

Rules every write obeys live here, once:
- `updated_at` is stamped on every action line and focal point a transaction changes, unless
  the caller set it explicitly (a restore puts the old time back);
- every change is recorded in the history, in the same transaction (app.store.history);
- driver errors become one line (`DatabaseError`, or `InputError` for a refused value).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event, inspect
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from app.clock import now
from app.errors import DatabaseError, InputError, database_error, first_line
from app.store import history
from app.store.db import checkpoint, database_label

_EXPLICIT = "poadesk_explicit_stamps"
# unique indexes (app.models) -> what a refused duplicate means (two writers at once)
UNIQUE_MESSAGES = {
    "uq_focal_points_active_email": "duplicate focal point: an active focal point already has "
    "this email (perhaps added by another program just now)",
    "uq_focal_points_active_name": "duplicate focal point: an active focal point of this "
    "country already has this name (perhaps added by another program just now)",
}


def _stamp_updated_at(session: Session, _context: Any, _instances: Any) -> None:
    """before_flush: stamp `updated_at` on changed rows that have one (ActionLine, FocalPoint),
    unless it was set by the caller in this transaction."""
    # the rows themselves (strong references keep them in the session's identity map, so a
    # later `get` in the same transaction returns this very object)
    explicit: set[object] = session.info.setdefault(_EXPLICIT, set())
    for obj in (*session.new, *session.dirty):
        if not hasattr(obj, "updated_at"):
            continue
        state = inspect(obj)
        if any(v is not None for v in state.attrs.updated_at.history.added):
            explicit.add(obj)
            continue
        if obj in explicit:
            continue
        if obj in session.new or session.is_modified(obj):
            obj.updated_at = now()


def _forget_stamps(session: Session, *_args: Any) -> None:
    session.info.pop(_EXPLICIT, None)


class Store:
    """The engine and its sessions for one open database (storage only: no domain rules)."""

    def __init__(self, engine: Engine, path: Path | None = None) -> None:
        self.engine = engine
        self.path = path
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        event.listen(self._sessions, "before_flush", _stamp_updated_at)
        event.listen(self._sessions, "before_flush", history.before_flush)
        event.listen(self._sessions, "after_flush", history.after_flush)
        for end in ("after_commit", "after_rollback"):
            event.listen(self._sessions, end, _forget_stamps)
            event.listen(self._sessions, end, history.forget_pending)
        self._current: Session | None = None
        self.who = history.Who()

    @property
    def label(self) -> str:
        return database_label(self.engine, self.path)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def operation(self, name: str | None) -> Iterator[None]:
        """The edits made inside are recorded in the history as `name` (default "edit")."""
        saved = self.who.operation
        if name:
            self.who.operation = name
        try:
            yield
        finally:
            self.who.operation = saved

    def checkpoint(self) -> None:
        """Fold the WAL into the file (SQLite; nothing elsewhere), if nobody else holds it."""
        with suppress(DBAPIError):  # another process holds it; the WAL is still consistent
            checkpoint(self.engine)

    def close(self) -> None:
        """Checkpoint and let go of every connection: the file is self-contained again."""
        self.checkpoint()
        self.engine.dispose()

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading (the open transaction's, inside one); a driver error (locked,
        damaged...) becomes one line."""
        if self._current is not None:
            yield self._current
            return
        with self._sessions() as session:
            try:
                yield session
            except DBAPIError as exc:
                raise database_error(self.label, exc) from None

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One short transaction: commit on success, roll back and explain on failure. Inside
        `transaction()` it joins the open one (committed when that ends)."""
        if self._current is not None:
            yield self._current  # flushed by the next query (autoflush) or at commit
            return
        with self.transaction() as session:
            yield session

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One transaction that every write inside joins: all of it, or nothing."""
        if self._current is not None:
            yield self._current
            return
        session = self._sessions()
        session.info["poadesk_who"] = self.who
        try:
            with session.begin():
                self._current = session
                try:
                    yield session
                finally:
                    self._current = None
        except (IntegrityError, DataError) as exc:
            # DataError: a value the database refuses, e.g. too long for its column on
            # PostgreSQL (SQLite does not enforce String(N)). First line: PostgreSQL adds DETAIL.
            reason = first_line(exc.orig if exc.orig is not None and str(exc.orig).strip()
                                else exc)
            known = next((m for name, m in UNIQUE_MESSAGES.items() if name in str(reason)), None)
            raise InputError(known or f"the change was refused by the database: {reason}"
                             ) from None
        except StaleDataError:  # another program changed or deleted the row meanwhile
            raise DatabaseError(f"database {self.label} was changed by another program at the "
                                "same time; nothing was saved: try again") from None
        except DBAPIError as exc:
            raise database_error(self.label, exc) from None
        finally:
            session.close()

    def driver_connection(self, session: Session) -> Any:
        """The DB-API connection under a session's transaction (app.store.tree_query's SQL)."""
        return session.connection().connection.driver_connection
