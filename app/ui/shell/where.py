"""Which database the window shows, in words: the window title and the status bar say it.

A file is named by its name ("poadesk.db"); a team database on a server by its database and
host ("team database poadesk_team on server.mission.local"), read from `Desk.label`, the URL
without its password. Light: the standard library and PySide6 only (the window's first paint
needs it).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from PySide6.QtWidgets import QLabel, QWidget

from app.ui.shell.widgets import accessible, named


def server_words(label: str) -> str:
    """'team database poadesk_team on server.mission.local' for a server's URL (its password
    hidden already: only the host and the database are read)."""
    try:
        parts = urlsplit(label)
        host = parts.hostname or "this computer"
        database = unquote(parts.path.lstrip("/")) or "(default)"
    except ValueError:
        return "team database"
    return f"team database {database} on {host}"


def database_words(path: Path | None, label: str = "") -> str:
    """How the window names its database: the file's name, else the team database's words."""
    if path is not None:
        return path.name
    return server_words(label) if label else "database"


class DatabaseLabel(QLabel):
    """The status bar's permanent words on the database shown (the full place in its tip)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        accessible(named(self, "databaseLabel"), "Database", "Which database the window shows")

    def show_database(self, path: Path | None, label: str = "") -> None:
        words = database_words(path, label)
        self.setText(words[:1].upper() + words[1:] if path is None else f"File {words}")
        self.setToolTip(str(path) if path is not None else label)
