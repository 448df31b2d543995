"""What the window's file actions share: a busy cursor with a status message, the last folder
of each kind of file, saving typed edits first, and showing everything again after an import.

An import (a backup restored, a plan added, a register merged) changes what any part of the
window may show, and the undo stack's commands name values from before it: the window reads
the plan again the way a plan switch does (expanded branches and the selection kept), the
focal-point windows and the meetings panel reload, and the undo stack is cleared (an import
cannot be undone with Edit > Undo; the confirmations say so).
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QEventLoop, QStandardPaths, Qt
from PySide6.QtWidgets import QApplication

from app.errors import PoaDeskError
from app.ui import dialogs

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow

T = TypeVar("T")

NOT_UNDOABLE = ("It cannot be undone with Edit > Undo (the undo history is cleared); "
                "back up first (File > Back Up…) to be able to go back.")


def one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


@contextmanager
def busy(window: MainWindow, message: str) -> Iterator[None]:
    """A wait cursor and `message` in the status bar while a long step runs."""
    window.statusBar().showMessage(message)
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    QApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()
        window.statusBar().clearMessage()


def run_core(window: MainWindow, message: str, title: str, job: Callable[[], T],
             refused: Callable[[PoaDeskError], bool] | None = None) -> T | None:
    """`job()` with a busy cursor; a PoaDeskError is shown as one line (or handed to
    `refused`, which returns True when it has shown it) and gives None."""
    try:
        with busy(window, message):
            return job()
    except PoaDeskError as exc:
        if refused is None or not refused(exc):
            dialogs.show_error(window, title, one_line(exc))
    except Exception as exc:  # noqa: BLE001 - one line for the officer, details on stderr
        traceback.print_exc(file=sys.stderr)
        dialogs.show_error(window, title, f"{title} failed: {one_line(exc)}")
    return None


def documents() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found else Path.home()


def last_folder(window: MainWindow, kind: str) -> Path:
    saved = window.settings.last_folder(kind)
    return Path(saved) if saved and Path(saved).is_dir() else documents()


def remember_folder(window: MainWindow, kind: str, path: Path) -> None:
    window.settings.set_last_folder(kind, str(path.parent))


def save_typed_edits(window: MainWindow, title: str) -> bool:
    """Save a note or agenda item still being typed, so that it is in a backup and an import
    does not later overwrite what it brought; False (after saying why) if refused."""
    if window.detail.flush() & window.meetings.flush():  # both, whatever the first says
        return True
    dialogs.show_error(window, title, "Your last edit could not be saved; correct or undo it "
                                      "first.")
    return False


def reload_after_import(window: MainWindow, plan_id: int | None = None) -> None:
    """Show what is in the database now, everywhere; clear the undo stack."""
    window.undo_stack.clear()  # its commands hold values from before the import
    window.editor.seal()
    focal = window.focal_ui
    window._save_tree_state()  # as a plan switch does: branches and selection kept
    window.load_plan(window.plan_id if plan_id is None else plan_id)
    if focal.register is not None:
        focal.register.reload()
    if focal.coverage is not None:
        focal.coverage.reload()
    panel = window.meetings.panel
    if panel is not None:
        panel.reload()
