"""Every edit of a meeting or its agenda as a QUndoCommand on the window's undo stack.

Each `redo()`/`undo()` calls one `desk.meetings` method (a read first where it needs to find
the item). `QUndoStack.push()` runs `redo()`: nothing is applied before pushing. A command the
database refuses is reported and dropped (made obsolete), not stacked.

Ids are not stable across undo: restoring a deleted meeting or agenda item makes new rows (and
SQLite may hand an old id to another row). So commands hold a `MeetingHandle` (one per meeting,
shared by all its commands, updated when the meeting is restored) and name an item by what it
is on the agenda (`ItemKey`: the action line or section), never by its row id.

Typing in an item's fields is saved in bursts; consecutive bursts on the same field of the same
item merge into one command, until something else happens on the stack (`seal`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass, replace
from datetime import date

from PySide6.QtGui import QUndoCommand, QUndoStack

from app.errors import NotFoundError, PoaDeskError
from app.meetings.values import FIELD_LABELS, AgendaItemView, MeetingDetail, meeting_label
from app.service import Desk
from app.values import Change

ItemKey = tuple[bool, int]  # (is a whole section, section or action line id)


def item_key(view: AgendaItemView) -> ItemKey:
    target = view.section_id if view.is_section else view.action_line_id
    assert target is not None
    return (view.is_section, target)


@dataclass(frozen=True, slots=True)
class MeetingFields:
    """What the meeting form edits."""

    kind: str
    title: str
    date: date | None = None
    venue: str = ""
    marking: str = ""

    @classmethod
    def of(cls, m: MeetingDetail) -> MeetingFields:
        return cls(m.kind, m.title, m.date, m.venue, m.marking)

    @property
    def label(self) -> str:
        return meeting_label(self.kind, self.date, self.title)


class MeetingHandle:
    """The current id of one meeting, whatever undo and redo did to its row."""

    __slots__ = ("id",)

    def __init__(self, meeting_id: int) -> None:
        self.id = meeting_id


@dataclass
class MeetingSink:
    """Where commands report: `changed(change, meeting id to show, item to select)`."""

    changed: Callable[[Change, int | None, ItemKey | None], None]
    failed: Callable[[str], None]


def _refs_text(refs: Sequence[str]) -> str:
    return ", ".join(refs) if len(refs) <= 3 else f"{len(refs)} items"


class MeetingCommand(QUndoCommand):
    def __init__(self, editor: MeetingEditor, text: str) -> None:
        super().__init__(text)
        self.editor = editor
        self.meetings = editor.desk.meetings

    def redo(self) -> None:
        if not self._run(self.apply):
            self.setObsolete(True)  # refused: QUndoStack drops it instead of stacking it

    def undo(self) -> None:
        self._run(self.revert)

    def _run(self, step: Callable[[], tuple[Change, int | None, ItemKey | None]]) -> bool:
        try:
            change, meeting_id, key = step()
        except PoaDeskError as exc:
            self.editor.report_failure(str(exc))
            return False
        self.editor.sink.changed(change, meeting_id, key)
        return True

    def apply(self) -> tuple[Change, int | None, ItemKey | None]:
        raise NotImplementedError

    def revert(self) -> tuple[Change, int | None, ItemKey | None]:
        raise NotImplementedError

    def item_id(self, handle: MeetingHandle, key: ItemKey) -> int:
        """The current row id of the item `key` on the meeting's agenda."""
        for view in self.meetings.get(handle.id).items:
            if item_key(view) == key:
                return view.id
        raise NotFoundError("that item is no longer on the agenda")


class CreateMeeting(MeetingCommand):
    def __init__(self, editor: MeetingEditor, fields: MeetingFields) -> None:
        super().__init__(editor, f"new meeting {fields.label}")
        self.fields = fields
        self.handle: MeetingHandle | None = None

    def apply(self) -> tuple[Change, int | None, ItemKey | None]:
        f = self.fields
        created = self.meetings.create(f.kind, f.title, f.date, f.venue, f.marking)
        self.handle = self.editor.register(self.handle, created.id)
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
                                            date=f.date, venue=f.venue, marking=f.marking)
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

    def apply(self) -> tuple[Change, int | None, ItemKey | None]:
        change = self.meetings.delete(self.handle.id)
        self.editor.forget(self.handle)
        return change, None, None

    def revert(self) -> tuple[Change, int | None, ItemKey | None]:
        created = self.meetings.restore(self.snapshot)
        self.editor.register(self.handle, created.id)
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


class RemoveItem(MeetingCommand):
    def __init__(self, editor: MeetingEditor, handle: MeetingHandle, view: AgendaItemView) -> None:
        super().__init__(editor, f"remove {view.ref} from agenda")
        self.handle, self.key, self.view = handle, item_key(view), view

    def apply(self) -> tuple[Change, int | None, ItemKey | None]:
        item_id = self.item_id(self.handle, self.key)
        self.view = self.meetings.item(item_id)  # with every field as it is now
        return self.meetings.remove_item(item_id), self.handle.id, None

    def revert(self) -> tuple[Change, int | None, ItemKey | None]:
        created = self.meetings.restore_item(replace(self.view, meeting_id=self.handle.id))
        return created.change, self.handle.id, self.key


class MoveItem(MeetingCommand):
    def __init__(self, editor: MeetingEditor, handle: MeetingHandle, view: AgendaItemView,
                 position: int) -> None:
        super().__init__(editor, f"move {view.ref}")
        self.handle, self.key = handle, item_key(view)
        self.old, self.new = view.position, position

    def _move(self, position: int) -> tuple[Change, int | None, ItemKey | None]:
        change = self.meetings.move_item(self.item_id(self.handle, self.key), position)
        return change, self.handle.id, self.key

    def apply(self) -> tuple[Change, int | None, ItemKey | None]:
        return self._move(self.new)

    def revert(self) -> tuple[Change, int | None, ItemKey | None]:
        return self._move(self.old)


_FIELD_MERGE_ID = 7301  # any number no other command on the stack uses


class ItemFieldEdit(MeetingCommand):
    def __init__(self, editor: MeetingEditor, handle: MeetingHandle, view: AgendaItemView,
                 field: str, old: str, new: str) -> None:
        super().__init__(editor, f"{FIELD_LABELS[field].lower()} edit on {view.ref}")
        self.handle, self.key, self.field = handle, item_key(view), field
        self.old, self.new = old, new
        self.sealed = False  # no more merging: the officer moved on

    def id(self) -> int:
        return _FIELD_MERGE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if (self.sealed or not isinstance(other, ItemFieldEdit) or other.isObsolete()  # refused
                or other.field != self.field
                or other.key != self.key or other.handle is not self.handle):
            return False
        self.new = other.new
        if self.new == self.old:  # typed and deleted again: nothing left to undo
            self.setObsolete(True)
        return True

    def _set(self, value: str) -> tuple[Change, int | None, ItemKey | None]:
        item_id = self.item_id(self.handle, self.key)
        return (self.meetings.set_item_fields(item_id, {self.field: value}), self.handle.id,
                self.key)

    def apply(self) -> tuple[Change, int | None, ItemKey | None]:
        return self._set(self.new)

    def revert(self) -> tuple[Change, int | None, ItemKey | None]:
        return self._set(self.old)


class MeetingEditor:
    """Turns the meetings panel's edits into commands on the window's undo stack."""

    def __init__(self, desk: Desk, stack: QUndoStack, sink: MeetingSink) -> None:
        self.desk = desk
        self.stack = stack
        self.sink = sink
        self._handles: dict[int, MeetingHandle] = {}
        self._refused: str | None = None
        self._pushing = False
        # Anything else on the stack (an undo, a redo, another edit) ends a typing burst.
        stack.indexChanged.connect(self._index_changed)

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

    # -- pushing ----------------------------------------------------------------------------

    def report_failure(self, message: str) -> None:
        self._refused = message
        self.sink.failed(message)

    @property
    def pushing(self) -> bool:
        """True while one of these edits is being pushed (and applied)."""
        return self._pushing

    def push(self, command: MeetingCommand) -> bool:
        """Push (which applies it); False if the database refused it."""
        self._refused = None
        self._pushing = True
        try:
            self.stack.push(command)
        finally:
            self._pushing = False
        return self._refused is None

    def _index_changed(self, _index: int) -> None:
        if self._pushing:
            return
        with suppress(RuntimeError):  # the stack is being destroyed with the window
            self.seal()

    def seal(self) -> None:
        """End the current typing burst: the next edit of a field is a new undo step."""
        index = self.stack.index()
        command = self.stack.command(index - 1) if index > 0 else None
        if isinstance(command, ItemFieldEdit):
            command.sealed = True

    # -- the edits --------------------------------------------------------------------------

    def create_meeting(self, fields: MeetingFields) -> int | None:
        command = CreateMeeting(self, fields)
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

