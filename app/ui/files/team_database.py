"""File > Open Team Database… and File > Open Database File…: the window shows another
database, a delegation's on a PostgreSQL server or a file.

The server's address (host, port, database, user) is remembered in the UI settings; the
password never is: it is typed for this connection only, goes to libpq inside the URL held in
memory while the database opens (Desk.open), and is cleared from the dialog at once. Left
empty, libpq takes it from ~/.pgpass or the file PGPASSFILE names. Messages name the database
by `Desk.label`, which hides the password.

The new database is opened first: a wrong password, an unreachable server or a file another
window has open is one line and the window stays on the database it shows. Then the window
lets go of the one it shows (its Desk closed, its lock released), shows the new one everywhere
and clears the undo stack (`switch`), as a restore does. Imported when first chosen.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar
from urllib.parse import quote, urlsplit

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.errors import DatabaseDamaged, DatabaseError, password_file_words
from app.ui.shell import dialogs
from app.ui.shell.core import core_imports
from app.ui.shell.jobs import documents, run_core, save_typed_edits
from app.ui.shell.where import database_words, server_words
from app.ui.shell.widgets import accessible, named

if TYPE_CHECKING:
    from app.access import DatabaseLock
    from app.service import Desk
    from app.ui.shell.host import Host

F = TypeVar("F", QLineEdit, QSpinBox)
Switch = Callable[["Desk", "DatabaseLock | None"], None]
DB_FILTER = "POA Desk databases (*.db *.sqlite *.sqlite3);;All files (*)"
SCHEME = "postgresql+psycopg"
_BAD_HOST = set(" \t/@?#")
PASSWORD_TEXT = (f"Leave the password empty when {password_file_words()} has it. A "
                 "password typed here is used for this connection only: it is never saved or "
                 "shown.")


def server_url(host: str, port: int, database: str, user: str, password: str = "") -> str:
    """The URL Desk.open takes; the password, if given, only in this string in memory."""
    where = f"[{host}]" if ":" in host else host
    secret = f":{quote(password, safe='')}" if password else ""
    return f"{SCHEME}://{quote(user, safe='')}{secret}@{where}:{port}/{quote(database, safe='')}"


def same_server(label: str, host: str, port: int, database: str, user: str) -> bool:
    """Whether the open database's label (a URL without its password) is this address."""
    try:
        parts = urlsplit(label)
        return (parts.scheme.startswith("postgresql") and parts.hostname == host.lower()
                and (parts.port or 5432) == port and parts.path.lstrip("/") == database
                and (parts.username or "") == quote(user, safe=""))
    except ValueError:
        return False


class TeamDatabaseDialog(QDialog):
    """Where the team database is: host, port, database, user, and a password for now."""

    def __init__(self, parent: QWidget | None, host: str = "", port: int = 5432,
                 database: str = "", user: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("teamDatabaseDialog")
        self.setWindowTitle("Open Team Database — POA Desk")
        self.setModal(True)
        intro = named(QLabel("The delegation's shared database on its PostgreSQL server (ask "
                             "who runs it for these details)."), "teamIntro")
        intro.setWordWrap(True)
        self.host = self._field(QLineEdit(host), "teamHost", "Server",
                                "The server's name or address, e.g. server.mission.local")
        self.port = self._field(QSpinBox(), "teamPort", "Port", "5432 unless told otherwise")
        self.port.setRange(1, 65535)
        self.port.setValue(port)
        self.database = self._field(QLineEdit(database), "teamDatabase", "Database",
                                    "The database's name, e.g. poadesk_team")
        self.user = self._field(QLineEdit(user), "teamUser", "User name", "Your login role")
        self.password = self._field(QLineEdit(), "teamPassword", "Password",
                                    "Used for this connection only, never saved")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        for text, field in (("&Server:", self.host), ("&Port:", self.port),
                            ("&Database:", self.database), ("&User name:", self.user),
                            ("Pass&word:", self.password)):
            label = QLabel(text)
            label.setBuddy(field)
            form.addRow(label, field)
        note = named(QLabel(PASSWORD_TEXT), "teamPasswordNote")
        note.setWordWrap(True)
        note.setStyleSheet("color: palette(placeholder-text);")
        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton("&Open", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setDefault(True)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        for edit in (self.host, self.database, self.user):
            edit.textChanged.connect(self._update)
        self._update()
        em = self.fontMetrics().horizontalAdvance("n")
        self.resize(max(self.sizeHint().width(), 60 * em), self.sizeHint().height())
        first_empty = next((e for e in (self.host, self.database, self.user) if not e.text()),
                           self.password)
        first_empty.setFocus()

    @staticmethod
    def _field(widget: F, name: str, label: str, tip: str) -> F:
        widget.setToolTip(tip)
        return accessible(named(widget, name), label, tip)

    def address(self) -> tuple[str, int, str, str]:
        return (self.host.text().strip(), self.port.value(), self.database.text().strip(),
                self.user.text().strip())

    def problem(self) -> str:
        """What keeps the address from being used ("" when it can be)."""
        host, _port, database, user = self.address()
        if not (host and database and user):
            return "Fill in the server, the database and your user name."
        if set(host) & _BAD_HOST:
            return "The server is a name or an address only (no spaces, '/', '@')."
        return ""

    def _update(self) -> None:
        self.ok_button.setEnabled(not self.problem())

    def take_url(self) -> str:
        """The URL to open, with the password typed if any; the field is cleared."""
        url = server_url(*self.address(), password=self.password.text())
        self.password.clear()
        return url


# -- opening ----------------------------------------------------------------------------------

def _server_desk(url: str) -> Desk:
    with core_imports():
        from app.service import Desk

        return Desk.open(url)


def _close_desk(desk: Desk) -> None:
    """A team database that opened after Cancel: let it go."""
    desk.close()


def open_team_database(host: Host, switch: Switch) -> bool:
    """Ask where the team database is and show it in the window; False if not done."""
    title = "Open Team Database"
    if not save_typed_edits(host, title):
        return False
    dialog = TeamDatabaseDialog(host.widget, *host.settings.team_database())
    accepted = dialogs.run_dialog(dialog)
    url = dialog.take_url()  # the password leaves the dialog, into this string only
    if not accepted or dialog.problem():
        return False
    address = dialog.address()
    host.settings.set_team_database(*address)
    host.settings.sync()
    words = server_words(server_url(*address))
    if host.desk().path is None and same_server(host.desk().label, *address):
        host.status(f"The {words} is open already", 8000)
        return False
    desk = run_core(host, f"Opening the {words}…", title, lambda: _server_desk(url),
                    abandon=_close_desk)
    if desk is None:
        return False
    switch(desk, None)
    host.status(f"Opened the {words}", 10000)
    return True


def open_file(host: Host, switch: Switch, path: Path, title: str) -> bool:
    """Show the database file `path` in the window (its lock taken first); False if not."""
    current = host.desk().path
    if current is not None and current.resolve() == path.resolve():
        host.status(f"{path.name} is open already", 8000)
        return False
    from app.access import DatabaseLock

    lock = DatabaseLock(path)
    try:
        lock.acquire()
    except DatabaseError as exc:  # another window has it open (named), a read-only folder
        dialogs.show_error(host.widget, title, str(exc))
        return False

    def job() -> Desk | DatabaseDamaged:
        with core_imports():
            from app.service import Desk

            try:
                return Desk.open(path)
            except DatabaseDamaged as exc:  # the offer to restore a backup: a dialog, below
                return exc

    def offer() -> Desk:
        from app.ui.shell.session import open_desk

        return open_desk(path, host.widget, lock)

    opened = run_core(host, f"Opening {path.name}…", title, job)
    desk = (run_core(host, f"Opening {path.name}…", title, offer, thread=False)
            if isinstance(opened, DatabaseDamaged) else opened)
    if desk is None:
        lock.release()
        return False
    host.settings.last_database_file = str(path)
    switch(desk, lock)
    host.status(f"Opened {database_words(path)} ({path.parent})", 10000)
    return True


def open_database_file(host: Host, switch: Switch) -> bool:
    """Choose a database file (back from a team database, or another file) and show it."""
    title = "Open Database File"
    if not save_typed_edits(host, title):
        return False
    last = Path(host.settings.last_database_file or documents())
    # the last file chosen (selected in its folder), else its folder, else Documents
    start = last if last.is_file() or last.is_dir() else last.parent
    start = start if start.exists() else documents()
    path = dialogs.choose_open_file(host.widget, "Open a POA Desk database file", start,
                                    DB_FILTER)
    if path is None:
        return False
    return open_file(host, switch, path, title)
