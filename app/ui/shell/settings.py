"""UI state only (window geometry, splitters, expanded pillars and sections): never plan data.

A small typed wrapper over QSettings. Tests point it at a file in tmp_path.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings

from app import paths
from app.ui.shell.screen import first_start

if TYPE_CHECKING:
    from PySide6.QtWidgets import QHeaderView, QMainWindow, QSplitter

_SEP = "\x1f"  # between expanded keys; cannot occur in a reference or a section number


def _move_old_settings(path: Path) -> None:
    """Settings kept by an earlier version in Qt's default place (on Windows the roaming
    %APPDATA%, which follows the user to other machines and their screens) move to `path`
    once, so nothing the user arranged is lost."""
    if path.exists():
        return
    old = Path(QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                         paths.APP_AUTHOR, paths.APP_NAME).fileName())
    if old.is_file() and old != path:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            old.replace(path)
        except OSError:
            pass  # a fresh start of the window's arrangement, nothing more


class UiSettings:
    def __init__(self, path: Path | None = None) -> None:
        if path is None:  # the machine's own settings (window sizes fit its screens)
            path = paths.settings_file()
            _move_old_settings(path)
        self._q = QSettings(str(path), QSettings.Format.IniFormat)

    @property
    def file_name(self) -> str:
        return self._q.fileName()

    def sync(self) -> None:
        self._q.sync()

    # -- typed access -----------------------------------------------------------------------

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._q.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def _bool(self, key: str, default: bool) -> bool:
        return bool(self._q.value(key, default, type=bool))

    def _str(self, key: str, default: str = "") -> str:
        value = self._q.value(key, default, type=str)
        return value if isinstance(value, str) else default

    # -- the keys ---------------------------------------------------------------------------

    @property
    def geometry(self) -> QByteArray | None:
        return self._bytes("window/geometry")

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self._q.setValue("window/geometry", value)

    @property
    def splitter(self) -> QByteArray | None:
        return self._bytes("window/splitter")

    @splitter.setter
    def splitter(self, value: QByteArray) -> None:
        self._q.setValue("window/splitter", value)

    @property
    def tree_header(self) -> QByteArray | None:
        return self._bytes("tree/header")

    @tree_header.setter
    def tree_header(self, value: QByteArray) -> None:
        self._q.setValue("tree/header", value)

    def restore_layout(self, window: QMainWindow, splitter: QSplitter,
                       header: QHeaderView) -> None:
        """The window's size, its splitter and the tree's columns as the officer left them."""
        if self.geometry is None or not window.restoreGeometry(self.geometry):
            first_start(window)  # the screen's available area
        if self.splitter is None or not splitter.restoreState(self.splitter):
            width = window.width()
            splitter.setSizes([width * 7 // 16, width - width * 7 // 16])
        if self.tree_header is not None:
            header.restoreState(self.tree_header)

    def save_layout(self, window: QMainWindow, splitter: QSplitter, header: QHeaderView) -> None:
        self.geometry = window.saveGeometry()
        self.splitter = splitter.saveState()
        self.tree_header = header.saveState()

    def expanded(self, plan_key: str) -> set[str] | None:
        """Keys of the expanded pillars/sections of a plan; None if never saved."""
        if not self._bool(f"tree/{plan_key}/saved", False):
            return None
        raw = self._str(f"tree/{plan_key}/expanded")
        return {k for k in raw.split(_SEP) if k}

    def set_expanded(self, plan_key: str, keys: set[str]) -> None:
        self._q.setValue(f"tree/{plan_key}/expanded", _SEP.join(sorted(keys)))
        self._q.setValue(f"tree/{plan_key}/saved", True)

    def current(self, plan_key: str) -> str:
        """The key of the row selected when the window was last closed."""
        return self._str(f"tree/{plan_key}/current")

    def set_current(self, plan_key: str, key: str) -> None:
        self._q.setValue(f"tree/{plan_key}/current", key)

    @property
    def my_delegation(self) -> str:
        """The officer's own country or institution (a code; "" if not chosen)."""
        return self._str("focal/my_delegation")

    @my_delegation.setter
    def my_delegation(self, code: str) -> None:
        self._q.setValue("focal/my_delegation", code)

    # -- the meetings panel and exports -------------------------------------------------------

    @property
    def meetings_visible(self) -> bool:
        return self._bool("meetings/visible", False)

    @meetings_visible.setter
    def meetings_visible(self, value: bool) -> None:
        self._q.setValue("meetings/visible", value)

    @property
    def current_meeting(self) -> int | None:
        value = self._q.value("meetings/current", 0, type=int)
        return value if isinstance(value, int) and value > 0 else None

    @current_meeting.setter
    def current_meeting(self, value: int | None) -> None:
        self._q.setValue("meetings/current", value or 0)

    @property
    def export_folder(self) -> str:
        """The folder of the last export ("" before the first)."""
        return self._str("export/folder")

    @export_folder.setter
    def export_folder(self, value: str) -> None:
        self._q.setValue("export/folder", value)

    @property
    def briefs_folder(self) -> str:
        """Where Meeting > Export Briefs (Ctrl+E) writes, chosen the first time ("" before)."""
        return self._str("export/briefs_folder")

    @briefs_folder.setter
    def briefs_folder(self, value: str) -> None:
        self._q.setValue("export/briefs_folder", value)

    @property
    def brief_template(self) -> str:
        """The Word document whose styles briefs use ("" for the house style)."""
        return self._str("export/template")

    @brief_template.setter
    def brief_template(self, value: str) -> None:
        self._q.setValue("export/template", value)

    @property
    def brief_notes(self) -> bool:
        """Briefs (Word and Excel) include the desk notes (never the private ones: that choice
        is not remembered, it starts off each time)."""
        return self._bool("export/notes", False)

    @brief_notes.setter
    def brief_notes(self, value: bool) -> None:
        self._q.setValue("export/notes", value)

    @property
    def brief_full_text(self) -> bool:
        """Word briefs end with an annex holding every line of their whole sections."""
        return self._bool("export/full_text", False)

    @brief_full_text.setter
    def brief_full_text(self, value: bool) -> None:
        self._q.setValue("export/full_text", value)

    @property
    def matrix_marking(self) -> str | None:
        """The marking of an exported matrix; None: the default (app.vocab), "" none."""
        value = self._q.value("export/matrix_marking")
        return value if isinstance(value, str) else None

    @matrix_marking.setter
    def matrix_marking(self, value: str | None) -> None:
        if value is None:
            self._q.remove("export/matrix_marking")
        else:
            self._q.setValue("export/matrix_marking", value)

    # -- the folders of file dialogs ----------------------------------------------------------

    def last_folder(self, kind: str) -> str:
        """The folder last used for `kind` of file ("backup", "plan", "register"); else the
        folder of the last export; "" before either."""
        return self._str(f"files/{kind}") or self.export_folder

    def set_last_folder(self, kind: str, folder: str) -> None:
        self._q.setValue(f"files/{kind}", folder)

    # -- the databases opened from the File menu ---------------------------------------------

    def team_database(self) -> tuple[str, int, str, str]:
        """The last team database opened: (host, port, database, user); never a password."""
        port = self._q.value("team/port", 5432, type=int)
        return (self._str("team/host"), port if isinstance(port, int) and port > 0 else 5432,
                self._str("team/database"), self._str("team/user"))

    def set_team_database(self, host: str, port: int, database: str, user: str) -> None:
        for key, value in (("host", host), ("port", port), ("database", database),
                           ("user", user)):
            self._q.setValue(f"team/{key}", value)

    @property
    def last_database_file(self) -> str:
        """The database file last opened with File > Open Database File… ("" before)."""
        return self._str("files/database")

    @last_database_file.setter
    def last_database_file(self, value: str) -> None:
        self._q.setValue("files/database", value)

    RECENT_DATABASES = 8

    def recent_databases(self) -> list[str]:
        """The database files last shown in the window, newest first (File > Open Recent)."""
        try:
            value = json.loads(self._str("files/recent", "[]"))
        except ValueError:
            return []
        return [p for p in value if isinstance(p, str) and p] if isinstance(value, list) else []

    def add_recent_database(self, path: str) -> None:
        """`path` first in the recent databases (once, whatever way it was named)."""
        real = os.path.realpath(path)
        others = [p for p in self.recent_databases() if os.path.realpath(p) != real]
        self._q.setValue("files/recent", json.dumps([path, *others][:self.RECENT_DATABASES]))

    def forget_recent_database(self, path: str) -> None:
        self._q.setValue("files/recent", json.dumps(
            [p for p in self.recent_databases() if p != path]))
