"""One undo-command base and one change signal (cf. Anki's CollectionOp and its one hook).

Every edit in the window is a `DeskCommand` on the window's one `QUndoStack` (`ChangeHub.stack`):
its `forward()` and `backward()` each call one gateway method (app.service.Desk, desk.focal,
desk.meetings) and return the `Change` that call made. `redo()` and `undo()` run them and hand
the Change to the hub, whose `changed` signal every view listens to (the plan tree and detail
pane, the meetings panel, the register and coverage windows); each refreshes only what the
Change names. The signal says who started the change too (its origin: the command that made it,
None for a change from outside, such as an import or another program), so a pane recognises its
own edit coming back without keeping count of what it pushed.

`ChangeHub.push()` runs `redo()` (as QUndoStack.push does): nothing is applied before pushing.
A step the database refuses is not stacked (made obsolete) and the pusher gets its one-line
reason; an undo or redo refused later is said through `refused`. Typing is saved in bursts:
`TypedEdit`s of the same field of the same thing merge into one undo step until sealed.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import suppress
from typing import Any, TypeAlias

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from app.errors import PoaDeskError
from app.values import Change

Origin: TypeAlias = "DeskCommand | None"  # who started a change (None: from outside)


class ChangeHub(QObject):
    """The undo stack and the one signal saying what changed in the database."""

    changed = Signal(object, object)  # app.values.Change (an edit, undo, redo, import), Origin
    refused = Signal(str, object)  # an undo or redo the database refused: message, command

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.stack = QUndoStack(self)
        self._bursts = _Bursts(self.stack)
        self._refusal: str | None = None
        self.refusal_error: PoaDeskError | None = None  # the last push's refusal, as raised
        self.refused_text = ""  # the text typed that the refused push was saving, if any

    def push(self, command: DeskCommand) -> str | None:
        """Push `command` (which applies it); the database's refusal in one line, or None
        (`refusal_error` then holds the error itself: a StaleEdit is answered differently)."""
        self._bursts.pushing, self._refusal, self.refusal_error = True, None, None
        self.refused_text = ""
        try:
            self.stack.push(command)
        finally:
            self._bursts.pushing = False
        return self._refusal

    def publish(self, change: Change, origin: Origin = None) -> None:
        """Tell every view what changed, and who started it (the commands do, giving
        themselves; an import or the watcher give no origin)."""
        self.changed.emit(change, origin)

    def refuse(self, message: str, command: DeskCommand,
               error: PoaDeskError | None = None) -> None:
        if not self._bursts.pushing:
            self.refused.emit(message, command)  # an undo or redo that cannot be done now
        elif self._refusal is None:
            self._refusal = message  # the pusher shows it where the officer is looking
            self.refusal_error = error
            self.refused_text = command.typed_text()

    def last_command(self, undone: bool) -> QUndoCommand | None:
        """The command just undone (or redone)."""
        index = self.stack.index() if undone else self.stack.index() - 1
        return self.stack.command(index) if 0 <= index < self.stack.count() else None

    def seal(self, kind: type[TypedEdit] | None = None) -> None:
        """End the typing burst on top of the stack (only if it is a `kind`): the next save of
        that field is a new undo step."""
        self._bursts.seal(kind)


class _Bursts:
    """Ends the typing burst on top of the stack when anything else happens there (an undo, a
    redo). A plain object, not the hub: the stack's last signals come while the hub is being
    destroyed."""

    def __init__(self, stack: QUndoStack) -> None:
        self.stack = stack
        self.pushing = False
        stack.indexChanged.connect(self._index_changed)

    def seal(self, kind: type[TypedEdit] | None = None) -> None:
        index = self.stack.index()
        command = self.stack.command(index - 1) if index > 0 else None
        if isinstance(command, kind or TypedEdit):
            command.sealed = True

    def _index_changed(self, _index: int) -> None:
        if not self.pushing:
            with suppress(RuntimeError):  # the stack is being destroyed with the window
                self.seal()


class DeskCommand(QUndoCommand):
    """One undoable step: `forward()` / `backward()` call one gateway method each."""

    drop_when_undo_refused = False  # True: an undo that can no longer be done drops the step

    def __init__(self, hub: ChangeHub, text: str) -> None:
        super().__init__(text)
        self.hub = hub

    def forward(self) -> Change:
        raise NotImplementedError

    def backward(self) -> Change:
        raise NotImplementedError

    def typed_text(self) -> str:
        """The officer's own typed text this step saves ("" when it saves no typing): kept
        on the clipboard when the database cannot be reached."""
        return ""

    def run(self, forward: bool) -> bool:
        """Run the step (or its inverse); hand the change, or the refusal, to the hub."""
        try:
            change = self.forward() if forward else self.backward()
        except PoaDeskError as exc:
            self.hub.refuse(str(exc), self, exc)
            return False
        self.hub.publish(change, self)
        return True

    def redo(self) -> None:
        if not self.run(True):
            self.setObsolete(True)  # refused: QUndoStack drops it instead of stacking it

    def undo(self) -> None:
        if not self.run(False) and self.drop_when_undo_refused:
            self.setObsolete(True)  # cannot be taken back any more: drop it, do not lie


class TypedEdit(DeskCommand):
    """A field set from `old` to `new`. With a merge id (>= 0), consecutive saves of the same
    field of the same thing (`key`) merge into one step, until `sealed` (the officer moved on)."""

    def __init__(self, hub: ChangeHub, text: str, merge_id: int, key: object, old: Any,
                 new: Any) -> None:
        super().__init__(hub, text)
        self._merge_id, self.key, self.old, self.new = merge_id, key, old, new
        self.sealed = False

    def set_value(self, value: Any) -> Change:
        raise NotImplementedError

    def forward(self) -> Change:
        return self.set_value(self.new)

    def backward(self) -> Change:
        return self.set_value(self.old)

    def id(self) -> int:
        return self._merge_id

    def typed_text(self) -> str:
        if isinstance(self.new, str) and self._merge_id >= 0:  # notes, an agenda item's field
            return self.new
        if isinstance(self.new, list | tuple) and all(isinstance(t, str) for t in self.new):
            return ", ".join(self.new)  # tags
        return ""

    def mergeWith(self, other: QUndoCommand) -> bool:
        if (self.sealed or type(other) is not type(self) or other.isObsolete()  # refused
                or not isinstance(other, TypedEdit) or other.key != self.key):
            return False
        self.new = other.new
        if self.new == self.old:  # typed and deleted again: nothing left to undo
            self.setObsolete(True)
        return True


class Steps(DeskCommand):
    """Several steps as one undo entry; if one is refused, those done are taken back."""

    drop_when_undo_refused = True

    def __init__(self, hub: ChangeHub, text: str, steps: Sequence[DeskCommand]) -> None:
        super().__init__(hub, text)
        self.steps = list(steps)

    def redo(self) -> None:
        done: list[DeskCommand] = []
        for step in self.steps:
            if not step.run(True):
                for back in reversed(done):
                    back.run(False)
                self.setObsolete(True)
                return
            done.append(step)

    def undo(self) -> None:
        for step in reversed(self.steps):
            if not step.run(False):
                self.setObsolete(True)
                return
