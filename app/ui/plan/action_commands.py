"""Every edit of an action line as a command (app.ui.shell.commands): one Desk setter each way.

Typing in notes or lines to take is saved in bursts (after a pause); consecutive bursts on the
same field of the same action merge into one command, so one undo takes back the whole typing
session there. A command that the database refuses is reported and dropped, not stacked.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from app.ui.shell.commands import ChangeHub, TypedEdit
from app.values import Change

if TYPE_CHECKING:
    from app.service import Desk

# field -> (the name in "Undo <name> on 1.3(b)", merge id or -1)
FIELDS: dict[str, tuple[str, int]] = {
    "status": ("status change", -1),
    "notes": ("notes edit", 1),
    "notes_private": ("private-notes mark", -1),
    "lines_to_take": ("lines-to-take edit", 2),
    "tags": ("tags change", -1),
}


def _setter(desk: Desk, field: str) -> Callable[[int, Any], Change]:
    setters: dict[str, Callable[[int, Any], Change]] = {
        "status": desk.set_status,
        "notes": desk.set_notes,
        "notes_private": desk.set_notes_private,
        "lines_to_take": desk.set_lines_to_take,
        "tags": desk.set_tags,
    }
    return setters[field]


class FieldEdit(TypedEdit):
    def __init__(self, desk: Desk, hub: ChangeHub, action_id: int, ref: str, field: str,
                 old: Any, new: Any) -> None:
        name, merge_id = FIELDS[field]
        super().__init__(hub, f"{name} on {ref}", merge_id, (action_id, field), old, new)
        self.desk, self.action_id, self.field = desk, action_id, field

    def set_value(self, value: Any) -> Change:
        return _setter(self.desk, self.field)(self.action_id, value)


class ActionEditor:
    """Turns the detail pane's edits into commands on the window's undo stack."""

    def __init__(self, desk: Desk | None, hub: ChangeHub, failed: Callable[[str], None]) -> None:
        self.desk = desk  # None until the window's fast start attaches it: edits are refused
        self.hub = hub
        self.failed = failed  # a refusal, in one line (the status bar)

    def edit(self, action_id: int, ref: str, field: str, old: Any, new: Any) -> bool:
        """Push the edit (which applies it); False if the database refused it."""
        if old == new:
            return True
        refusal = ("the database is still opening; nothing was changed" if self.desk is None
                   else self.hub.push(FieldEdit(self.desk, self.hub, action_id, ref, field, old,
                                                new)))
        if refusal is not None:
            self.failed(refusal)
        return refusal is None

    def seal(self) -> None:
        """End the current typing burst: the next note edit is a new undo step."""
        self.hub.seal(FieldEdit)

    def last_action_id(self, undone: bool) -> int | None:
        """The action line the command just undone (or redone) was about."""
        command = self.hub.last_command(undone)
        return command.action_id if isinstance(command, FieldEdit) else None
