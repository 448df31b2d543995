"""`poadesk` with no command: open the main window on the working database (or --db PATH).

Paint first: when the database is an up-to-date POA Desk file (app.store.fast_open), the window
shows the plan tree read with the standard library's sqlite3 alone; right after its first paint the
full Desk (SQLAlchemy, quick_check, migrations) is opened and attached, and search, filters and
edits come on. Anything unusual (no file yet, an older schema, not a database) takes the full
way first, as before: Desk, then window.
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from app import __version__, paths
from app.errors import PoaDeskError, describe_db_error
from app.ui import core_imports
from app.ui.plan.plan_tree_view import PlanTreeView
from app.ui.shell import dialogs
from app.ui.shell.commands import ChangeHub
from app.ui.shell.icons import app_icon
from app.ui.shell.main_window import MainWindow
from app.ui.shell.settings import UiSettings


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


def open_window(db_path: Path | None, settings: UiSettings | None = None,
                save_delay_ms: int = 600) -> MainWindow | None:
    """Open the database and build the window; None (after saying why) if it cannot be."""
    try:
        with core_imports():  # SQLAlchemy, and alembic if the schema needs an upgrade
            from app.service import Desk

            desk = Desk.open(db_path)
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
    from app.store.fast_open import read_current_plan_tree

    path = db_path or paths.default_database()
    tree = read_current_plan_tree(path)
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
        with core_imports():
            from app.service import Desk

            desk = Desk.open(db_path)
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
        text = str(exc).strip().splitlines()
        return text[0] if text else type(exc).__name__
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
                message = f"Something went wrong: {exc_type.__name__}: {exc}".splitlines()[0]
            if not window.closed:
                window.show_error(message)
        except Exception:  # noqa: BLE001 - the hook itself must never fail
            previous(exc_type, exc, tb)

    sys.excepthook = hook


class _AfterFirstPaint(QObject):
    """Runs `callback` once, at the first turn of the event loop after the plan tree's first
    paint (a zero timer after show() fires before it), or after `timeout_ms` if no paint
    comes."""

    def __init__(self, tree: PlanTreeView, callback: Callable[[], None],
                 timeout_ms: int = 500) -> None:
        super().__init__(tree)
        self._callback: Callable[[], None] | None = callback
        tree.first_painted.connect(self._painted)
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
    window = open_window_fast(db_path, settings)
    fast = window is not None
    if window is None:
        window = open_window(db_path, settings)
        if window is None:
            return 1
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

    _AfterFirstPaint(window.tree, first_paint)
    window.show()
    app.exec()
    return 1 if failed else 0
