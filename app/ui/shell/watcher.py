"""Changes made underneath the window (the command line, a restore by another program): seen
by polling the database's change token (`Desk.change_token` / `changes_after`, which grow with
the history) and published through the one change signal, so every view refreshes what they
name, as after the window's own edits.

The poll runs every `interval_ms` while the application is active (and at once when it becomes
active again), never while a change is being handled. After the window's own edits the token is
advanced at once: what the window did itself is not published a second time; anything another
program did meanwhile still is.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication

from app.errors import PoaDeskError, ServerUnreachable, first_line
from app.values import Change

if TYPE_CHECKING:
    from app.service import Desk
    from app.ui.shell.commands import ChangeHub

POLL_MS = 2000


def _rest(theirs: Change, mine: Change) -> Change:
    """What `theirs` names beyond what `mine` (already published) named."""
    return Change(action_ids=theirs.action_ids - mine.action_ids,
                  plan_structure=theirs.plan_structure and not mine.plan_structure,
                  focal_points=theirs.focal_points and not mine.focal_points,
                  meetings=theirs.meetings and not mine.meetings)


def is_empty(change: Change) -> bool:
    return not (change.action_ids or change.plan_structure or change.focal_points
                or change.meetings)


class ChangeWatcher(QObject):
    lost = Signal(str)  # the poll cannot reach the database's server (said once)
    back = Signal()  # it can again

    def __init__(self, hub: ChangeHub, desk: Callable[[], Desk | None],
                 interval_ms: int = POLL_MS, parent: QObject | None = None) -> None:
        super().__init__(parent or hub)
        self.hub = hub
        self._desk = desk
        self.token: int | None = None  # None until `start()` (the Desk is attached)
        self._publishing = False
        self.unreachable = False  # the last poll could not reach the server
        self.timer = QTimer(self, interval=interval_ms)
        self.timer.timeout.connect(self._tick)
        hub.changed.connect(self._own_change)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.applicationStateChanged.connect(self._state_changed)

    def start(self) -> None:
        """From now on (the Desk is open, or open again after a restore)."""
        desk = self._desk()
        if desk is None:
            return
        try:
            self.token = desk.change_token()
        except PoaDeskError:
            self.token = None
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        self.token = None
        self.unreachable = False

    def _state_changed(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationActive and self.token is not None:
            QTimer.singleShot(0, self, self.poll)  # back from the terminal: at once

    def _tick(self) -> None:
        from app.ui.shell.jobs import running  # a job in a worker has the Desk: next tick

        if running():
            return
        if QApplication.applicationState() == Qt.ApplicationState.ApplicationActive:
            self.poll()

    def poll(self) -> Change | None:
        """Publish what changed since the token (None when nothing did)."""
        desk = self._desk()
        if desk is None or self.token is None or self._publishing:
            return None
        try:
            self.token, change = desk.changes_after(self.token)
        except (PoaDeskError, OSError) as exc:
            if isinstance(exc, ServerUnreachable) and not self.unreachable:
                self.unreachable = True
                self.lost.emit(first_line(exc))
            return None  # locked for a moment, or closing: the next tick tries again
        except Exception as exc:  # noqa: BLE001 - sqlite3/SQLAlchemy errors: try again later
            if type(exc).__module__.startswith(("sqlalchemy", "sqlite3")):
                return None
            raise
        if self.unreachable:
            self.unreachable = False
            self.back.emit()
        if is_empty(change):
            return None
        self._publishing = True
        try:
            self.hub.publish(change)
        finally:
            self._publishing = False
        return change

    def _own_change(self, change: Change) -> None:
        """The window's own edit (or undo, redo, import): advance the token past it; publish
        only what someone else changed meanwhile (after this change has been handled)."""
        if self._publishing or self.token is None:
            return
        desk = self._desk()
        if desk is None:
            return
        try:
            token, theirs = desk.changes_after(self.token)
        except Exception:  # noqa: BLE001 - the next poll tries again
            return
        self.token = token
        rest = _rest(theirs, change)
        if not is_empty(rest):
            QTimer.singleShot(0, self, lambda: self._publish_later(rest))

    def _publish_later(self, change: Change) -> None:
        self._publishing = True
        try:
            self.hub.publish(change)
        finally:
            self._publishing = False
