"""Files in and out: back-ups, restores, plan texts and the register workbook (imported when
first chosen), with what they share."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.ui.shell.actions import Act

if TYPE_CHECKING:
    from app.ui.shell.actions import ActionRegistry
    from app.ui.shell.host import Host


def register_file_actions(actions: ActionRegistry, host: Host) -> None:
    """File > Back Up…, Restore or Merge from Backup…, Import Plan…, Import Matrix…, Undo
    Last Import…: their module (file_actions, plan_review, matrix_import, and the core's
    interchange behind them) is imported when one is first chosen."""

    def back_up(include_private: bool) -> object:
        from app.ui.files import file_actions

        return file_actions.back_up(host, include_private)

    def restore() -> object:
        from app.ui.files import file_actions

        return file_actions.restore(host)

    def import_plan() -> object:
        from app.ui.files import plan_review

        return plan_review.import_plan(host)

    shown: list[object] = []  # the Backups window, once opened

    def backups() -> object:
        from app.ui.files.backups_dialog import BackupsDialog

        dialog = next((d for d in shown if isinstance(d, BackupsDialog)), None)
        if dialog is None:
            dialog = BackupsDialog(host)
            shown.append(dialog)
        else:
            dialog.reload()
        dialog.open()
        dialog.raise_()
        return dialog

    actions.add(Act.BACK_UP, lambda: back_up(False))
    actions.add(Act.BACKUPS, backups)
    actions.add(Act.BACK_UP_PRIVATE, lambda: back_up(True))
    actions.add(Act.RESTORE, restore)
    actions.add(Act.IMPORT_PLAN, import_plan)  # File > Import Plan…

    def import_matrix() -> object:
        from app.ui.files import matrix_import

        return matrix_import.import_matrix(host)

    def undo_import() -> object:
        from app.ui.files import matrix_import

        return matrix_import.undo_last_import(host)

    actions.add(Act.IMPORT_MATRIX, import_matrix)  # File > Import Matrix…
    actions.add(Act.UNDO_IMPORT, undo_import)
