"""Modal dialogs, each behind a small function that tests replace (a modal blocks a test).

The dialog classes are imported when a dialog is first shown: making their Python types is
start-up work that the window's first paint does not need.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from app import __version__

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog, QWidget


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.critical(parent, title, message)


def about_text(db_path: Path | None) -> str:
    where = escape(str(db_path)) if db_path else "(none)"
    return (
        f"<h3>POA Desk {escape(__version__)}</h3>"
        "<p>An offline desk for the <i>Plan of Action to Implement the ASEAN-EU Strategic "
        "Partnership (2023-2027)</i>: the plan, your notes, status and lines to take, focal "
        "points and meeting briefs.</p>"
        f"<p>Database:<br><code>{where}</code></p>"
        "<p>Every edit is saved at once; there is nothing to save by hand.</p>"
    )


def show_about(parent: QWidget | None, db_path: Path | None) -> None:
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.about(parent, "About POA Desk", about_text(db_path))


def confirm_close_unsaved(parent: QWidget | None, message: str) -> bool:
    """Ask whether to close although the last edit could not be saved."""
    from PySide6.QtWidgets import QMessageBox

    answer = QMessageBox.warning(
        parent, "POA Desk",
        f"Your last edit could not be saved:\n{message}\n\nClose anyway and lose it?",
        QMessageBox.StandardButton.Close | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel)
    return answer == QMessageBox.StandardButton.Close


def show_about_qt(parent: QWidget | None) -> None:
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.aboutQt(parent, "About Qt")


def choose_save_file(parent: QWidget | None, caption: str, default: Path,
                     file_filter: str) -> Path | None:
    """The file to write (`default`: the suggested folder and name); None if cancelled."""
    from PySide6.QtWidgets import QFileDialog

    name, _ = QFileDialog.getSaveFileName(parent, caption, str(default), file_filter)
    return Path(name) if name else None


def choose_open_file(parent: QWidget | None, caption: str, start: Path,
                     file_filter: str) -> Path | None:
    """An existing file to read, starting in the folder `start`; None if cancelled."""
    from PySide6.QtWidgets import QFileDialog

    name, _ = QFileDialog.getOpenFileName(parent, caption, str(start), file_filter)
    return Path(name) if name else None


def run_dialog(dialog: QDialog) -> bool:
    """Show a dialog built by the caller, modally; True if accepted. Tests replace this to
    read the real dialog and press its buttons."""
    from PySide6.QtWidgets import QDialog

    return dialog.exec() == QDialog.DialogCode.Accepted
