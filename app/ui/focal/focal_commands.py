"""Focal-point edits as commands (app.ui.shell.commands) on the main window's undo stack.

Each command's forward() and backward() call one `desk.focal` method (see app.focal.points for
the inverse pairs). A command the database refuses is reported and dropped, not stacked; one
that can no longer be undone is dropped too. "Assign a new person" is two steps in one command
(`Steps`): add, then assign, each one call, taken back in reverse.

`FocalEditor` pushes them; every resulting `Change` goes through the hub to every view.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.ui.shell.commands import ChangeHub, DeskCommand, Steps
from app.values import Change

if TYPE_CHECKING:
    from app.focal.values import FocalPointFields, Handover, Removed
    from app.service import Desk
    from app.values import Target


class FocalCommand(DeskCommand):
    """One undoable step; subclasses give `forward()` and `backward()`, one desk.focal call
    each."""

    drop_when_undo_refused = True

    def __init__(self, desk: Desk, hub: ChangeHub, text: str) -> None:
        super().__init__(hub, text)
        self.desk = desk


class AddFocalPoint(FocalCommand):
    def __init__(self, desk: Desk, hub: ChangeHub, fields: FocalPointFields,
                 text: str | None = None) -> None:
        super().__init__(desk, hub, text or f"add {fields.name.strip()}")
        self.fields = fields
        self.created_id: int | None = None

    def forward(self) -> Change:
        created = self.desk.focal.add(self.fields, id=self.created_id)  # redo keeps the id
        self.created_id = created.id
        return created.change

    def backward(self) -> Change:
        assert self.created_id is not None
        return self.desk.focal.delete(self.created_id)


class EditFocalPoint(FocalCommand):
    def __init__(self, desk: Desk, hub: ChangeHub, focal_point_id: int,
                 old: FocalPointFields, new: FocalPointFields) -> None:
        super().__init__(desk, hub, f"edit {old.name}")
        self.focal_point_id, self.old, self.new = focal_point_id, old, new

    def forward(self) -> Change:
        return self.desk.focal.update(self.focal_point_id, self.new)

    def backward(self) -> Change:
        return self.desk.focal.update(self.focal_point_id, self.old)


class SetActive(FocalCommand):
    """Deactivate (active=False) or reactivate a focal point."""

    def __init__(self, desk: Desk, hub: ChangeHub, focal_point_id: int, name: str,
                 active: bool) -> None:
        super().__init__(desk, hub, f"{'reactivate' if active else 'deactivate'} {name}")
        self.focal_point_id, self.active = focal_point_id, active

    def _set(self, active: bool) -> Change:
        focal = self.desk.focal
        call = focal.reactivate if active else focal.deactivate
        return call(self.focal_point_id)

    def forward(self) -> Change:
        return self._set(self.active)

    def backward(self) -> Change:
        return self._set(not self.active)


class Assign(FocalCommand):
    """Assign a focal point (an id, or the one an AddFocalPoint step made) to a target."""

    def __init__(self, desk: Desk, hub: ChangeHub, focal_point: int | AddFocalPoint,
                 name: str, target: Target, ref: str, role: str) -> None:
        super().__init__(desk, hub, f"assign {name} to {ref}")
        self.focal_point, self.target, self.role = focal_point, target, role
        self.assignment_id: int | None = None

    def _person(self) -> int:
        if isinstance(self.focal_point, AddFocalPoint):
            assert self.focal_point.created_id is not None
            return self.focal_point.created_id
        return self.focal_point

    def forward(self) -> Change:
        created = self.desk.focal.assign(self._person(), self.target, self.role,
                                         id=self.assignment_id)
        self.assignment_id = created.id
        return created.change

    def backward(self) -> Change:
        assert self.assignment_id is not None
        return self.desk.focal.remove_assignment(self.assignment_id).change


class RemoveAssignment(FocalCommand):
    def __init__(self, desk: Desk, hub: ChangeHub, assignment_id: int, name: str,
                 ref: str) -> None:
        super().__init__(desk, hub, f"remove {name} from {ref}")
        self.assignment_id = assignment_id
        self.removed: Removed | None = None

    def forward(self) -> Change:
        self.removed = self.desk.focal.remove_assignment(self.assignment_id)
        return self.removed.change

    def backward(self) -> Change:
        assert self.removed is not None
        return self.desk.focal.restore_assignment(self.removed.assignment).change


class SetRole(FocalCommand):
    def __init__(self, desk: Desk, hub: ChangeHub, assignment_id: int, name: str, ref: str,
                 old: str, new: str) -> None:
        super().__init__(desk, hub, f"make {name} {new} on {ref}")
        self.assignment_id, self.old, self.new = assignment_id, old, new

    def forward(self) -> Change:
        return self.desk.focal.set_role(self.assignment_id, self.new)

    def backward(self) -> Change:
        return self.desk.focal.set_role(self.assignment_id, self.old)


class HandOver(FocalCommand):
    """All of one person's assignments to a successor (an id, or the fields of a new one)."""

    def __init__(self, desk: Desk, hub: ChangeHub, old_id: int, old_name: str,
                 successor: int | FocalPointFields, successor_name: str) -> None:
        super().__init__(desk, hub, f"hand over from {old_name} to {successor_name}")
        self.old_id, self.successor = old_id, successor
        self.done: Handover | None = None

    def forward(self) -> Change:
        new_id = self.done.successor_id if self.done is not None else None
        self.done = self.desk.focal.handover(self.old_id, self.successor, new_id=new_id)
        return self.done.change

    def backward(self) -> Change:
        assert self.done is not None
        return self.desk.focal.undo_handover(self.done)


class FocalEditor:
    """Pushes focal-point commands; says what the database refused instead of stacking it."""

    def __init__(self, desk: Desk, hub: ChangeHub) -> None:
        self.desk = desk
        self.hub = hub

    def push(self, command: DeskCommand) -> str | None:
        """Push (which applies it); the refusal's one-line message, or None if done."""
        return self.hub.push(command)

    # -- the edits, by name -----------------------------------------------------------------

    def add(self, fields: FocalPointFields) -> tuple[str | None, int | None]:
        command = AddFocalPoint(self.desk, self.hub, fields)
        error = self.push(command)
        return error, None if error else command.created_id

    def edit(self, focal_point_id: int, old: FocalPointFields,
             new: FocalPointFields) -> str | None:
        if old == new:
            return None
        return self.push(EditFocalPoint(self.desk, self.hub, focal_point_id, old, new))

    def set_active(self, focal_point_id: int, name: str, active: bool) -> str | None:
        return self.push(SetActive(self.desk, self.hub, focal_point_id, name, active))

    def assign(self, focal_point_id: int, name: str, target: Target, ref: str,
               role: str) -> str | None:
        return self.push(Assign(self.desk, self.hub, focal_point_id, name, target, ref, role))

    def assign_new(self, fields: FocalPointFields, target: Target, ref: str,
                   role: str) -> str | None:
        name = fields.name.strip()
        add = AddFocalPoint(self.desk, self.hub, fields)
        assign = Assign(self.desk, self.hub, add, name, target, ref, role)
        return self.push(Steps(self.hub, f"assign {name} (new) to {ref}", [add, assign]))

    def remove(self, assignment_id: int, name: str, ref: str) -> str | None:
        return self.push(RemoveAssignment(self.desk, self.hub, assignment_id, name, ref))

    def set_role(self, assignment_id: int, name: str, ref: str, old: str,
                 new: str) -> str | None:
        if old == new:
            return None
        return self.push(SetRole(self.desk, self.hub, assignment_id, name, ref, old, new))

    def handover(self, old_id: int, old_name: str, successor: int | FocalPointFields,
                 successor_name: str) -> str | None:
        return self.push(HandOver(self.desk, self.hub, old_id, old_name, successor,
                                  successor_name))
