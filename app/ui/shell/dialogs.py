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
    from collections.abc import Sequence

    from PySide6.QtCore import QUrl
    from PySide6.QtWidgets import QDialog, QWidget

    from app.access import BackupInfo


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


def offer_restore(parent: QWidget | None, problem: str, backup: BackupInfo) -> bool:
    """The database is damaged: restore its newest good backup (True) or not."""
    from PySide6.QtWidgets import QMessageBox

    from app.ui.shell.texts import day_and_time

    answer = QMessageBox.warning(
        parent, "POA Desk",
        f"{problem}\n\nThe newest good backup was taken {day_and_time(backup.taken_at)} "
        f"({backup.why}). Restore it? The damaged file is kept aside, not deleted; what "
        "changed after that backup is not in it.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Yes)
    return answer == QMessageBox.StandardButton.Yes


def confirm(parent: QWidget | None, title: str, question: str, detail: str,
            ok_text: str) -> bool:
    """Ask before a step that loses work (a delete): True if the officer goes ahead. `ok_text`
    names the step ("Delete Meeting"); Cancel is the default button."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Warning, title, question,
                      QMessageBox.StandardButton.NoButton, parent)
    box.setInformativeText(detail)
    ok = box.addButton(ok_text, QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.exec()
    return box.clickedButton() is ok


def show_stale_edit(parent: QWidget | None, message: str, mine: str) -> None:
    """An edit refused because the value was changed elsewhere meanwhile: both values are in
    `message`; the officer's own text (`mine`, on the clipboard too) in full under Details."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Warning, "Changed elsewhere", message,
                      QMessageBox.StandardButton.Ok, parent)
    if mine:
        box.setInformativeText("The field now shows the newer value. Your text is on the "
                               "clipboard: paste it (Ctrl+V) to put it back.")
        box.setDetailedText(mine)
    box.exec()


def offer_retry(parent: QWidget | None, title: str, message: str, detail: str) -> bool:
    """A save that could not reach the database (`message`, one line): Retry (True) or
    Cancel. `detail` says where the officer's text is meanwhile."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Warning, title, message,
                      QMessageBox.StandardButton.NoButton, parent)
    box.setInformativeText(detail)
    retry = box.addButton(QMessageBox.StandardButton.Retry)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(retry)
    box.exec()
    return box.clickedButton() is retry


def ask_after_export(parent: QWidget | None, path: Path, warnings: Sequence[str]) -> str:
    """'Wrote X': "file" or "folder" to open one, "" to close."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Information, "Export", f"Wrote {path.name}",
                      QMessageBox.StandardButton.Close, parent)
    details = f"In {path.parent}"
    if warnings:
        details += "\n\nPlease note:\n" + "\n".join(f"• {w}" for w in warnings)
        box.setIcon(QMessageBox.Icon.Warning)
    box.setInformativeText(details)
    open_file = box.addButton("Open file", QMessageBox.ButtonRole.AcceptRole)
    open_folder = box.addButton("Open folder", QMessageBox.ButtonRole.ActionRole)
    box.setDefaultButton(open_file)
    box.exec()
    clicked = box.clickedButton()
    return "file" if clicked is open_file else "folder" if clicked is open_folder else ""


def open_url(url: QUrl) -> bool:
    from PySide6.QtGui import QDesktopServices

    return QDesktopServices.openUrl(url)


def offer_to_open(parent: QWidget | None, path: Path, warnings: Sequence[str]) -> None:
    """After a file is written: say so (and its warnings), and open it or its folder if asked."""
    from PySide6.QtCore import QUrl

    choice = ask_after_export(parent, path, warnings)
    if choice:
        open_url(QUrl.fromLocalFile(str(path if choice == "file" else path.parent)))
