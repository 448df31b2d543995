"""`poadesk` with no command: open the main window on the working database (or --db PATH)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from app import __version__, paths
from app.errors import PoaDeskError
from app.ui import dialogs
from app.ui.icons import app_icon
from app.ui.main_window import MainWindow
from app.ui.settings import UiSettings


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
    from app.service import Desk

    try:
        desk = Desk.open(db_path)
    except PoaDeskError as exc:
        dialogs.show_error(None, "POA Desk", f"The database cannot be opened.\n{exc}")
        return None
    try:
        return MainWindow(desk, settings or UiSettings(), save_delay_ms=save_delay_ms)
    except PoaDeskError as exc:
        desk.close()
        dialogs.show_error(None, "POA Desk", str(exc))
        return None


def run_window(db_path: Path | None, *, settings: UiSettings | None = None,
               on_shown: Callable[[MainWindow], None] | None = None) -> int:
    """Run the window until it is closed; 1 if the database cannot be opened.

    `on_shown` is called at the first turn of the event loop after the window is shown (the
    start-up benchmark and tests use it).
    """
    app = application()
    window = open_window(db_path, settings)
    if window is None:
        return 1
    window.show()
    if on_shown is not None:
        QTimer.singleShot(0, lambda: on_shown(window))
    app.exec()
    return 0
