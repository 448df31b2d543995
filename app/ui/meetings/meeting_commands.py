"""Every edit of a meeting or its agenda as a command (app.ui.shell.commands) on the window's
undo stack.

Each `forward()`/`backward()` calls one `desk.meetings` method (a read first where it needs to
find the item) and keeps which meeting and item to show after it (`focus`); the Change goes
through the hub with the command as its origin, and the meetings panel shows them
(`MeetingEditor.focus_of`). A command the database refuses
is reported and dropped (made obsolete), not stacked.

Ids are not stable across undo: restoring a deleted meeting or agenda item makes new rows (and
SQLite may hand an old id to another row). So commands hold a `MeetingHandle` (one per meeting,
shared by all its commands, updated when the meeting is restored) and name an item by what it
is on the agenda (`ItemKey`: the action line or section), never by its row id. A free-text
item ("Any other business") is about nothing in the plan: its key is the id it had when the
editor first met it, and the editor follows it to the row it has now (`FreeItems`).

Typing in an item's fields is saved in bursts; consecutive bursts on the same field of the same
item merge into one command, until something else happens on the stack (`ChangeHub.seal`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from app.errors import NotFoundError
from app.meetings.values import (
    FIELD_LABELS,
    AgendaItemView,
    MeetingDetail,
    MeetingFields,
)
from app.service import Desk
from app.ui.meetings.item_keys import FreeItems, ItemKey, item_key, item_name
from app.ui.shell.commands import ChangeHub, DeskCommand, TypedEdit
from app.values import Change

if TYPE_CHECKING:
    from app.meetings.manager import MeetingManager

__all__ = ["FreeItems", "ItemKey", "MeetingEditor", "MeetingFields", "item_key", "item_name"]

class MeetingHandle:
    """The current id of one meeting, whatever undo and redo did to its row."""

    __slots__ = ("id",)

    def __init__(self, meeting_id: int) -> None:
        self.id = meeting_id


def _refs_text(refs: Sequence[str]) -> str:
    return ", ".join(refs) if len(refs) <= 3 else f"{len(refs)} items"


def _item_id(meetings: MeetingManager, handle: MeetingHandle, key: ItemKey,
             free: FreeItems) -> int:
    """The current row id of the item `key` on the meeting's agenda."""
    row = free.row(key) if key[1] < 0 else None
    for view in meetings.get(handle.id).items:
        if (view.id == row and view.is_free) if row is not None else item_key(view) == key:
            return view.id
    raise NotFoundError("that item is no longer on the agenda")


class MeetingCommand(DeskCommand):
    """A step whose `apply()` / `revert()` return the change and what to show after it (the
    meeting's id, the item's key)."""

    def __init__(self, editor: MeetingEditor, text: str) -> None:
        super().__init__(editor.hub, text)
        self.editor = editor
        self.meetings = editor.desk.meetings
        # what to show after the step just run: the panel reads it when the hub tells it
        # that this command (the change's origin) made a change
        self.focus: tuple[int | None, ItemKey | None] = (None, None)

    def forward(self) -> Change:
        return self._shown(*self.apply())

    def backward(self) -> Change:
        return self._shown(*self.revert())

    def _shown(self, change: Change, meeting_id: int | None, key: ItemKey | None) -> Change:
        self.focus = (meeting_id, key)
        return change

    def apply(self) -> tuple[Change, int | None, ItemKey | None]:
        raise NotImplementedError

    def revert(self) -> tuple[Change, int | None, ItemKey | None]:
        raise NotImplementedError

    def item_id(self, handle: MeetingHandle, key: ItemKey) -> int:
        return _item_id(self.meetings, handle, key, self.editor.free)


class CreateMeeting(MeetingCommand):
    """A new meeting with its agenda typed in one line (`agenda`, as `meeting add --refs`
    takes it, references of plan `plan_id`): one step to undo."""

    def __init__(self, editor: MeetingEditor, fields: MeetingFields, agenda: str = "",
                 plan_id: int | None = None) -> None:
        super().__init__(editor, f"new meeting {fields.label}")
        self.fields, self.agenda, self.plan_id = fields, agenda, plan_id
        self.handle: MeetingHandle | None = None
        self.free_keys: list[ItemKey] = []

    def apply(self) -> tuple[Change, int | None, ItemKey | None]:
        f = self.fields
        created = self.meetings.create(
            f.kind, f.title, f.date, f.venue, f.marking, self.agenda,
            plan_id=self.plan_id if self.agenda else None, purpose=f.purpose,
            key_asks=f.key_asks, delegation=f.delegation, logistics=f.logistics,
            drafter=f.drafter, cleared_by=f.cleared_by, version=f.version,
            reference=f.reference)
        self.handle = self.editor.register(self.handle, created.id)
        free = [v.id for v in self.meetings.get(created.id).items if v.is_free]
        if self.free_keys:  # a redo: the same items of one's own, new rows
            for key, row in zip(self.free_keys, free, strict=False):
                self.editor.free.moved(key, row)
        else:
            self.free_keys = [self.editor.free.key(row) for row in free]
        return created.change, created.id, None

    def revert(self) -> tuple[Change, int | None, ItemKey | None]:
        assert self.handle is not None
        change = self.meetings.delete(self.handle.id)
        self.editor.forget(self.handle)
        return change, None, None


class EditMeeting(MeetingCommand):
    def __init__(self, editor: MeetingEditor, handle: MeetingHandle, old: MeetingFields,
                 new: MeetingFields) -> None:
        super().__init__(editor, f"edit meeting {new.label}")
        self.handle, self.old, self.new = handle, old, new

    def _set(self, f: MeetingFields) -> tuple[Change, int | None, ItemKey | None]:
        change = self.meetings.edit_meeting(self.handle.id, kind=f.kind, title=f.title,
                                            date=f.date, venue=f.venue, marking=f.marking,
                                            **f.extra())
        return change, self.handle.id, None

    def apply(self) -> tuple[Change, int | None, ItemKey | None]:
        return self._set(self.new)

    def revert(self) -> tuple[Change, int | None, ItemKey | None]:
        return self._set(self.old)


class DeleteMeeting(MeetingCommand):
    def __init__(self, editor: MeetingEditor, handle: MeetingHandle,
                 snapshot: MeetingDetail) -> None:
        super().__init__(editor, f"delete meeting {snapshot.label}")
        self.handle, self.snapshot = handle, snapshot
        self.deleted_id = snapshot.id  # the id it had when deleted (each redo: a new one)

    def apply(self) -> tuple[Change, int | None, ItemKey | None]:
        self.deleted_id = self.handle.id
        change = self.meetings.delete(self.handle.id)
        self.editor.forget(self.handle)
        return change, None, None

    def revert(self) -> tuple[Change, int | None, ItemKey | None]:
        created = self.meetings.restore(self.snapshot, deleted_id=self.deleted_id)
        self.editor.register(self.handle, created.id)
        again = self.meetings.get(created.id).items  # new rows: follow the free-text items
        for old, new in zip(self.snapshot.items, again, strict=False):
            if old.is_free and new.is_free:
                self.editor.free.moved(self.editor.free.key(old.id), new.id)
        return created.change, created.id, None


class AddItems(MeetingCommand):
    def __init__(self, editor: MeetingEditor, handle: MeetingHandle, refs: Sequence[str],
                 position: int | None, plan_id: int | None) -> None:
        super().__init__(editor, f"add {_refs_text(refs)} to agenda")
        self.handle, self.refs, self.position, self.plan_id = handle, list(refs), position, plan_id
        self.keys: list[ItemKey] = []

    def apply(self) -> tuple[Change, int | None, ItemKey | None]:
        created = self.meetings.add_items(self.handle.id, self.refs, position=self.position,
                                          plan_id=self.plan_id)
        by_id = {v.id: item_key(v) for v in self.meetings.get(self.handle.id).items}
        self.keys = [by_id[i] for i in created.ids]
        return created.change, self.handle.id, self.keys[0] if self.keys else None

    def revert(self) -> tuple[Change, int | None, ItemKey | None]:
        change = Change(meetings=True)
        for key in self.keys:
            change = self.meetings.remove_item(self.item_id(self.handle, key))
        return change, self.handle.id, None


class AddFreeItem(MeetingCommand):
    """An item of the officer's own ("Any other business") at `position` (None: the end)."""

    def __init__(self, editor: MeetingEditor, handle: MeetingHandle, title: str,
                 position: int | None) -> None:
        super().__init__(editor, f"add \u201c{title}\u201d to agenda")
        self.handle, self.title, self.position = handle, title, position
        self.key: ItemKey | None = None

    def apply(self) -> tuple[Change, int | None, ItemKey | None]:
        created = self.meetings.add_free_item(self.handle.id, self.title,
                                              position=self.position)
        if self.key is None:
            self.key = self.editor.free.key(created.id)
        else:  # a redo: the same item, a new row
            self.editor.free.moved(self.key, created.id)
        return created.change, self.handle.id, self.key

    def revert(self) -> tuple[Change, int | None, ItemKey | None]:
        assert self.key is not None
        change = self.meetings.remove_item(self.item_id(self.handle, self.key))
        return change, self.handle.id, None


class RemoveItem(MeetingCommand):
    def __init__(self, editor: MeetingEditor, handle: MeetingHandle, view: AgendaItemView) -> None:
        super().__init__(editor, f"remove {item_name(view)} from agenda")
        self.handle, self.key, self.view = handle, editor.key_of(view), view

    def apply(self) -> tuple[Change, int | None, ItemKey | None]:
        item_id = self.item_id(self.handle, self.key)
        self.view = self.meetings.item(item_id)  # with every field as it is now
        return self.meetings.remove_item(item_id), self.handle.id, None

    def revert(self) -> tuple[Change, int | None, ItemKey | None]:
        created = self.meetings.restore_item(replace(self.view, meeting_id=self.handle.id))
        if self.view.is_free:
            self.editor.free.moved(self.key, created.id)
        return created.change, self.handle.id, self.key


class MoveItem(MeetingCommand):
    def __init__(self, editor: MeetingEditor, handle: MeetingHandle, view: AgendaItemView,
                 position: int) -> None:
        super().__init__(editor, f"move {item_name(view)}")
        self.handle, self.key = handle, editor.key_of(view)
        self.old, self.new = view.position, position

    def _move(self, position: int) -> tuple[Change, int | None, ItemKey | None]:
        change = self.meetings.move_item(self.item_id(self.handle, self.key), position)
        return change, self.handle.id, self.key

    def apply(self) -> tuple[Change, int | None, ItemKey | None]:
        return self._move(self.new)

    def revert(self) -> tuple[Change, int | None, ItemKey | None]:
        return self._move(self.old)


_FIELD_MERGE_ID = 7301  # any number no other command on the stack uses


class ItemFieldEdit(TypedEdit):
    def __init__(self, editor: MeetingEditor, handle: MeetingHandle, view: AgendaItemView,
                 field: str, old: str, new: str) -> None:
        key = editor.key_of(view)
        super().__init__(editor.hub, f"{FIELD_LABELS[field].lower()} edit on {item_name(view)}",
                         _FIELD_MERGE_ID, (handle, key, field), old, new)
        self.editor, self.handle, self.item, self.field = editor, handle, key, field
        self.focus: tuple[int | None, ItemKey | None] = (handle.id, key)  # see MeetingCommand

    def set_value(self, value: str) -> Change:
        meetings = self.editor.desk.meetings
        item_id = _item_id(meetings, self.handle, self.item, self.editor.free)
        change = meetings.set_item_fields(item_id, {self.field: value})
        self.focus = (self.handle.id, self.item)
        return change


class MeetingEditor:
    """Turns the meetings panel's edits into commands on the window's undo stack."""

    def __init__(self, desk: Desk, hub: ChangeHub, failed: Callable[[str], None]) -> None:
        self.desk = desk
        self.hub = hub
        self.failed = failed  # a refused edit, in one line
        self._handles: dict[int, MeetingHandle] = {}
        self.free = FreeItems()

    def key_of(self, view: AgendaItemView) -> ItemKey:
        """The item's key in the commands (a free-text item's follows it across undo)."""
        return self.free.key(view.id) if view.is_free else item_key(view)

    # -- handles ----------------------------------------------------------------------------

    def handle(self, meeting_id: int) -> MeetingHandle:
        if meeting_id not in self._handles:
            self._handles[meeting_id] = MeetingHandle(meeting_id)
        return self._handles[meeting_id]

    def register(self, handle: MeetingHandle | None, meeting_id: int) -> MeetingHandle:
        """The meeting (made again) has this id now."""
        if handle is None:
            handle = MeetingHandle(meeting_id)
        handle.id = meeting_id
        self._handles[meeting_id] = handle
        return handle

    def forget(self, handle: MeetingHandle) -> None:
        """The meeting is gone (its id may come back for another one)."""
        if self._handles.get(handle.id) is handle:
            del self._handles[handle.id]

    def forget_all(self) -> None:
        """The database was replaced (a restore): no handle names a meeting any more."""
        self._handles.clear()
        self.free.clear()

    # -- pushing ----------------------------------------------------------------------------

    def saved_by(self, origin: object, view: AgendaItemView, field: str) -> str | None:
        """The text an edit of this field of this item saved, when it is the change's origin
        (None for any other change): the editor that typed it recognises its own save."""
        if (isinstance(origin, ItemFieldEdit) and origin.editor is self
                and (origin.item, origin.field) == (self.key_of(view), field)):
            return str(origin.new)
        return None

    def focus_of(self, origin: object) -> tuple[int | None, ItemKey | None] | None:
        """What to show after a change this editor's command made (`origin`, from the hub):
        its meeting and item; None for a change from anywhere else."""
        if isinstance(origin, MeetingCommand | ItemFieldEdit) and origin.editor is self:
            return origin.focus
        return None

    def push(self, command: MeetingCommand | ItemFieldEdit) -> bool:
        """Push (which applies it); False (after saying why) if the database refused it."""
        refusal = self.hub.push(command)
        if refusal is not None:
            self.failed(refusal)
        return refusal is None

    # -- the edits --------------------------------------------------------------------------

    def create_meeting(self, fields: MeetingFields, agenda: str = "",
                       plan_id: int | None = None) -> int | None:
        command = CreateMeeting(self, fields, agenda, plan_id)
        return command.handle.id if self.push(command) and command.handle else None

    def edit_meeting(self, meeting_id: int, old: MeetingFields, new: MeetingFields) -> bool:
        return old == new or self.push(EditMeeting(self, self.handle(meeting_id), old, new))

    def delete_meeting(self, snapshot: MeetingDetail) -> bool:
        return self.push(DeleteMeeting(self, self.handle(snapshot.id), snapshot))

    def add_items(self, meeting_id: int, refs: Sequence[str], position: int | None = None,
                  plan_id: int | None = None) -> bool:
        if not refs:
            return True
        return self.push(AddItems(self, self.handle(meeting_id), refs, position, plan_id))

    def add_free_item(self, meeting_id: int, title: str, position: int | None = None) -> bool:
        return self.push(AddFreeItem(self, self.handle(meeting_id), title, position))

    def remove_item(self, view: AgendaItemView) -> bool:
        return self.push(RemoveItem(self, self.handle(view.meeting_id), view))

    def move_item(self, view: AgendaItemView, position: int) -> bool:
        if position == view.position:
            return True
        return self.push(MoveItem(self, self.handle(view.meeting_id), view, position))

    def edit_item_field(self, view: AgendaItemView, field: str, old: str, new: str) -> bool:
        if old == new:
            return True
        return self.push(ItemFieldEdit(self, self.handle(view.meeting_id), view, field, old,
                                       new))

