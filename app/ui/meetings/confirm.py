"""The meetings panel's questions before a step that loses work (Cancel the default; Edit >
Undo brings it back all the same)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.meetings.values import FIELD_LABELS, ITEM_FIELDS, AgendaItemView, MeetingDetail
from app.ui.meetings.free_item import has_content, typed
from app.ui.meetings.item_keys import item_name
from app.ui.shell import dialogs


def confirm_delete(parent: QWidget, snapshot: MeetingDetail) -> bool:
    """Delete a meeting: asked when its agenda has items."""
    n = len(snapshot.items)
    filled = sum(1 for item in snapshot.items if has_content(item))
    return not n or dialogs.confirm(
        parent, "Delete Meeting", f"Delete {snapshot.label} and its agenda?",
        f"Its {n} agenda item{'s' if n != 1 else ''}"
        + (f" ({filled} filled in)" if filled else "")
        + " are deleted with it. Edit > Undo brings it back while POA Desk is open; "
        "after that, Meeting > Deleted Meetings… does.", "&Delete Meeting")


def confirm_remove(parent: QWidget, item: AgendaItemView) -> bool:
    """Take an item off the agenda: asked when something was written for it."""
    return not has_content(item) or dialogs.confirm(
        parent, "Remove from Agenda", f"Remove {item_name(item)} from the agenda?",
        "What was written for it (" + ", ".join(
            FIELD_LABELS[f].lower() for f in ITEM_FIELDS if typed(item, f))
        + ") goes with it. Edit > Undo brings it back.", "&Remove")
