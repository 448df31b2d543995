"""A file dropped on the window goes to the import that reads it, at its review dialog: a JSON
backup to Restore or Merge, a workbook to Import Matrix, Import Register or Import Activities,
told apart by the core (app.interchange.workbook_kind.detect_workbook_kind)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QDragEnterEvent, QDropEvent

from app.errors import PoaDeskError
from app.ui.shell import jobs
from app.ui.shell.actions import Act
from app.ui.shell.core import core_imports

if TYPE_CHECKING:
    from app.ui.shell.actions import ActionRegistry
    from app.ui.shell.host import Host

SUFFIXES = (".json", ".xlsx")
ACTS = {"backup": Act.RESTORE, "matrix": Act.IMPORT_MATRIX, "register": Act.IMPORT_REGISTER,
        "activities": Act.IMPORT_ACTIVITIES}


def dropped_file(event: QDragEnterEvent | QDropEvent) -> Path | None:
    """The one local .json or .xlsx file being dragged, if that is what it is."""
    urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
    if len(urls) != 1 or not urls[0].isLocalFile():
        return None
    path = Path(urls[0].toLocalFile())
    return path if path.suffix.lower() in SUFFIXES else None


class FileDrops(QObject):
    """Installed on the main window (which then accepts drops)."""

    def __init__(self, host: Host, actions: ActionRegistry) -> None:
        super().__init__(host.widget)
        self.host, self.actions = host, actions
        host.widget.setAcceptDrops(True)
        host.widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QDragEnterEvent | QDropEvent) and event.type() in (
                QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop):
            path = dropped_file(event)
            if path is None or not self.host.ready():
                return False
            event.acceptProposedAction()
            if event.type() == QEvent.Type.Drop:  # after the drop returns: the review is modal
                QTimer.singleShot(0, self, lambda: self.open(path))
            return True
        return super().eventFilter(watched, event)

    def kind(self, path: Path) -> str:
        if path.suffix.lower() == ".json":
            return "backup"
        with core_imports():
            from app.interchange.workbook_kind import detect_workbook_kind

        return detect_workbook_kind(path)

    def open(self, path: Path) -> bool:
        """The import for `path`, as if it had been chosen in its file dialog."""
        try:
            kind = self.kind(path)
        except PoaDeskError as exc:
            self.host.error(str(exc))
            return False
        jobs.DROPPED[:] = [path]
        try:
            self.actions[ACTS[kind]].trigger()
        finally:
            jobs.DROPPED.clear()
        return True
