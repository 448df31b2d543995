"""What the window's file actions share: a busy cursor with a status message, choosing a file
in the last folder of its kind, saving typed edits first, and showing everything again after an
import.

Each takes the window's `Host` (app.ui.shell.host), not the window. An import (a backup
restored, a plan added, a register merged) changes what any part of the window may show, and the
undo stack's commands name values from before it: `Host.reload` reads the plan again the way a
plan switch does (expanded branches and the selection kept), tells the focal-point windows and
the meetings panel through the change hub, and clears the undo stack (an import cannot be undone
with Edit > Undo; the confirmations say so).

Slow work never freezes the window (`run_core`): the core function runs in a worker thread
while the caller waits in a local event loop, so callers stay synchronous and the window keeps
painting and its timers keep firing. The rule that keeps the Desk safe (it is used from one
thread at a time): while a job runs, the window takes no input (mouse and keys go only to the
busy dialog, which appears after BUSY_DIALOG_MS with a busy progress bar), closing the window
waits for the job, and the window's own timers that touch the Desk (the change watcher's poll,
save-as-you-type) wait while `running()` is true. A job must not touch a widget; one that must
(the offer to restore a damaged file) passes `thread=False` and runs as before. Cancel is
offered only when `abandon` is given: abandoning is then safe because the job only opens
something (a team database): its result, when it comes, is handed to `abandon` (closed) in the
worker thread. A write is never offered a Cancel (it is all-or-nothing in the core anyway).
"""

from __future__ import annotations

import sys
import threading
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QEvent, QEventLoop, QObject, QStandardPaths, Qt, QTimer, Signal
from PySide6.QtGui import QWindow
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from app.errors import PoaDeskError
from app.ui.shell import dialogs
from app.ui.shell.texts import one_line

if TYPE_CHECKING:
    from app.ui.shell.host import Host

T = TypeVar("T")

NOT_UNDOABLE = ("It cannot be undone with Edit > Undo (the undo history is cleared); "
                "back up first (File > Back Up…) to be able to go back.")
BUSY_DIALOG_MS = 300  # a job shorter than this shows only the wait cursor
_INPUT = frozenset({
    QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseButtonDblClick, QEvent.Type.MouseMove, QEvent.Type.Wheel,
    QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride,
    QEvent.Type.Shortcut, QEvent.Type.ContextMenu, QEvent.Type.TouchBegin,
    QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd, QEvent.Type.TabletPress,
    QEvent.Type.TabletRelease, QEvent.Type.TabletMove, QEvent.Type.NativeGesture,
    QEvent.Type.InputMethod})
_running = 0


def running() -> bool:
    """Whether a job is running in a worker: the window leaves the Desk alone meanwhile."""
    return _running > 0


class _Done(QObject):
    finished = Signal()  # emitted by the worker thread, delivered in the GUI thread


class _InputGate(QObject):
    """Mouse and keys reach only the busy dialog (when it is shown) while a job runs."""

    def __init__(self, dialog: QProgressDialog) -> None:
        super().__init__()
        self.dialog = dialog

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() not in _INPUT:
            return False
        if isinstance(watched, QWidget):
            return not (watched is self.dialog or self.dialog.isAncestorOf(watched))
        if isinstance(watched, QWindow):
            return watched is not self.dialog.windowHandle()
        return False


def _in_worker(host: Host, message: str, job: Callable[[], T],
               abandon: Callable[[T], object] | None) -> tuple[bool, T | None]:
    """Run `job` in a worker thread, the GUI thread waiting in a local event loop (the
    window painting, its input gated); (False, None) if cancelled, else (True, its result).
    Raises what the job raised."""
    global _running
    outcome: dict[str, object] = {}
    lock = threading.Lock()
    done = _Done()
    loop = QEventLoop()
    done.finished.connect(loop.quit, Qt.ConnectionType.QueuedConnection)
    dialog = QProgressDialog(message, "Cancel" if abandon is not None else "", 0, 0,
                             host.widget)
    dialog.setObjectName("busyDialog")
    dialog.setWindowTitle("POA Desk")
    # not modal and shown without taking activation: the window staying active is not
    # repainted (its painting is Python that would wait on the worker for the GIL); the input
    # gate below is what keeps mouse and keys off it
    dialog.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    dialog.setMinimumDuration(10**9)  # shown by the timer below, not by setValue
    dialog.setAutoReset(False)
    dialog.setAutoClose(False)
    if abandon is None:
        dialog.setCancelButton(None)  # Qt takes None: no button
    dialog.hide()
    dialog.canceled.connect(loop.quit)
    later = QTimer(singleShot=True, interval=BUSY_DIALOG_MS)
    later.timeout.connect(dialog.show)

    def work() -> None:
        try:
            result = job()
        except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread
            with lock:
                outcome["error"] = exc
        else:
            with lock:
                outcome["result"] = result
                dropped = outcome.get("cancelled", False)
            if dropped and abandon is not None:
                try:
                    abandon(result)
                except Exception:  # noqa: BLE001 - nobody waits for it any more
                    traceback.print_exc(file=sys.stderr)
        done.finished.emit()

    gate = _InputGate(dialog)
    app = QApplication.instance()
    if app is not None:
        app.installEventFilter(gate)
    _running += 1
    try:
        thread = threading.Thread(target=work, name="poadesk-job", daemon=True)
        thread.start()
        later.start()
        loop.exec()
        with lock:
            finished = "result" in outcome or "error" in outcome
            if not finished:
                outcome["cancelled"] = True
    finally:
        _running -= 1
        later.stop()
        if app is not None:
            app.removeEventFilter(gate)
        dialog.hide()
        dialog.deleteLater()
    if not finished:
        return False, None  # the worker finishes alone; `abandon` gets what it opened
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return True, outcome["result"]  # type: ignore[return-value]


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
             refused: Callable[[PoaDeskError], bool] | None = None, *, thread: bool = True,
             abandon: Callable[[T], object] | None = None) -> T | None:
    """`job()` in a worker thread (see above; `thread=False`: in the GUI thread, for a job that
    shows a dialog) with a busy cursor; a PoaDeskError is shown as one line (or handed to
    `refused`, which returns True when it has shown it) and gives None, as does a Cancel
    (offered only with `abandon`, which gets the result that comes too late)."""
    try:
        with busy(host, message):
            if not thread or QApplication.instance() is None:
                return job()
            pair = _in_worker(host, message, job, abandon)
        finished, result = pair
        if not finished:
            host.status(f"Cancelled: {message.rstrip('…')}", 8000)
        return result
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


# a file dropped on the window (app.ui.files.drops): the answer of the file chooser its import
# asks, instead of the dialog; set and cleared around that one import
DROPPED: list[Path] = []


def choose_file_to_open(host: Host, kind: str, caption: str, file_filter: str) -> Path | None:
    """Choose a file to read, in the folder last used for this `kind` of file (remembered
    for next time); None if cancelled."""
    path = DROPPED.pop() if DROPPED else dialogs.choose_open_file(
        host.widget, caption, last_folder(host, kind), file_filter)
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
