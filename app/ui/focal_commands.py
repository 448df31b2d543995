"""Focal-point edits as QUndoCommands on the main window's undo stack.

Each command's redo() and undo() call one `desk.focal` method (see app.focal.points for the
inverse pairs); `QUndoStack.push()` runs redo(), so nothing is applied before pushing. A command
the database refuses is reported and made obsolete (dropped, not stacked). "Assign a new person"
is two steps in one command: add, then assign, each one call, taken back in reverse.

`FocalEditor` pushes them and hands every resulting `Change` to the main window's
`apply_change` (the one refresh path for the tree and the detail pane), then tells the
focal-point windows through its `changed` signal.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from app.errors import PoaDeskError
from app.ui.undo_commands import EditSink
from app.values import Change

if TYPE_CHECKING:
    from app.focal.values import FocalPointFields, Handover, Removed
    from app.service import Desk
    from app.values import Target


class FocalCommand(QUndoCommand):
    """One undoable step; subclasses give `_do()` and `_undo()`, one desk.focal call each."""

    def __init__(self, desk: Desk, sink: EditSink, text: str) -> None:
        super().__init__(text)
        self.desk = desk
        self.sink = sink

    def _do(self) -> Change:
        raise NotImplementedError

    def _undo(self) -> Change:
        raise NotImplementedError

    def apply(self, forward: bool) -> bool:
        """Run the step (or its inverse); report the change or the refusal."""
        try:
            change = self._do() if forward else self._undo()
        except PoaDeskError as exc:
            self.sink.failed(str(exc))
            return False
        self.sink.changed(change)
        return True

    def redo(self) -> None:
        if not self.apply(True):
            self.setObsolete(True)  # refused: the stack drops it

    def undo(self) -> None:
        if not self.apply(False):
            self.setObsolete(True)  # cannot be taken back any more: drop it, do not lie


class AddFocalPoint(FocalCommand):
    def __init__(self, desk: Desk, sink: EditSink, fields: FocalPointFields,
                 text: str | None = None) -> None:
        super().__init__(desk, sink, text or f"add {fields.name.strip()}")
        self.fields = fields
        self.created_id: int | None = None

    def _do(self) -> Change:
        created = self.desk.focal.add(self.fields, id=self.created_id)  # redo keeps the id
        self.created_id = created.id
        return created.change

    def _undo(self) -> Change:
        assert self.created_id is not None
        return self.desk.focal.delete(self.created_id)


class EditFocalPoint(FocalCommand):
    def __init__(self, desk: Desk, sink: EditSink, focal_point_id: int,
                 old: FocalPointFields, new: FocalPointFields) -> None:
        super().__init__(desk, sink, f"edit {old.name}")
        self.focal_point_id, self.old, self.new = focal_point_id, old, new

    def _do(self) -> Change:
        return self.desk.focal.update(self.focal_point_id, self.new)

    def _undo(self) -> Change:
        return self.desk.focal.update(self.focal_point_id, self.old)


class SetActive(FocalCommand):
    """Deactivate (active=False) or reactivate a focal point."""

    def __init__(self, desk: Desk, sink: EditSink, focal_point_id: int, name: str,
                 active: bool) -> None:
        super().__init__(desk, sink, f"{'reactivate' if active else 'deactivate'} {name}")
        self.focal_point_id, self.active = focal_point_id, active

    def _set(self, active: bool) -> Change:
        focal = self.desk.focal
        call = focal.reactivate if active else focal.deactivate
        return call(self.focal_point_id)

    def _do(self) -> Change:
        return self._set(self.active)

    def _undo(self) -> Change:
        return self._set(not self.active)


class Assign(FocalCommand):
    """Assign a focal point (an id, or the one an AddFocalPoint step made) to a target."""

    def __init__(self, desk: Desk, sink: EditSink, focal_point: int | AddFocalPoint,
                 name: str, target: Target, ref: str, role: str) -> None:
        super().__init__(desk, sink, f"assign {name} to {ref}")
        self.focal_point, self.target, self.role = focal_point, target, role
        self.assignment_id: int | None = None

    def _person(self) -> int:
        if isinstance(self.focal_point, AddFocalPoint):
            assert self.focal_point.created_id is not None
            return self.focal_point.created_id
        return self.focal_point

    def _do(self) -> Change:
        created = self.desk.focal.assign(self._person(), self.target, self.role,
                                         id=self.assignment_id)
        self.assignment_id = created.id
        return created.change

    def _undo(self) -> Change:
        assert self.assignment_id is not None
        return self.desk.focal.remove_assignment(self.assignment_id).change


class RemoveAssignment(FocalCommand):
    def __init__(self, desk: Desk, sink: EditSink, assignment_id: int, name: str,
                 ref: str) -> None:
        super().__init__(desk, sink, f"remove {name} from {ref}")
        self.assignment_id = assignment_id
        self.removed: Removed | None = None

    def _do(self) -> Change:
        self.removed = self.desk.focal.remove_assignment(self.assignment_id)
        return self.removed.change

    def _undo(self) -> Change:
        assert self.removed is not None
        return self.desk.focal.restore_assignment(self.removed.assignment).change


class SetRole(FocalCommand):
    def __init__(self, desk: Desk, sink: EditSink, assignment_id: int, name: str, ref: str,
                 old: str, new: str) -> None:
        super().__init__(desk, sink, f"make {name} {new} on {ref}")
        self.assignment_id, self.old, self.new = assignment_id, old, new

    def _do(self) -> Change:
        return self.desk.focal.set_role(self.assignment_id, self.new)

    def _undo(self) -> Change:
        return self.desk.focal.set_role(self.assignment_id, self.old)


class HandOver(FocalCommand):
    """All of one person's assignments to a successor (an id, or the fields of a new one)."""

    def __init__(self, desk: Desk, sink: EditSink, old_id: int, old_name: str,
                 successor: int | FocalPointFields, successor_name: str) -> None:
        super().__init__(desk, sink, f"hand over from {old_name} to {successor_name}")
        self.old_id, self.successor = old_id, successor
        self.done: Handover | None = None

    def _do(self) -> Change:
        new_id = self.done.successor_id if self.done is not None else None
        self.done = self.desk.focal.handover(self.old_id, self.successor, new_id=new_id)
        return self.done.change

    def _undo(self) -> Change:
        assert self.done is not None
        return self.desk.focal.undo_handover(self.done)


class Steps(QUndoCommand):
    """Several steps as one undo entry; if one is refused, those done are taken back."""

    def __init__(self, text: str, steps: Sequence[FocalCommand]) -> None:
        super().__init__(text)
        self.steps = list(steps)

    def redo(self) -> None:
        done: list[FocalCommand] = []
        for step in self.steps:
            if not step.apply(True):
                for back in reversed(done):
                    back.apply(False)
                self.setObsolete(True)
                return
            done.append(step)

    def undo(self) -> None:
        for step in reversed(self.steps):
            if not step.apply(False):
                self.setObsolete(True)
                return


class FocalEditor(QObject):
    """Pushes focal-point commands; says what the database refused instead of stacking it."""

    changed = Signal(object)  # a Change, after the main window has shown it

    def __init__(self, desk: Desk, stack: QUndoStack, apply_change: Callable[[Change], None],
                 show_error: Callable[[str], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.stack = stack
        self._apply_change = apply_change
        self._show_error = show_error
        self._pushing = False
        self._refused: str | None = None
        self.sink = EditSink(changed=self._changed, failed=self._failed)

    def _changed(self, change: Change) -> None:
        self._apply_change(change)
        self.changed.emit(change)

    def _failed(self, message: str) -> None:
        if self._pushing and self._refused is None:
            self._refused = message  # the caller shows it where the officer is looking
        elif not self._pushing:
            self._show_error(message)  # an undo or redo that cannot be done any more

    def push(self, command: QUndoCommand) -> str | None:
        """Push (which applies it); the refusal's one-line message, or None if done."""
        self._pushing, self._refused = True, None
        try:
            self.stack.push(command)
        finally:
            self._pushing = False
        return self._refused

    # -- the edits, by name -----------------------------------------------------------------

    def add(self, fields: FocalPointFields) -> tuple[str | None, int | None]:
        command = AddFocalPoint(self.desk, self.sink, fields)
        error = self.push(command)
        return error, None if error else command.created_id

    def edit(self, focal_point_id: int, old: FocalPointFields,
             new: FocalPointFields) -> str | None:
        if old == new:
            return None
        return self.push(EditFocalPoint(self.desk, self.sink, focal_point_id, old, new))

    def set_active(self, focal_point_id: int, name: str, active: bool) -> str | None:
        return self.push(SetActive(self.desk, self.sink, focal_point_id, name, active))

    def assign(self, focal_point_id: int, name: str, target: Target, ref: str,
               role: str) -> str | None:
        return self.push(Assign(self.desk, self.sink, focal_point_id, name, target, ref, role))

    def assign_new(self, fields: FocalPointFields, target: Target, ref: str,
                   role: str) -> str | None:
        name = fields.name.strip()
        add = AddFocalPoint(self.desk, self.sink, fields)
        assign = Assign(self.desk, self.sink, add, name, target, ref, role)
        return self.push(Steps(f"assign {name} (new) to {ref}", [add, assign]))

    def remove(self, assignment_id: int, name: str, ref: str) -> str | None:
        return self.push(RemoveAssignment(self.desk, self.sink, assignment_id, name, ref))

    def set_role(self, assignment_id: int, name: str, ref: str, old: str,
                 new: str) -> str | None:
        if old == new:
            return None
        return self.push(SetRole(self.desk, self.sink, assignment_id, name, ref, old, new))

    def handover(self, old_id: int, old_name: str, successor: int | FocalPointFields,
                 successor_name: str) -> str | None:
        return self.push(HandOver(self.desk, self.sink, old_id, old_name, successor,
                                  successor_name))
