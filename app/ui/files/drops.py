"""A file dropped on the window goes to the import that reads it, at its review dialog: a JSON
backup to Restore or Merge, a workbook to Import Matrix, Import Register or Import Activities,
told apart by the core (app.interchange.workbook_kind.detect_workbook_kind); a plan of action
as published (.pdf, .docx) to Import Plan, and a .txt too when its first lines name a plan
("Plan of Action", "Work Plan", "Action Plan": every plan's title does), since a text file
may be anything: any other .txt is refused at once, as before (issue 22)."""

from __future__ import annotations

import re
from functools import lru_cache
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

SUFFIXES = (".json", ".xlsx", ".pdf", ".docx", ".txt")
PLAN_SUFFIXES = (".pdf", ".docx", ".txt")
ACTS = {"backup": Act.RESTORE, "matrix": Act.IMPORT_MATRIX, "register": Act.IMPORT_REGISTER,
        "activities": Act.IMPORT_ACTIVITIES, "plan": Act.IMPORT_PLAN}
PLAN_WORDS = re.compile(r"\b(?:plan\s+of\s+action|work\s*plan|action\s+plan)\b", re.IGNORECASE)
SNIFF = 4096  # bytes of a .txt read to see whether it is a plan


def dropped_file(event: QDragEnterEvent | QDropEvent) -> Path | None:
    """The one local file being dragged, if an import reads it (a .txt only if it reads as a
    plan's text)."""
    urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
    if len(urls) != 1 or not urls[0].isLocalFile():
        return None
    path = Path(urls[0].toLocalFile())
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES or (suffix == ".txt" and not names_a_plan(path)):
        return None
    return path


def names_a_plan(path: Path) -> bool:
    """Whether the first lines of a text file name a plan of action (read once per version
    of the file: a drag asks at every move)."""
    try:
        stat = path.stat()
    except OSError:
        return False
    return _names_a_plan(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=8)
def _names_a_plan(path: str, mtime_ns: int, size: int) -> bool:
    try:
        with open(path, "rb") as f:
            head = f.read(SNIFF)
    except OSError:
        return False
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", errors="ignore")
    else:
        text = head.decode("utf-8", errors="ignore")
    return PLAN_WORDS.search(" ".join(text.split())) is not None


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
        if path.suffix.lower() in PLAN_SUFFIXES:
            return "plan"
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
