"""`poadesk` with no command: open the main window on the working database (or --db PATH).

Paint first: when the database is an up-to-date POA Desk file (app.store.fast_open), the window
shows the plan tree read with the standard library's sqlite3 alone; right after its first paint the
full Desk (SQLAlchemy, quick_check, migrations) is opened and attached, and search, filters and
edits come on. Anything unusual (no file yet, an older schema, not a database) takes the full
way first, as before: Desk, then window.
"""

from __future__ import annotations

import signal
import socket
import sqlite3
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSocketNotifier, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from app import __version__, paths
from app.access import DatabaseInUse, DatabaseLock
from app.errors import DatabaseError, PoaDeskError, describe_db_error, first_line
from app.ui.shell import dialogs
from app.ui.shell.commands import ChangeHub
from app.ui.shell.icons import app_icon
from app.ui.shell.session import open_desk
from app.ui.shell.settings import UiSettings
from app.ui.shell.texts import one_line
from app.ui.window import MainWindow

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance

__all__ = ["open_desk", "open_window", "open_window_fast", "run_window"]


def application() -> QApplication:
    """The QApplication (made once per process), high-DPI safe."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication(sys.argv[:1])
    app.setApplicationName(paths.APP_NAME)
    app.setOrganizationName(paths.APP_AUTHOR)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("poadesk")
    app.setWindowIcon(app_icon())
    return app


def take_lock(db_path: Path | None) -> tuple[bool, DatabaseLock | None]:
    """The one-writer lock on the window's database file (a server database has none, None):
    (False, None), after saying who has it, when another window holds it already."""
    location = db_path or paths.working_database(create_folder=True)
    if not isinstance(location, Path):
        return True, None
    if not location.parent.is_dir():
        return True, None  # nothing to guard: opening it says the folder does not exist
    lock = DatabaseLock(location)
    try:
        lock.acquire()
    except DatabaseInUse as exc:
        dialogs.show_error(None, "POA Desk", str(exc))
        return False, None
    return True, lock


def open_window(db_path: Path | None, settings: UiSettings | None = None,
                save_delay_ms: int = 600, lock: DatabaseLock | None = None) -> MainWindow | None:
    """Open the database and build the window; None (after saying why) if it cannot be."""
    try:
        desk = open_desk(db_path, None, lock)
    except PoaDeskError as exc:
        dialogs.show_error(None, "POA Desk", f"The database cannot be opened.\n{exc}")
        return None
    try:
        return MainWindow(desk, settings or UiSettings(), save_delay_ms=save_delay_ms,
                          hub=ChangeHub())
    except PoaDeskError as exc:
        desk.close()
        dialogs.show_error(None, "POA Desk", str(exc))
        return None


def open_window_fast(db_path: Path | None, settings: UiSettings | None = None,
                     save_delay_ms: int = 600) -> MainWindow | None:
    """The window over the plan tree read without the Desk (to be given `attach_desk()`);
    None when the database is not an up-to-date one: then `open_window` takes the full way."""
    from app.access import fast_plan_tree

    path = db_path or paths.default_database()
    tree = fast_plan_tree(path)
    if tree is None:
        return None
    try:
        return MainWindow(None, settings or UiSettings(), save_delay_ms=save_delay_ms,
                          tree=tree, db_path=path, hub=ChangeHub())
    except PoaDeskError:
        return None  # the full way will say what is wrong


def open_and_attach_desk(window: MainWindow, db_path: Path | None) -> bool:
    """Open the Desk for a fast-started window and hand it over; False (after saying why and
    closing the window) if the database cannot be opened after all (damaged, locked...)."""
    if window.closed:
        return True
    try:
        desk = open_desk(db_path, window, window.lock)
    except PoaDeskError as exc:
        dialogs.show_error(window, "POA Desk", f"The database cannot be opened.\n{exc}")
        window.close()
        return False
    try:
        window.attach_desk(desk)
    except PoaDeskError as exc:
        dialogs.show_error(window, "POA Desk", str(exc))
        window.close()  # closes the Desk too
        return False
    return True


def _one_line(window: MainWindow, exc: BaseException) -> str | None:
    """The user's line for an error the window expects (the core's, the database's); None for
    anything else (a bug)."""
    if isinstance(exc, PoaDeskError):
        return one_line(exc)
    if isinstance(exc, sqlite3.Error) or type(exc).__module__.startswith("sqlalchemy."):
        return describe_db_error(window.db_path or "the database", exc)
    return None


def install_error_hook(window: MainWindow) -> None:
    """An exception escaping a slot (Qt then hands it to `sys.excepthook`) becomes one line
    in the window's status bar, with no traceback when it is an error the user can act on
    (database locked, damaged...); a bug keeps its traceback on stderr as well."""
    previous = sys.excepthook

    def hook(exc_type: type[BaseException], exc: BaseException,
             tb: TracebackType | None) -> None:
        try:
            message = _one_line(window, exc) if isinstance(exc, Exception) else None
            if message is None:
                previous(exc_type, exc, tb)
                if not isinstance(exc, Exception):
                    return
                message = first_line(f"Something went wrong: {exc_type.__name__}: {exc}")
            if not window.closed:
                window.show_error(message)
        except Exception:  # noqa: BLE001 - the hook itself must never fail
            previous(exc_type, exc, tb)

    sys.excepthook = hook


class _AfterFirstPaint(QObject):
    """Runs `callback` once, at the first turn of the event loop after the plan tree's first
    paint (`painted`: a zero timer after show() fires before it), or after `timeout_ms` if no
    paint comes."""

    def __init__(self, owner: QObject, painted: SignalInstance, callback: Callable[[], None],
                 timeout_ms: int = 500) -> None:
        super().__init__(owner)
        self._callback: Callable[[], None] | None = callback
        painted.connect(self._painted)
        QTimer.singleShot(timeout_ms, self, self._run)

    def _painted(self) -> None:
        if self._callback is not None:
            QTimer.singleShot(0, self, self._run)  # after this paint is drawn

    def _run(self) -> None:
        callback, self._callback = self._callback, None
        if callback is not None:
            callback()


def run_window(db_path: Path | None, *, settings: UiSettings | None = None,
               on_shown: Callable[[MainWindow], None] | None = None,
               on_ready: Callable[[MainWindow], None] | None = None) -> int:
    """Run the window until it is closed; 1 if the database cannot be opened.

    `on_shown` is called at the first turn of the event loop after the window's first paint
    (the plan tree on screen); `on_ready` once the Desk is attached and editing works (right
    after `on_shown` when the window was opened the full way). The start-up benchmark and the
    tests use them.
    """
    app = application()
    free, lock = take_lock(db_path)
    if not free:
        return 1  # another window has this database: said so
    window = open_window_fast(db_path, settings)
    fast = window is not None
    if window is None:
        window = open_window(db_path, settings, lock=lock)
        if window is None:
            if lock is not None:
                lock.release()
            return 1
    if lock is not None:
        if not lock.held:
            with suppress(DatabaseError):  # a first run: the folder is there now
                lock.acquire()
        window.hold_lock(lock)
    install_error_hook(window)
    failed = False

    def ready() -> None:
        if on_ready is not None and not window.closed:
            on_ready(window)

    def first_paint() -> None:
        nonlocal failed
        if on_shown is not None:
            on_shown(window)
        if fast and not open_and_attach_desk(window, window.db_path):
            failed = True
            return
        QTimer.singleShot(0, ready)  # the turn after the Desk is attached

    _AfterFirstPaint(window.tree, window.tree.first_painted, first_paint)
    with quit_on_sigterm(window):
        window.show()
        app.exec()
    if lock is not None:
        lock.release()
    return 1 if failed else 0


@contextmanager
def quit_on_sigterm(window: MainWindow) -> Iterator[None]:
    """SIGTERM (log-out, shutdown) saves what is being typed and closes the window, as closing
    it does. Python runs a signal handler only between bytecodes, never while Qt waits for
    events: the signal's number is written to a socket (signal.set_wakeup_fd) that Qt watches,
    which wakes the event loop, and the window is closed from there."""
    if not hasattr(signal, "SIGTERM"):  # pragma: no cover
        yield
        return
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    try:
        previous_fd = signal.set_wakeup_fd(writer.fileno())
    except ValueError:  # not the main thread: no signals here
        reader.close()
        writer.close()
        yield
        return
    previous = signal.signal(signal.SIGTERM, lambda _n, _f: None)  # woken through the fd
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read)

    def woken() -> None:
        try:
            data = reader.recv(64)
        except OSError:
            return
        if signal.SIGTERM in data:
            window.terminate()
            QApplication.quit()

    notifier.activated.connect(woken)
    try:
        yield
    finally:
        notifier.setEnabled(False)
        signal.signal(signal.SIGTERM, previous)
        signal.set_wakeup_fd(previous_fd)
        reader.close()
        writer.close()
