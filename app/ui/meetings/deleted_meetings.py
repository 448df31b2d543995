"""Meeting > Deleted Meetings…: the meetings deleted (from the history, so also after a
restart: `desk.deleted_meetings()`), each brought back with its agenda by Restore
(`desk.restore_meeting`, as `poadesk meeting undelete N`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from app.errors import PoaDeskError
from app.history_words import dates_in_words
from app.ui.shell import dialogs
from app.ui.shell.table_dialog import TableDialog
from app.ui.shell.texts import when
from app.ui.shell.value_table import Column
from app.values import HistoryItem

if TYPE_CHECKING:
    from app.ui.shell.host import Host


class DeletedMeetingsDialog(TableDialog):
    def __init__(self, host: Host, restored: Callable[[int], object]) -> None:
        """`restored(meeting_id)`: show the meeting brought back (the panel)."""
        super().__init__(host.widget, "Deleted Meetings",
                         "Meetings deleted in this database, newest first. Restore brings one "
                         "back with its agenda and everything written for it.", [
                             Column("Meeting", lambda h: dates_in_words(h.label)),
                             Column("Deleted", lambda h: when(h.at)),
                             Column("By", lambda h: h.who or "?"),
                         ], "Deleted meetings")
        self.setObjectName("deletedMeetingsDialog")
        self.host = host
        self._restored = restored
        self.restore_button = self.add_button(
            "&Restore", "Bring the selected meeting back, with its agenda", self.restore_selected)
        self.reload()

    def reload(self) -> None:
        try:
            items = self.host.desk().deleted_meetings()
        except PoaDeskError as exc:
            self.host.error(str(exc))
            items = []
        self.set_values(items, "No meeting has been deleted.")

    def _update_buttons(self) -> None:
        if hasattr(self, "restore_button"):
            self.restore_button.setEnabled(self.selected() is not None)

    def restore_selected(self) -> int | None:
        item: HistoryItem | None = self.selected()
        if item is None or not self.host.flush():
            return None
        try:
            created = self.host.desk().restore_meeting(item.id)
        except PoaDeskError as exc:
            dialogs.show_error(self, "Deleted Meetings", str(exc))
            return None
        self.host.hub.publish(created.change)
        self.host.status(f"Restored {dates_in_words(item.label)}", 10000)
        self.reload()
        self._restored(created.id)
        return created.id
