"""What the window's file actions share: a busy cursor with a status message, choosing a file
in the last folder of its kind, saving typed edits first, and showing everything again after an
import.

Each takes the window's `Host` (app.ui.shell.host), not the window. An import (a backup
restored, a plan added, a register merged) changes what any part of the window may show, and the
undo stack's commands name values from before it: `Host.reload` reads the plan again the way a
plan switch does (expanded branches and the selection kept), tells the focal-point windows and
the meetings panel through the change hub, and clears the undo stack (an import cannot be undone
with Edit > Undo; the confirmations say so).
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
from app.ui.shell import dialogs
from app.ui.shell.texts import one_line

if TYPE_CHECKING:
    from app.ui.shell.host import Host

T = TypeVar("T")

NOT_UNDOABLE = ("It cannot be undone with Edit > Undo (the undo history is cleared); "
                "back up first (File > Back Up…) to be able to go back.")


@contextmanager
def busy(host: Host, message: str) -> Iterator[None]:
    """A wait cursor and `message` in the status bar while a long step runs."""
    host.status(message, 0)
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    QApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()
        host.status("", 0)


def run_core(host: Host, message: str, title: str, job: Callable[[], T],
             refused: Callable[[PoaDeskError], bool] | None = None) -> T | None:
    """`job()` with a busy cursor; a PoaDeskError is shown as one line (or handed to
    `refused`, which returns True when it has shown it) and gives None."""
    try:
        with busy(host, message):
            return job()
    except PoaDeskError as exc:
        if refused is None or not refused(exc):
            dialogs.show_error(host.widget, title, one_line(exc))
    except Exception as exc:  # noqa: BLE001 - one line for the officer, details on stderr
        traceback.print_exc(file=sys.stderr)
        dialogs.show_error(host.widget, title, f"{title} failed: {one_line(exc)}")
    return None


def documents() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found else Path.home()


def last_folder(host: Host, kind: str) -> Path:
    saved = host.settings.last_folder(kind)
    return Path(saved) if saved and Path(saved).is_dir() else documents()


def remember_folder(host: Host, kind: str, path: Path) -> None:
    host.settings.set_last_folder(kind, str(path.parent))


def choose_file_to_open(host: Host, kind: str, caption: str, file_filter: str) -> Path | None:
    """Choose a file to read, in the folder last used for this `kind` of file (remembered
    for next time); None if cancelled."""
    path = dialogs.choose_open_file(host.widget, caption, last_folder(host, kind), file_filter)
    if path is not None:
        remember_folder(host, kind, path)
    return path


def choose_file_to_save(host: Host, kind: str, caption: str, name: str, file_filter: str,
                        suffix: str, suffixes: tuple[str, ...] = ()) -> Path | None:
    """Choose where to write a file, offered as `name` in the folder last used for this
    `kind` (remembered for next time); `suffix` is added to a name typed without one (or,
    with `suffixes`, without one of those). None if cancelled."""
    target = dialogs.choose_save_file(host.widget, caption, last_folder(host, kind) / name,
                                      file_filter)
    if target is None:
        return None
    if (target.suffix.lower() not in suffixes) if suffixes else not target.suffix:
        target = target.with_name(target.name + suffix)
    remember_folder(host, kind, target)
    return target


def save_typed_edits(host: Host, title: str) -> bool:
    """Save a note or agenda item still being typed, so that it is in a backup and an import
    does not later overwrite what it brought; False (after saying why) if refused."""
    if host.flush():
        return True
    dialogs.show_error(host.widget, title, "Your last edit could not be saved; correct or undo it "
                                      "first.")
    return False
