"""File > Backups…: the automatic and manual backups of the database (app.store.backups, the
same as `poadesk backups`), one taken now, and one restored (`poadesk restore N`).

A restore replaces the database file: the window saves the typing, closes its Desk and lets go
of its lock, `app.service.restore_backup` backs up the state it replaces (or sets a damaged file
aside) and puts the backup in place, and the window opens the database again and shows it
everywhere (undo is cleared). Imported when first chosen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.ui.shell import dialogs
from app.ui.shell.core import core_imports
from app.ui.shell.jobs import busy
from app.ui.shell.list_dialog import ListDialog
from app.ui.shell.table_dialog import TableDialog
from app.ui.shell.texts import day_and_time, one_line
from app.ui.shell.value_table import Column

if TYPE_CHECKING:
    from app.access import BackupInfo
    from app.ui.shell.host import Host


def size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{max(1, round(size / 1024))} kB"


def when_text(info: BackupInfo) -> str:
    return day_and_time(info.taken_at)  # local time already


class BackupsDialog(TableDialog):
    def __init__(self, host: Host) -> None:
        super().__init__(host.widget, "Backups", "", [
            Column("Taken", when_text, lambda b: str(b.path)),
            Column("Size", lambda b: size_text(b.size)),
            Column("Why", lambda b: b.why),
        ], "Backups of this database")
        self.setObjectName("backupsDialog")
        self.host = host
        self.back_up_button = self.add_button(
            "Back Up &Now", "Take a checked backup of the database now", self.back_up_now)
        self.restore_button = self.add_button(
            "&Restore…", "Put the selected backup in the place of the database (what is there "
            "now is backed up first)", self.restore_selected)
        self.reload()

    def reload(self) -> None:
        shelf = self.host.desk().backups
        self.intro.setText(
            "POA Desk backs up the database on the day's first start, before every import, "
            "restore and upgrade; the newest are kept"
            + (f" in {shelf.folder}." if shelf is not None else "."))
        backups = shelf.list() if shelf is not None else []
        self.set_values(backups, "No backup yet: Back Up Now takes one."
                        if shelf is not None else "A server database is backed up on the server.")
        self.back_up_button.setEnabled(shelf is not None)

    def _update_buttons(self) -> None:
        if hasattr(self, "restore_button"):
            self.restore_button.setEnabled(self.selected() is not None)

    def back_up_now(self) -> BackupInfo | None:
        if not self.host.flush():
            dialogs.show_error(self, "Backups", "Your last edit could not be saved; correct or "
                               "undo it first.")
            return None
        try:
            with busy(self.host, "Backing up…"):
                info = self.host.desk().backup("manual")
        except Exception as exc:  # noqa: BLE001 - a full disk, a read-only folder: one line
            dialogs.show_error(self, "Backups", f"No backup was taken: {one_line(exc)}")
            return None
        self.reload()
        if info is not None:
            self.select_row(self.model.row_where(lambda b: b.path == info.path))
            self.host.status(f"Backed up to {info.path}", 10000)
        return info

    def restore_selected(self) -> bool:
        info: BackupInfo | None = self.selected()
        if info is None:
            return False
        ask = ListDialog(self, "Restore a Backup",
                         f"Restore the backup taken {when_text(info)}?",
                         f"The database goes back to what it was on {when_text(info)} "
                         f"({info.why}): notes, status, focal points and meetings as they were "
                         "then. Everything changed since is replaced; the state it replaces is "
                         "backed up first, so this restore can itself be undone from this list. "
                         "Edit > Undo is cleared.",
                         [], ok_text="&Restore", warning=True)
        if not dialogs.run_dialog(ask):
            return False
        shelf = self.host.desk().backups
        if shelf is None:
            return False

        def restore() -> None:
            with core_imports():
                from app.access import restore_backup

            with busy(self.host, f"Restoring the backup of {when_text(info)}…"):
                restore_backup(info, shelf)

        done = self.host.reopen(restore)
        if not self.host.closed():
            self.reload()
        if done:
            self.host.status(f"Restored the backup taken {when_text(info)} ({info.why})", 15000)
        return done


def open_backups(host: Host) -> BackupsDialog:
    dialog = BackupsDialog(host)
    dialog.open()
    return dialog
