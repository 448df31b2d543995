"""Every edit of an action line as a command (app.ui.shell.commands): one Desk setter each way.

Typing in notes or lines to take is saved in bursts (after a pause); consecutive bursts on the
same field of the same action merge into one command, so one undo takes back the whole typing
session there. A command that the database refuses is reported and dropped, not stacked.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from app.errors import StaleEdit
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


class FieldEdit(TypedEdit):
    """One field of an action line, from `old` to `new`. Each way it says what value it was
    made on (`expect`): if the field was changed underneath meanwhile (the command line,
    another program), the database refuses it (StaleEdit) instead of writing over the newer
    value."""

    def __init__(self, desk: Desk, hub: ChangeHub, action_id: int, ref: str, field: str,
                 old: Any, new: Any) -> None:
        name, merge_id = FIELDS[field]
        super().__init__(hub, f"{name} on {ref}", merge_id, (action_id, field), old, new)
        self.desk, self.action_id, self.field = desk, action_id, field

    def forward(self) -> Change:
        return self._set(self.new, self.old)

    def backward(self) -> Change:
        return self._set(self.old, self.new)

    def _set(self, value: Any, expected: Any) -> Change:
        """One typed Desk call per field, with the value it was made on."""
        desk, action_id, field = self.desk, self.action_id, self.field
        if field == "status":
            return desk.update_action(action_id, status=value,
                                      expect={"status": expected})
        if field == "notes":
            return desk.update_action(action_id, notes=value, expect={"notes": expected})
        if field == "notes_private":
            return desk.update_action(action_id, notes_private=value,
                                      expect={"notes_private": expected})
        if field == "lines_to_take":
            return desk.update_action(action_id, lines_to_take=value,
                                      expect={"lines_to_take": expected})
        if field == "tags":
            return desk.update_action(action_id, tags=list(value),
                                      expect={"tags": tuple(expected)})
        raise ValueError(f"not a field of an action line: {field}")


class ActionEditor:
    """Turns the detail pane's edits into commands on the window's undo stack."""

    def __init__(self, desk: Desk | None, hub: ChangeHub, failed: Callable[[str], None]) -> None:
        self.desk = desk  # None until the window's fast start attaches it: edits are refused
        self.hub = hub
        self.failed = failed  # a refusal, in one line (the status bar)
        self.stale: StaleEdit | None = None  # the last edit's refusal, if made on a stale value

    def edit(self, action_id: int, ref: str, field: str, old: Any, new: Any) -> bool:
        """Push the edit (which applies it), made on the value `old`; False if the database
        refused it (`stale` then holds the StaleEdit when it was changed underneath)."""
        self.stale = None
        if old == new:
            return True
        refusal = ("the database is still opening; nothing was changed" if self.desk is None
                   else self.hub.push(FieldEdit(self.desk, self.hub, action_id, ref, field, old,
                                                new)))
        if refusal is not None:
            if isinstance(self.hub.refusal_error, StaleEdit):
                self.stale = self.hub.refusal_error
            self.failed(refusal)
        return refusal is None

    def reload(self, action_id: int) -> None:
        """Show the action line's values from the database again, everywhere."""
        self.hub.publish(Change(action_ids=frozenset({action_id})))

    def seal(self) -> None:
        """End the current typing burst: the next note edit is a new undo step."""
        self.hub.seal(FieldEdit)

    @staticmethod
    def saved_by(origin: object, action_id: int, field: str) -> Any:
        """The text an edit of this field of this action line saved, when it is the change's
        origin (None for any other change): the pane that typed it recognises its own save."""
        if isinstance(origin, FieldEdit) and (origin.action_id, origin.field) == (action_id,
                                                                                 field):
            return origin.new
        return None

    def last_action_id(self, undone: bool) -> int | None:
        """The action line the command just undone (or redone) was about."""
        command = self.hub.last_command(undone)
        return command.action_id if isinstance(command, FieldEdit) else None
