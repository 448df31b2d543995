"""Every edit of an action line as a QUndoCommand whose redo()/undo() call one Desk method.

`QUndoStack.push()` runs `redo()`: the change is never applied before pushing. Typing in notes
or lines to take is saved in bursts (after a pause); consecutive bursts on the same field of the
same action merge into one command, so one undo takes back the whole typing session there.
A command that the database refuses is reported and dropped (made obsolete), not stacked.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand, QUndoStack

from app.errors import PoaDeskError
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


@dataclass
class EditSink:
    """Where commands report: the window refreshes the views after every redo/undo."""

    changed: Callable[[Change], None]
    failed: Callable[[str], None]


class FieldEdit(QUndoCommand):
    def __init__(self, desk: Desk, sink: EditSink, action_id: int, ref: str, field: str,
                 old: Any, new: Any) -> None:
        name, self._merge_id = FIELDS[field]
        super().__init__(f"{name} on {ref}")
        self.desk = desk
        self.sink = sink
        self.action_id = action_id
        self.field = field
        self.old = old
        self.new = new
        self.sealed = False  # no more merging: the officer moved on

    def id(self) -> int:
        return self._merge_id

    def mergeWith(self, other: QUndoCommand) -> bool:
        if (self.sealed or not isinstance(other, FieldEdit) or other.isObsolete()  # refused
                or other.field != self.field
                or other.action_id != self.action_id):
            return False
        self.new = other.new
        if self.new == self.old:  # typed and deleted again: nothing left to undo
            self.setObsolete(True)
        return True

    def redo(self) -> None:
        if not self._apply(self.new):
            self.setObsolete(True)  # refused: QUndoStack drops it instead of stacking it

    def undo(self) -> None:
        self._apply(self.old)

    def _apply(self, value: Any) -> bool:
        try:
            change = _setter(self.desk, self.field)(self.action_id, value)
        except PoaDeskError as exc:
            self.sink.failed(str(exc))
            return False
        self.sink.changed(change)
        return True


class ActionEditor:
    """Turns the detail pane's edits into commands on the window's undo stack."""

    def __init__(self, desk: Desk | None, stack: QUndoStack, sink: EditSink) -> None:
        self.desk = desk  # None until the window's fast start attaches it: edits are refused
        self.stack = stack
        self.sink = sink
        self._refused: str | None = None
        self._own_sink = EditSink(changed=sink.changed, failed=self._failed)

    def _failed(self, message: str) -> None:
        self._refused = message
        self.sink.failed(message)

    def edit(self, action_id: int, ref: str, field: str, old: Any, new: Any) -> bool:
        """Push the edit (which applies it); False if the database refused it."""
        if old == new:
            return True
        if self.desk is None:
            self._failed("the database is still opening; nothing was changed")
            return False
        self._refused = None
        self.stack.push(FieldEdit(self.desk, self._own_sink, action_id, ref, field, old, new))
        return self._refused is None

    def seal(self) -> None:
        """End the current typing burst: the next note edit is a new undo step."""
        index = self.stack.index()
        command = self.stack.command(index - 1) if index > 0 else None
        if isinstance(command, FieldEdit):
            command.sealed = True

    def last_action_id(self, undone: bool) -> int | None:
        """The action line the command just undone (or redone) was about."""
        index = self.stack.index() if undone else self.stack.index() - 1
        command = self.stack.command(index) if 0 <= index < self.stack.count() else None
        return command.action_id if isinstance(command, FieldEdit) else None
