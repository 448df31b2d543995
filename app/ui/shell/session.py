"""The desk session: the one open database of a window (its `Desk` and its one-writer lock).

Every part of the window asks the session for the Desk (`session.desk`) when it needs it and
listens to `desk_changed`: the fast start's Desk attached after the first paint, another
database shown (File > Open Team Database…, Open Database File…), the same file opened again
after a restore. Nothing is pushed into the parts by hand. `leaving` comes first, while the old
Desk is still open (the window saves its tree state, stops its watcher, clears the undo stack).

`open_desk` opens a file the way the window does everywhere: a damaged file gets the offer to
restore its newest good backup first.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from app import paths
from app.errors import DatabaseDamaged, DatabaseError, PoaDeskError
from app.ui.shell import dialogs
from app.ui.shell.core import core_imports
from app.ui.shell.texts import one_line

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from app.access import DatabaseLock
    from app.service import Desk

OPENING_TEXT = "Opening the database…"


def open_desk(db_path: Path | None, parent: QWidget | None = None,
              lock: DatabaseLock | None = None) -> Desk:
    """Desk.open; a damaged file gets the offer to restore its newest good backup first
    (then it is opened again). PoaDeskError if it cannot be opened."""
    with core_imports():  # SQLAlchemy, and alembic if the schema needs an upgrade
        from app.access import backups_of, restore_backup
        from app.service import Desk

        try:
            return Desk.open(db_path)
        except DatabaseError as exc:
            location = db_path or paths.working_database()
            if not isinstance(exc, DatabaseDamaged) or not isinstance(location, Path):
                raise
            shelf = backups_of(location)
            good = shelf.newest_good()
            if good is None or not dialogs.offer_restore(parent, str(exc), good):
                raise
            if lock is not None:
                lock.release()  # the restore takes the lock itself while it works
            try:
                restore_backup(good, shelf)
            finally:
                if lock is not None:
                    lock.acquire()
            return Desk.open(db_path)


class DeskSession(QObject):
    desk_changed = Signal(object)  # the Desk now open (attached, switched, opened again)
    leaving = Signal()  # the Desk shown is about to be closed (a switch, a restore)

    def __init__(self, desk: Desk | None, db_path: Path | None = None,
                 parent: QObject | None = None) -> None:
        """`desk` None: the fast start, the Desk comes through `attach()`."""
        super().__init__(parent)
        self._desk = desk
        self.db_path = desk.path if desk is not None else db_path
        self.lock: DatabaseLock | None = None

    @property
    def desk(self) -> Desk:
        """The open database (PoaDeskError while the fast start is still opening it)."""
        if self._desk is None:
            raise PoaDeskError(OPENING_TEXT)
        return self._desk

    @property
    def current(self) -> Desk | None:
        """The open database, or None (still opening, or closed)."""
        return self._desk

    @property
    def ready(self) -> bool:
        """The Desk is open: search, filters and edits work."""
        return self._desk is not None

    def hold_lock(self, lock: DatabaseLock | None) -> None:
        """The one-writer lock on this database: released when the session closes."""
        self.lock = lock

    def attach(self, desk: Desk) -> None:
        """The fast start's second step: the Desk is open."""
        self._desk = desk
        self.desk_changed.emit(desk)

    def switch(self, desk: Desk, lock: DatabaseLock | None) -> None:
        """Show another database, open already, with its lock taken (None on a server): the
        one shown is closed and its lock let go."""
        self._let_go()
        self.lock, self.db_path = lock, desk.path
        self._desk = desk
        self.desk_changed.emit(desk)

    def reopen(self, work: Callable[[], object]) -> str | None:
        """Close the Desk (and let go of the lock), run `work` on the closed file (a restore),
        then open it again: `work`'s error in one line, or None. PoaDeskError if the file
        cannot be opened again (the session then has no Desk)."""
        self._let_go()
        error: str | None = None
        try:
            work()
        except (PoaDeskError, OSError) as exc:
            error = one_line(exc)
        self._desk = None
        with core_imports():
            from app.service import Desk

            desk = Desk.open(self.db_path, daily_backup=False)
        if self.lock is not None:
            try:
                self.lock.acquire()
            except PoaDeskError:
                desk.close()
                raise
        self._desk = desk
        self.desk_changed.emit(desk)
        return error

    def _let_go(self) -> None:
        self.leaving.emit()
        if self._desk is not None:
            self._desk.close()
        if self.lock is not None:
            self.lock.release()

    def close(self) -> None:
        """The window closes: the Desk closed, the lock let go."""
        if self._desk is not None:
            self._desk.close()
        if self.lock is not None:
            self.lock.release()
